"""Persona x endpoint access table for the accounts routes: who gets in, and everyone else's 404/401.

Each row: method, path (built from the cast), body, the personas that succeed, the success status.
Everyone else must get the denial status (404 for things that exist but are not theirs; never 200).
The two public routes (registration, accepting an invitation) are in PUBLIC instead, and every
accounts route and method must be exercised by one or the other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.accounts import invitations, service
from backend.accounts.models import Block, Mute
from backend.core.db import db
from tests.factories import ALL_PERSONAS, PASSWORD, add_child, make_user, route_of, routes_of

CARERS = {"adopter", "unverified_adopter", "guardian", "mentor"}
WORKERS = {"agency_worker", "admin"}


_n = itertools.count(1)


def _child_of_adopter(cast: Any) -> int:
    return add_child(cast.adopter.user.family_id, age=14).id


def _confirmed_child_of_adopter(cast: Any) -> int:
    """A child of the adopter's family that their agency's worker has confirmed."""
    return invitations.do_confirm_child(cast.agency_worker.user, _child_of_adopter(cast)).id


# Fresh targets per call, so one persona's success never changes what the next one meets.
def _blocked_by(cast: Any, personas: tuple[str, ...]) -> int:
    """A new account that each of ``personas`` has blocked."""
    blockers = [getattr(cast, name).id for name in personas]
    target = make_user("adopter").id
    db.session.add_all([Block(blocker_id=me, blocked_id=target) for me in blockers])
    db.session.commit()
    return target


def _muted_by(cast: Any, personas: tuple[str, ...]) -> int:
    """A new account that each of ``personas`` has muted."""
    muters = [getattr(cast, name).id for name in personas]
    target = make_user("adopter").id
    db.session.add_all([Mute(muter_id=me, muted_id=target) for me in muters])
    db.session.commit()
    return target


Row = tuple[str, Callable[[Any], str], Callable[[Any], Any] | None, set[str], int]

TABLE: list[Row] = [
    ("GET", lambda c: "/api/v1/me", None, set(ALL_PERSONAS), 200),
    (
        "PATCH",
        lambda c: "/api/v1/me",
        lambda c: {"display_name": "A new name", "region": "Yorkshire"},
        set(ALL_PERSONAS),
        200,
    ),
    # Deleting the account uses up its caller: each call is made by a new persona (USES_UP_THE_CALLER).
    ("DELETE", lambda c: "/api/v1/me", None, set(ALL_PERSONAS), 204),
    (
        "POST",
        lambda c: "/api/v1/me/password",
        lambda c: {"current_password": PASSWORD, "new_password": "a brand new passphrase"},
        set(ALL_PERSONAS),
        204,
    ),
    ("GET", lambda c: "/api/v1/me/privacy", None, set(ALL_PERSONAS), 200),
    (
        "PATCH",
        lambda c: "/api/v1/me/privacy",
        lambda c: {"nudges_enabled": True, "digest_cadence": "monthly", "confirm": True},
        set(ALL_PERSONAS),
        200,
    ),
    # Connection requests stay off for young people, confirmed or not (PRODUCT.md 3).
    (
        "PATCH",
        lambda c: "/api/v1/me/privacy",
        lambda c: {"allow_connection_requests": True, "confirm": True},
        set(ALL_PERSONAS) - {"teen"},
        200,
    ),
    ("GET", lambda c: "/api/v1/me/export", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/blocks", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/mutes", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/family", None, CARERS, 200),
    ("PATCH", lambda c: "/api/v1/me/family", lambda c: {"region": "North West"}, CARERS, 200),
    (
        "POST",
        lambda c: "/api/v1/me/family/children",
        lambda c: {"birth_month": 3, "birth_year": 2016, "legal_route": "kinship"},
        CARERS,
        201,
    ),
    # A child's record is removed only by its own family's carers.
    ("DELETE", lambda c: f"/api/v1/me/family/children/{_child_of_adopter(c)}", None, {"adopter"}, 204),
    ("GET", lambda c: f"/api/v1/families/{c.adopter.user.family_id}", None, {"adopter", *WORKERS}, 200),
    # A worker of the family's own agency verifies it (others: tests/accounts/test_verification.py).
    ("POST", lambda c: f"/api/v1/families/{c.guardian.user.family_id}/verify", None, WORKERS, 200),
    (
        "POST",
        lambda c: f"/api/v1/families/{c.guardian.user.family_id}/agency",
        lambda c: {"agency": f"Agency {next(_n)}", "reason": "access test"},
        {"admin"},
        200,
    ),
    ("POST", lambda c: f"/api/v1/users/{c.adult_adoptee.id}/verify", None, WORKERS, 200),
    (
        "PUT",
        lambda c: f"/api/v1/users/{c.moderator2.id}/vetting",
        lambda c: {"dbs_checked_on": service.today().isoformat()},
        WORKERS,
        200,
    ),
    (
        "POST",
        lambda c: "/api/v1/invitations",
        lambda c: {"child_id": _confirmed_child_of_adopter(c), "email": f"young{next(_n)}@test.example"},
        {"adopter", "agency_worker"},
        201,
    ),
    # Only a worker of the family's agency confirms a child's record.
    ("POST", lambda c: f"/api/v1/children/{_child_of_adopter(c)}/confirmation", None, {"agency_worker"}, 200),
    (
        "POST",
        lambda c: f"/api/v1/admin/users/{c.moderator2.id}/persona",
        lambda c: {"persona": "safeguarding_lead"},
        {"admin"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/admin/users/{c.adopter2.id}/suspension",
        lambda c: {"suspended": True, "reason": "access test"},
        {"admin"},
        200,
    ),
    # The audience wall on people: adults see adults, young people see young people, DBS-checked staff both.
    (
        "GET",
        lambda c: f"/api/v1/users/{c.teen2.id}",
        None,
        {"teen", "agency_worker", "moderator", "dsl"},
        200,
    ),
    ("GET", lambda c: f"/api/v1/users/{c.adopter2.id}", None, set(ALL_PERSONAS) - {"teen"}, 200),
    # Blocking and muting name a person through the same wall: to a young person an adult's account
    # does not exist (tests/accounts/test_walls.py).
    ("POST", lambda c: f"/api/v1/me/blocks/{c.adopter2.id}", None, set(ALL_PERSONAS) - {"teen"}, 201),
    ("POST", lambda c: f"/api/v1/me/mutes/{c.adopter2.id}", None, set(ALL_PERSONAS) - {"teen"}, 201),
    (
        "POST",
        lambda c: f"/api/v1/me/blocks/{c.teen2.id}",
        None,
        {"teen", "agency_worker", "moderator", "dsl"},
        201,
    ),
    # Unblocking and unmuting: each persona lifts its own block or mute, never someone else's.
    (
        "DELETE",
        lambda c: f"/api/v1/me/blocks/{_blocked_by(c, ALL_PERSONAS)}",
        None,
        set(ALL_PERSONAS),
        204,
    ),
    ("DELETE", lambda c: f"/api/v1/me/blocks/{_blocked_by(c, ('adopter2',))}", None, set(), 204),
    (
        "DELETE",
        lambda c: f"/api/v1/me/mutes/{_muted_by(c, ALL_PERSONAS)}",
        None,
        set(ALL_PERSONAS),
        204,
    ),
    ("DELETE", lambda c: f"/api/v1/me/mutes/{_muted_by(c, ('adopter2',))}", None, set(), 204),
]

# Rows whose call uses up the caller run as a new persona of the same kind, one per call.
USES_UP_THE_CALLER = {("DELETE", "/api/v1/me")}


@pytest.mark.parametrize("row", TABLE, ids=[f"{m} {i}" for i, (m, *_rest) in enumerate(TABLE)])
def test_access_table(client: Any, cast: Any, row: Row) -> None:
    method, path_for, body_for, allowed, success = row
    for persona in ALL_PERSONAS:
        path = path_for(cast)
        actor = cast.fresh(persona) if (method, path) in USES_UP_THE_CALLER else getattr(cast, persona)
        body = body_for(cast) if body_for else None
        response = client.open(path, method=method, json=body, headers=actor.headers)
        if persona in allowed:
            assert response.status_code == success, (persona, path, response.json)
        else:
            assert response.status_code in (404, 422), (persona, path, response.status_code)
            assert response.status_code != success
        # Without a token, nothing but 401.
        assert client.open(path, method=method, json=body).status_code == 401


# --- public routes -------------------------------------------------------------------------------


def _registration(cast: Any) -> dict[str, Any]:
    return {
        "email": f"new{next(_n)}@test.example",
        "password": "a sensible long passphrase",
        "display_name": "New person",
        "date_of_birth": date(1985, 6, 1).isoformat(),
        "persona": "adopter",
    }


def _invitation_acceptance(cast: Any) -> dict[str, Any]:
    """A young person accepting a new invitation from the adopter, born when the child was."""
    child = add_child(cast.adopter.user.family_id, age=14)
    email = f"teen{next(_n)}@test.example"
    return {
        # The secret the young person receives by mail (the inviter never sees it).
        "token": invitations.do_create_invitation(cast.agency_worker.user, child.id, email).token,
        "email": email,
        "password": "a sensible long passphrase",
        "display_name": "Kai",
        "date_of_birth": date(child.birth_year, child.birth_month, 1).isoformat(),
    }


PublicRow = tuple[str, Callable[[Any], str], Callable[[Any], Any], int]

# Routes anyone may call without a token: each answers on its own terms, never 401.
PUBLIC: list[PublicRow] = [
    ("POST", lambda c: "/api/v1/accounts", _registration, 202),
    ("POST", lambda c: "/api/v1/invitations/accept", _invitation_acceptance, 201),
    (
        "POST",
        lambda c: "/api/v1/invitations/accept",
        lambda c: {**_invitation_acceptance(c), "token": "not-an-invitation"},
        404,
    ),
]


@pytest.mark.parametrize("row", PUBLIC, ids=[f"{m} {i}" for i, (m, *_rest) in enumerate(PUBLIC)])
def test_public_routes_need_no_token(client: Any, cast: Any, row: PublicRow) -> None:
    method, path_for, body_for, expected = row
    path = path_for(cast)
    response = client.open(path, method=method, json=body_for(cast))
    assert response.status_code == expected, (path, response.json)


def test_every_accounts_route_is_in_the_table(app: Any, cast: Any) -> None:
    """Every accounts route and method is exercised by the access table or the public list: the
    (method, rule) pairs the rows' real paths reach must be exactly those the app serves."""
    exercised = {route_of(app, method, path_for(cast)) for method, path_for, *_rest in TABLE}
    public = {route_of(app, method, path_for(cast)) for method, path_for, *_rest in PUBLIC}
    assert not exercised & public, exercised & public
    served = routes_of(app, "accounts")
    assert exercised | public == served, (
        "missing",
        served - exercised - public,
        "stale",
        (exercised | public) - served,
    )


def test_every_api_feature_has_an_access_table(app: Any) -> None:
    """A new feature's blueprint must come with its own access table (and be added here)."""
    with_tables = {
        "accounts",
        "applications",
        "chat",
        "events",
        "groups",
        "insights",
        "journeys",
        "mentoring",
        "moderation",
        "notifications",
        "playdates",
        "reports",
    }
    api = {
        rule.endpoint.split(".", 1)[0]
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
    }
    assert api == with_tables, api ^ with_tables
