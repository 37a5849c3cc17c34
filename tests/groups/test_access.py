"""Persona x endpoint x object access table for every groups route (QUALITY.md section 2: the
audience walls), in the style of tests/accounts/test_access.py.

Each row: method, route rule, path (built from the cast and the world), body, the personas that
succeed, the success status. Everyone else gets the same denial (404, or 422 where the rule is one
the caller is entitled to hear, e.g. "verify your account first"); without a token, 401.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.groups import service
from tests.factories import ALL_PERSONAS, make_teen, make_user, route_of, routes_of
from tests.groups.conftest import Screener, World, build_world, join, start_thread

ALL = set(ALL_PERSONAS)
MODS = {"moderator", "lapsed_moderator", "dsl", "admin"}  # moderation staff: every adult group
HELD_READERS = MODS - {"admin"}  # held content: moderators and the lead, never admins (least privilege)
YOUTH_MODS = {"moderator", "dsl"}  # moderation staff with an in-date DBS check

# Who may see each world group's card, read it, post in it, see its members.
SEE = {
    "open_adopters": {"adopter", "unverified_adopter", "prospective", "mentor", "agency_worker", *MODS},
    "request_carers": {"adopter", "unverified_adopter", "guardian", "mentor", "agency_worker", *MODS},
    "invite_adopters": {"mentor", "agency_worker", *MODS},
    "youth": {"teen", "agency_worker", *YOUTH_MODS},
    "adoptees": {"adult_adoptee", "agency_worker", *MODS},
    "prospective": {"prospective", "agency_worker", *MODS},
    # agency_worker is not assigned here: the card of an adult group, never its content.
    "guardians": {"guardian", "prospective", "agency_worker", *MODS},
}
READ = {
    "open_adopters": {"adopter", "prospective", "mentor", "agency_worker", *MODS},
    "request_carers": {"guardian", "agency_worker", *MODS},
    "invite_adopters": {"mentor", "agency_worker", *MODS},
    "youth": {"teen", "agency_worker", *YOUTH_MODS},
    "adoptees": {"adult_adoptee", "agency_worker", *MODS},
    "prospective": {"prospective", "agency_worker", *MODS},
    "guardians": {"guardian", "prospective", *MODS},
}
POST = {
    "open_adopters": {"adopter", "mentor", "agency_worker"},
    "youth": {"teen", "agency_worker"},
    "guardians": {"guardian", "admin"},
}
MEMBERS = {
    "open_adopters": {"adopter", "mentor", "agency_worker", *MODS},
    "invite_adopters": {"mentor", "agency_worker", *MODS},
    # A young person never gets a list of other young people; staff with an in-date DBS check do.
    "youth": {"agency_worker", *YOUTH_MODS},
}
GROUPS = tuple(SEE)

Path = Callable[[Any, World], str]
Body = Callable[[Any, World], Any] | None
# The success status: one for every allowed persona, or one each (a join that makes a membership is
# 201, one that finds the caller already in is 200).
Row = tuple[str, str, Path, Body, set[str], int | dict[str, int]]


def gid(name: str) -> Callable[[Any, World], int]:
    return lambda c, w: getattr(w, name).id


# Fresh objects per persona, so one persona's success never changes what the next one meets.
def _pending_adopter(c: Any, w: World) -> int:
    person = make_user("adopter")
    join(person.user, w.request_carers)
    return person.id


def _pending_teen(c: Any, w: World) -> int:
    person = make_teen(c.guardian)
    join(person.user, w.youth)
    return person.id


def _open_member(c: Any, w: World) -> int:
    person = make_user("adopter")
    join(person.user, w.open_adopters)
    return person.id


def _fresh_staff(c: Any, w: World, group: str) -> int:
    person = make_user("moderator", dbs="in_date")
    service.do_assign_staff(c.agency_worker.user, getattr(w, group).id, person.id)
    return person.id


def _proposal(c: Any, w: World) -> int:
    view = service.do_propose_group(
        c.adopter2.user, {"name": "Adopters of siblings", "description": "", "audience": "adopters"}
    )
    return int(view["id"])


def _new_group(audience: str) -> Callable[[Any, World], dict[str, Any]]:
    return lambda c, w: {"name": "A new group", "audience": audience, "description": "Welcome"}


TABLE: list[Row] = [
    # --- groups -------------------------------------------------------------------------------
    ("GET", "/api/v1/groups", lambda c, w: "/api/v1/groups", None, ALL, 200),
    ("GET", "/api/v1/groups", lambda c, w: "/api/v1/groups?audience=young_people&mine=true", None, ALL, 200),
    (
        "POST",
        "/api/v1/groups",
        lambda c, w: "/api/v1/groups",
        _new_group("adopters"),
        {"agency_worker", "admin"},
        201,
    ),
    # Young people's groups: only staff with an in-date DBS check (the admin has none: 422).
    (
        "POST",
        "/api/v1/groups",
        lambda c, w: "/api/v1/groups",
        _new_group("young_people"),
        {"agency_worker"},
        201,
    ),
    *[
        (
            "GET",
            "/api/v1/groups/<int:group_id>",
            lambda c, w, g=g: f"/api/v1/groups/{gid(g)(c, w)}",
            None,
            SEE[g],
            200,
        )
        for g in GROUPS
    ],
    *[
        (
            "PATCH",
            "/api/v1/groups/<int:group_id>",
            lambda c, w, g=g: f"/api/v1/groups/{gid(g)(c, w)}",
            lambda c, w: {"description": "Updated by staff"},
            allowed,
            200,
        )
        for g, allowed in (
            ("open_adopters", {"agency_worker", "admin"}),
            ("youth", {"agency_worker"}),
            ("guardians", {"admin"}),
        )
    ],
    # --- membership ---------------------------------------------------------------------------
    # Already in: harmless. Unverified adults hear why (422); people who see the group but may not
    # join it hear why (403, ``join_refused``); everyone else the same 404.
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/membership",
        None,
        {"adopter", "mentor", "agency_worker"},
        200,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.request_carers.id}/membership",
        None,
        {"adopter", "guardian", "mentor", "agency_worker"},
        {"adopter": 201, "mentor": 201, "guardian": 200, "agency_worker": 200},  # new requests: 201
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.invite_adopters.id}/membership",
        None,
        {"mentor", "agency_worker"},
        200,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/membership",
        None,
        {"teen", "agency_worker"},
        200,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.adoptees.id}/membership",
        None,
        {"adult_adoptee", "agency_worker"},
        200,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.guardians.id}/membership",
        None,
        {"guardian", "admin"},
        200,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/membership",
        None,
        {"adopter", "mentor", "agency_worker"},
        204,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/membership",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/membership",
        None,
        {"teen", "agency_worker"},
        204,
    ),
    *[
        (
            "GET",
            "/api/v1/groups/<int:group_id>/members",
            lambda c, w, g=g: f"/api/v1/groups/{gid(g)(c, w)}/members",
            None,
            allowed,
            200,
        )
        for g, allowed in MEMBERS.items()
    ],
    (
        "POST",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>/approve",
        lambda c, w: f"/api/v1/groups/{w.request_carers.id}/members/{_pending_adopter(c, w)}/approve",
        None,
        {"agency_worker", "admin"},
        200,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>/approve",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/members/{_pending_teen(c, w)}/approve",
        None,
        {"agency_worker"},
        200,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/members/{_open_member(c, w)}",
        None,
        {"mentor", "agency_worker", "admin"},
        204,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/members/{_pending_teen(c, w)}",
        None,
        {"agency_worker"},
        204,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>/role",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/members/{c.adopter.id}/role",
        lambda c, w: {"role": "leader"},
        {"agency_worker", "admin"},
        200,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/members/<int:user_id>/role",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/members/{c.teen.id}/role",
        lambda c, w: {"role": "member"},
        {"agency_worker"},
        200,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.invite_adopters.id}/invitations",
        lambda c, w: {"user_id": make_user("adopter").id},
        {"agency_worker", "admin"},
        201,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/invitations",
        lambda c, w: {"user_id": make_user("adopter").id},
        {"mentor", "agency_worker", "admin"},
        201,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/invitations",
        lambda c, w: {"user_id": make_teen(c.guardian).id},
        {"agency_worker"},
        201,
    ),
    # Across the wall nobody can be invited: a young person into an adult group, an adult into a
    # young people's group, an adult adoptee into an adopters' group.
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/invitations",
        lambda c, w: {"user_id": c.teen2.id},
        set(),
        201,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/invitations",
        lambda c, w: {"user_id": c.adopter2.id},
        set(),
        201,
    ),
    (
        "POST",
        "/api/v1/groups/<int:group_id>/invitations",
        lambda c, w: f"/api/v1/groups/{w.invite_adopters.id}/invitations",
        lambda c, w: {"user_id": c.adult_adoptee.id},
        set(),
        201,
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/staff/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/staff/{c.moderator2.id}",
        None,
        {"agency_worker", "admin"},
        {"agency_worker": 201, "admin": 200},  # assigned by the first, already staff for the second
    ),
    (
        "PUT",
        "/api/v1/groups/<int:group_id>/staff/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/staff/{c.moderator2.id}",
        None,
        {"agency_worker"},
        201,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/staff/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.open_adopters.id}/staff/{_fresh_staff(c, w, 'open_adopters')}",
        None,
        {"agency_worker", "admin"},
        204,
    ),
    (
        "DELETE",
        "/api/v1/groups/<int:group_id>/staff/<int:user_id>",
        lambda c, w: f"/api/v1/groups/{w.youth.id}/staff/{_fresh_staff(c, w, 'youth')}",
        None,
        {"agency_worker"},
        204,
    ),
    # --- proposals ----------------------------------------------------------------------------
    ("GET", "/api/v1/group-proposals", lambda c, w: "/api/v1/group-proposals", None, ALL, 200),
    (
        "POST",
        "/api/v1/group-proposals",
        lambda c, w: "/api/v1/group-proposals",
        _new_group("adopters"),
        {"adopter", "mentor"},
        201,
    ),
    (
        "POST",
        "/api/v1/group-proposals",
        lambda c, w: "/api/v1/group-proposals",
        _new_group("adult_adoptees"),
        {"adult_adoptee"},
        201,
    ),
    (
        "POST",
        "/api/v1/group-proposals",
        lambda c, w: "/api/v1/group-proposals",
        _new_group("young_people"),
        set(),
        201,
    ),
    (
        "POST",
        "/api/v1/group-proposals/<int:group_id>/approve",
        lambda c, w: f"/api/v1/group-proposals/{_proposal(c, w)}/approve",
        None,
        {"agency_worker", "admin"},
        200,
    ),
    (
        "POST",
        "/api/v1/group-proposals/<int:group_id>/decline",
        lambda c, w: f"/api/v1/group-proposals/{_proposal(c, w)}/decline",
        lambda c, w: {"reason": "There is already a group for this"},
        {"agency_worker", "admin"},
        200,
    ),
    # --- threads ------------------------------------------------------------------------------
    *[
        (
            "GET",
            "/api/v1/groups/<int:group_id>/threads",
            lambda c, w, g=g: f"/api/v1/groups/{gid(g)(c, w)}/threads",
            None,
            READ[g],
            200,
        )
        for g in GROUPS
    ],
    *[
        (
            "POST",
            "/api/v1/groups/<int:group_id>/threads",
            lambda c, w, g=g: f"/api/v1/groups/{gid(g)(c, w)}/threads",
            lambda c, w: {"title": "School transition", "body": "Any tips for Year 7?"},
            allowed,
            201,
        )
        for g, allowed in POST.items()
    ],
    *[
        (
            "GET",
            "/api/v1/threads/<int:thread_id>",
            lambda c, w, t=t: f"/api/v1/threads/{getattr(w, t).id}",
            None,
            allowed,
            200,
        )
        for t, allowed in (
            ("adopters_thread", READ["open_adopters"]),
            ("invite_thread", READ["invite_adopters"]),
            ("youth_thread", READ["youth"]),
            ("adoptees_thread", READ["adoptees"]),
            # Held by screening: its author and moderation staff only.
            ("held_thread", {"adopter", *HELD_READERS}),
        )
    ],
    *[
        (
            "PATCH",
            "/api/v1/threads/<int:thread_id>",
            lambda c, w, t=t: f"/api/v1/threads/{getattr(w, t).id}",
            lambda c, w: {"title": "A clearer title"},
            allowed,
            200,
        )
        for t, allowed in (("adopters_thread", {"adopter"}), ("youth_thread", {"teen"}))
    ],
    *[
        (
            "GET",
            "/api/v1/threads/<int:thread_id>/posts",
            lambda c, w, t=t: f"/api/v1/threads/{getattr(w, t).id}/posts",
            None,
            allowed,
            200,
        )
        for t, allowed in (
            ("adopters_thread", READ["open_adopters"]),
            ("invite_thread", READ["invite_adopters"]),
            ("youth_thread", READ["youth"]),
            ("adoptees_thread", READ["adoptees"]),
            ("held_thread", {"adopter", *HELD_READERS}),
        )
    ],
    *[
        (
            "POST",
            "/api/v1/threads/<int:thread_id>/posts",
            lambda c, w, t=t: f"/api/v1/threads/{getattr(w, t).id}/posts",
            lambda c, w: {"body": "Thank you, this helps"},
            allowed,
            201,
        )
        for t, allowed in (
            ("adopters_thread", POST["open_adopters"]),
            ("youth_thread", POST["youth"]),
            ("invite_thread", {"mentor", "agency_worker"}),
            ("held_thread", set()),  # nobody replies to a thread that is not published
        )
    ],
    # --- posts --------------------------------------------------------------------------------
    *[
        (
            "PATCH",
            "/api/v1/posts/<int:post_id>",
            lambda c, w, x=x: f"/api/v1/posts/{getattr(w, x).id}",
            lambda c, w: {"body": "Edited: we wrote ours together at the kitchen table"},
            allowed,
            200,
        )
        for x, allowed in (("adopters_reply", {"mentor"}), ("youth_post", {"teen"}))
    ],
    *[
        (
            "DELETE",
            "/api/v1/posts/<int:post_id>",
            lambda c, w, x=x: f"/api/v1/posts/{getattr(w, x).id}",
            None,
            allowed,
            204,
        )
        for x, allowed in (("adopters_reply", {"mentor"}), ("youth_post", {"teen"}))
    ],
    *[
        (
            method,
            "/api/v1/posts/<int:post_id>/reactions/<string:kind>",
            lambda c, w, x=x, k=k: f"/api/v1/posts/{getattr(w, x).id}/reactions/{k}",
            None,
            allowed,
            200,
        )
        for method in ("PUT", "DELETE")
        for x, k, allowed in (
            ("adopters_reply", "hug", POST["open_adopters"]),
            ("youth_post", "same_here", POST["youth"]),
            ("adopters_reply", "angry", set()),  # not one of the kinds
        )
    ],
]


def join_refused(world: World, path: str, persona: str) -> int:
    """A refused join: 403 (with the reason) for a group the persona can see, 404 for one they can't."""
    group = next(g for g in GROUPS if path == f"/api/v1/groups/{getattr(world, g).id}/membership")
    return 403 if persona in SEE[group] else 404


@pytest.mark.parametrize("row", TABLE, ids=[f"{i} {m} {rule}" for i, (m, rule, *_r) in enumerate(TABLE)])
def test_access_table(client: Any, cast: Any, screener: Screener, row: Row) -> None:
    method, _rule, path_for, body_for, allowed, success = row
    world = build_world(cast, screener)
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        path = path_for(cast, world)
        body = body_for(cast, world) if body_for else None
        response = client.open(path, method=method, json=body, headers=actor.headers)
        if persona in allowed:
            expected = success[persona] if isinstance(success, dict) else success
            assert response.status_code == expected, (persona, method, path, response.json)
        elif (method, _rule) == (
            "PUT",
            "/api/v1/groups/<int:group_id>/membership",
        ) and persona != "unverified_adopter":
            assert response.status_code == join_refused(world, path, persona), (persona, path, response.json)
            assert (
                response.status_code == 404
                or response.json["message"] == response.json["errors"]["_schema"][0]
            )
        else:
            assert response.status_code in (404, 422), (persona, method, path, response.status_code)
        # Without a token, nothing but 401.
        assert client.open(path, method=method, json=body).status_code == 401


def test_every_groups_route_is_in_the_table(app: Any, cast: Any, screener: Screener) -> None:
    """A new groups route (or method) must be added to the access table: the (method, rule) pairs the
    rows' real paths reach are exactly those the groups feature serves, and each row's rule column
    names the route its path really reaches."""
    world = build_world(cast, screener)
    covered = set()
    for method, rule, path_for, *_rest in TABLE:
        reached = route_of(app, method, path_for(cast, world))
        assert reached == (method, rule), ("the row's path reaches another route", reached, rule)
        covered.add(reached)
    routes = routes_of(app, "groups")
    assert routes == covered, ("missing", routes - covered, "stale", covered - routes)
    assert len(TABLE) * len(ALL_PERSONAS) >= 12 * len(routes)


def test_listings_respect_the_wall(client: Any, cast: Any, world: World) -> None:
    """GET /groups lists exactly the groups each persona may see; counts only where members are visible."""
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        listed = client.get("/api/v1/groups", headers=actor.headers).json["items"]
        names = {g["name"] for g in listed}
        expected = {getattr(world, g).name for g, who in SEE.items() if persona in who}
        assert expected <= names, (persona, expected - names)
        world_names = {getattr(world, g).name for g in SEE}
        assert names & world_names == expected, (persona, (names & world_names) ^ expected)
        for g in listed:
            if g["name"] == world.youth.name:
                assert g["member_count"] == (2 if persona in MEMBERS["youth"] else None), persona
            if g["name"] == world.open_adopters.name:
                assert (g["member_count"] is not None) == (persona in MEMBERS["open_adopters"]), persona
        # Search holds the same wall.
        found = client.get("/api/v1/groups?q=teen", headers=actor.headers).json["items"]
        assert bool(found) == (persona in SEE["youth"]), persona


def test_thread_listing_counts_and_search_never_cross_the_wall(client: Any, cast: Any, world: World) -> None:
    start_thread(cast.teen.user, world.youth, "Teen only", "Just for us")
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        response = client.get(f"/api/v1/groups/{world.youth.id}/threads", headers=actor.headers)
        if persona in READ["youth"]:
            assert {t["title"] for t in response.json["items"]} >= {"Teen only", "Starting Year 10"}
        else:
            assert response.status_code == 404
            assert "Teen" not in response.get_data(as_text=True)
