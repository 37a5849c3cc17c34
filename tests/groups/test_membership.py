"""Membership: join, request and approve, invitations, removal, leaders and staff, proposals,
turning 18, DBS lapses, and the functions other features (chat) call."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine

from backend.accounts import service as accounts
from backend.accounts.models import StaffRecord
from backend.core.db import db
from backend.groups import membership as memberships
from backend.groups import service
from tests.factories import make_teen, make_user
from tests.groups.conftest import REAL_SCREEN, World, join, make_group


def membership(client: Any, persona: Any, group_id: int) -> Any:
    return client.get(f"/api/v1/groups/{group_id}", headers=persona.headers).json.get("membership")


def test_open_request_and_invite_only_groups(client: Any, cast: Any, world: World) -> None:
    other = cast.adopter2
    # Open: a member at once.
    response = client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers)
    assert response.json["status"] == "active"
    # Request: pending until a leader or staff member approves; no content meanwhile.
    response = client.put(f"/api/v1/groups/{world.request_carers.id}/membership", headers=other.headers)
    assert response.json["status"] == "pending"
    assert (
        client.get(f"/api/v1/groups/{world.request_carers.id}/threads", headers=other.headers).status_code
        == 404
    )
    listed = client.get(
        f"/api/v1/groups/{world.request_carers.id}/members", headers=cast.agency_worker.headers
    ).json["items"]
    assert {m["user_id"]: m["status"] for m in listed}[other.id] == "pending"
    # Ordinary members never see requests.
    members = client.get(
        f"/api/v1/groups/{world.request_carers.id}/members", headers=cast.guardian.headers
    ).json["items"]
    assert other.id not in {m["user_id"] for m in members}
    approve = client.post(
        f"/api/v1/groups/{world.request_carers.id}/members/{other.id}/approve",
        headers=cast.agency_worker.headers,
    )
    assert approve.json["status"] == "active"
    assert (
        client.get(f"/api/v1/groups/{world.request_carers.id}/threads", headers=other.headers).status_code
        == 200
    )
    # Invite-only: invisible, cannot be joined, until invited; then it can be declined or accepted.
    assert (
        client.put(f"/api/v1/groups/{world.invite_adopters.id}/membership", headers=other.headers).status_code
        == 404
    )
    invite = client.post(
        f"/api/v1/groups/{world.invite_adopters.id}/invitations",
        json={"user_id": other.id},
        headers=cast.agency_worker.headers,
    )
    assert invite.status_code == 201 and invite.json["status"] == "invited"
    assert membership(client, other, world.invite_adopters.id) == {"role": "member", "status": "invited"}
    assert (
        client.get(f"/api/v1/groups/{world.invite_adopters.id}/threads", headers=other.headers).status_code
        == 404
    )
    assert (
        client.put(f"/api/v1/groups/{world.invite_adopters.id}/membership", headers=other.headers).json[
            "status"
        ]
        == "active"
    )
    assert (
        client.get(f"/api/v1/groups/{world.invite_adopters.id}/threads", headers=other.headers).status_code
        == 200
    )
    # Leaving ends it; the group is invisible again.
    assert (
        client.delete(
            f"/api/v1/groups/{world.invite_adopters.id}/membership", headers=other.headers
        ).status_code
        == 204
    )
    assert client.get(f"/api/v1/groups/{world.invite_adopters.id}", headers=other.headers).status_code == 404


def test_unverified_adults_see_cards_but_cannot_join_or_read(client: Any, cast: Any, world: World) -> None:
    person = cast.unverified_adopter
    card = client.get(f"/api/v1/groups/{world.open_adopters.id}", headers=person.headers).json
    assert card["permissions"]["read"] is False and card["member_count"] is None
    response = client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=person.headers)
    assert response.status_code == 422 and "verif" in response.json["message"]
    verify = f"/api/v1/families/{person.user.family_id}/verify"
    assert client.post(verify, headers=cast.agency_worker.headers).status_code == 200
    assert (
        client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=person.headers).json[
            "status"
        ]
        == "active"
    )


def test_removed_members_cannot_rejoin_by_themselves(client: Any, cast: Any, world: World) -> None:
    other = cast.adopter2
    join(other.user, world.open_adopters)
    url = f"/api/v1/groups/{world.open_adopters.id}/members/{other.id}"
    assert client.delete(url, headers=cast.mentor.headers).status_code == 204  # a peer leader removes
    assert client.delete(url, headers=cast.mentor.headers).status_code == 204  # twice is harmless
    rejoin = client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers)
    assert rejoin.status_code == 403 and "removed" in rejoin.json["message"], rejoin.json
    # A leader cannot remove staff or another leader; staff can remove a leader.
    assert (
        client.delete(
            f"/api/v1/groups/{world.open_adopters.id}/members/{cast.agency_worker.id}",
            headers=cast.mentor.headers,
        ).status_code
        == 404
    )
    client.put(
        f"/api/v1/groups/{world.open_adopters.id}/members/{cast.adopter.id}/role",
        json={"role": "leader"},
        headers=cast.agency_worker.headers,
    )
    assert (
        client.delete(
            f"/api/v1/groups/{world.open_adopters.id}/members/{cast.adopter.id}", headers=cast.mentor.headers
        ).status_code
        == 404
    )
    invite = client.post(
        f"/api/v1/groups/{world.open_adopters.id}/invitations",
        json={"user_id": other.id},
        headers=cast.mentor.headers,
    )
    assert invite.status_code == 201
    assert (
        client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers).json[
            "status"
        ]
        == "active"
    )


def test_blocked_people_are_not_invited_but_a_blocked_pair_may_both_be_members(
    client: Any, cast: Any, world: World
) -> None:
    other = cast.adopter2
    accounts.do_block(other.user, cast.mentor.id)
    invite = client.post(
        f"/api/v1/groups/{world.open_adopters.id}/invitations",
        json={"user_id": other.id},
        headers=cast.mentor.headers,
    )
    assert invite.status_code == 404
    assert (
        client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers).json[
            "status"
        ]
        == "active"
    )
    assert service.is_member(other.id, world.open_adopters.id) and service.is_member(
        cast.mentor.id, world.open_adopters.id
    )


def test_young_peoples_groups_are_led_and_staffed_by_dbs_checked_staff(
    client: Any, cast: Any, world: World
) -> None:
    url = f"/api/v1/groups/{world.youth.id}"
    role = client.put(
        f"{url}/members/{cast.teen.id}/role", json={"role": "leader"}, headers=cast.agency_worker.headers
    )
    assert role.status_code == 422
    for persona in ("lapsed_moderator", "other_agency_worker", "admin"):
        response = client.put(f"{url}/staff/{getattr(cast, persona).id}", headers=cast.agency_worker.headers)
        assert response.status_code == 422, persona
    assert client.put(f"{url}/staff/{cast.adopter.id}", headers=cast.agency_worker.headers).status_code == 404
    assert (
        client.put(f"{url}/staff/{cast.moderator2.id}", headers=cast.agency_worker.headers).status_code == 201
    )
    # An admin without a DBS check cannot even create one.
    response = client.post(
        "/api/v1/groups", json={"name": "Teens", "audience": "young_people"}, headers=cast.admin.headers
    )
    assert response.status_code == 422


def test_a_lapsed_dbs_check_closes_the_young_peoples_group(client: Any, cast: Any, world: World) -> None:
    url = f"/api/v1/threads/{world.youth_thread.id}/posts"
    assert client.get(url, headers=cast.agency_worker.headers).status_code == 200
    record = db.session.get(StaffRecord, cast.agency_worker.id)
    assert record is not None
    record.dbs_renewal_due = accounts.today() - timedelta(days=1)
    db.session.commit()
    assert client.get(url, headers=cast.agency_worker.headers).status_code == 404
    assert (
        client.get(f"/api/v1/groups/{world.youth.id}", headers=cast.agency_worker.headers).status_code == 404
    )
    assert world.youth.id not in service.live_group_ids(cast.agency_worker.user)
    # Adult groups are unaffected.
    assert (
        client.get(
            f"/api/v1/groups/{world.open_adopters.id}/threads", headers=cast.agency_worker.headers
        ).status_code
        == 200
    )


def test_turning_18_ends_youth_memberships(client: Any, cast: Any, world: World) -> None:
    ended: list[tuple[int, int]] = []
    memberships._ended_hooks.append(lambda user_id, group_id: ended.append((user_id, group_id)))
    try:
        teen = cast.teen.user
        birthday = accounts.today() + timedelta(days=3)
        teen.date_of_birth = birthday.replace(year=birthday.year - 18)
        db.session.commit()
        with time_machine.travel(birthday, tick=False):
            assert accounts.do_turning_18() == [teen.id]
    finally:
        memberships._ended_hooks.pop()
    assert ended == [(teen.id, world.youth.id)]
    assert not service.is_member(teen.id, world.youth.id)
    assert client.get(f"/api/v1/groups/{world.youth.id}", headers=cast.teen.headers).status_code == 404
    assert client.get(f"/api/v1/groups/{world.adoptees.id}", headers=cast.teen.headers).status_code == 200
    assert (
        client.put(f"/api/v1/groups/{world.adoptees.id}/membership", headers=cast.teen.headers).status_code
        == 422
    )
    # Their posts stay, in the young people's space, under their name.
    posts = client.get(f"/api/v1/threads/{world.youth_thread.id}/posts", headers=cast.teen2.headers)
    assert posts.status_code == 404  # teen2 is not a member of a request group
    staff_view = client.get(
        f"/api/v1/threads/{world.youth_thread.id}/posts", headers=cast.agency_worker.headers
    ).json
    assert staff_view["items"][0]["author"]["id"] == teen.id


def test_proposals_are_approved_by_an_agency_worker(client: Any, cast: Any) -> None:
    data = {"name": "Adopters of sibling groups", "description": "Big families", "audience": "carers"}
    proposal = client.post("/api/v1/group-proposals", json=data, headers=cast.adopter.headers)
    assert proposal.status_code == 201 and proposal.json["status"] == "proposed"
    group_id = proposal.json["id"]
    # Not a group yet: nobody sees it as one.
    assert client.get(f"/api/v1/groups/{group_id}", headers=cast.adopter.headers).status_code == 404
    assert [
        p["id"] for p in client.get("/api/v1/group-proposals", headers=cast.adopter.headers).json["items"]
    ] == [group_id]
    assert [
        p["id"]
        for p in client.get("/api/v1/group-proposals", headers=cast.agency_worker.headers).json["items"]
    ] == [group_id]
    assert client.get("/api/v1/group-proposals", headers=cast.guardian.headers).json["items"] == []
    approved = client.post(f"/api/v1/group-proposals/{group_id}/approve", headers=cast.agency_worker.headers)
    assert approved.json["status"] == "active"
    card = client.get(f"/api/v1/groups/{group_id}", headers=cast.adopter.headers).json
    assert card["membership"] == {"role": "leader", "status": "active"} and card["permissions"]["manage"]
    assert membership(client, cast.agency_worker, group_id) == {"role": "staff", "status": "active"}
    # The new leader runs it: approves and invites.
    client.put(f"/api/v1/groups/{group_id}/membership", headers=cast.guardian.headers)
    invite = client.post(
        f"/api/v1/groups/{group_id}/invitations",
        json={"user_id": cast.mentor.id},
        headers=cast.adopter.headers,
    )
    assert invite.status_code == 201

    declined = client.post("/api/v1/group-proposals", json=data, headers=cast.guardian.headers).json
    response = client.post(
        f"/api/v1/group-proposals/{declined['id']}/decline",
        json={"reason": "One exists already"},
        headers=cast.admin.headers,
    )
    assert response.json["status"] == "declined" and response.json["decision_reason"] == "One exists already"
    assert (
        client.post(
            f"/api/v1/group-proposals/{declined['id']}/approve", headers=cast.admin.headers
        ).status_code
        == 404
    )


def test_staff_edit_settings_but_never_the_audience(client: Any, cast: Any, world: World) -> None:
    url = f"/api/v1/groups/{world.open_adopters.id}"
    response = client.patch(
        url, json={"visibility": "request", "moderation_mode": "pre"}, headers=cast.agency_worker.headers
    )
    assert response.status_code == 200 and response.json["visibility"] == "request"
    response = client.patch(url, json={"audience": "young_people"}, headers=cast.agency_worker.headers)
    assert response.status_code == 422 and "audience" in response.json["errors"]


def test_functions_for_the_chat_feature(cast: Any, world: World) -> None:
    youth, adults = world.youth, world.open_adopters
    assert service.audience_is_youth(youth) and not service.audience_is_youth(adults)
    assert service.is_member(cast.teen.id, youth.id) and not service.is_member(cast.adopter.id, youth.id)
    assert set(service.member_ids(youth.id)) == {cast.teen.id, cast.agency_worker.id}
    assert service.may_staff(cast.agency_worker.user, youth)
    assert service.may_staff(cast.moderator.user, youth)
    assert not service.may_staff(cast.lapsed_moderator.user, youth)
    assert not service.may_staff(cast.admin.user, youth)
    assert not service.may_staff(cast.mentor.user, adults)  # a peer leader is not staff
    assert service.access_group(cast.teen.user, youth.id, "post") is youth
    teen2 = make_teen(cast.guardian)
    join(teen2.user, youth)
    service.do_approve(cast.agency_worker.user, youth.id, teen2.id)
    assert service.share_a_group(cast.teen.id, teen2.id)
    assert not service.share_a_group(cast.teen.id, cast.adopter.id)
    assert service.audience_admits(cast.guardian.user, "carers")
    assert not service.audience_admits(cast.unverified_adopter.user, "carers")
    assert not service.audience_admits(cast.teen.user, "carers")
    assert not service.audience_admits(cast.adopter.user, "young_people")
    assert service.audience_admits(cast.moderator.user, "young_people")
    assert service.live_group_ids(cast.teen.user) == [youth.id]

    started: list[tuple[int, int]] = []
    ended: list[tuple[int, int]] = []
    memberships._started_hooks.append(lambda u, g: started.append((u, g)))
    memberships._ended_hooks.append(lambda u, g: ended.append((u, g)))
    try:
        other = make_user("adopter")
        service.do_join(other.user, adults.id)
        service.do_leave(other.user, adults.id)
    finally:
        memberships._started_hooks.pop()
        memberships._ended_hooks.pop()
    assert started == ended == [(other.id, adults.id)]


def test_groups_created_by_staff_have_the_creator_as_staff(client: Any, cast: Any) -> None:
    group = make_group(cast.agency_worker.user, "Early permanence families", "carers", visibility="request")
    assert service.member_ids(group.id) == [cast.agency_worker.id]
    assert (
        client.get(f"/api/v1/groups/{group.id}", headers=cast.agency_worker.headers).json["member_count"] == 1
    )


def test_a_proposal_is_screened_before_anyone_reads_it(
    client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name and description become the group's public face: a risky proposal is refused with
    the reason, served to nobody, and its text reaches the moderators' queue under the id of a row
    that exists (kept as refused, its id never reused): no queue item points at nothing."""
    from sqlalchemy import select

    from moderation import api as moderation_api
    from moderation import db as moderation_db
    from moderation.models import QueueItem

    monkeypatch.setattr(moderation_api, "screen", REAL_SCREEN)

    data = {
        "name": "Kinship carers chat",
        "description": "I want to die, nobody would even notice",
        "audience": "carers",
    }
    refused = client.post("/api/v1/group-proposals", json=data, headers=cast.adopter.headers)
    assert refused.status_code == 422 and refused.json["errors"]["_schema"]
    assert any(s["contact"] == "116 123" for s in refused.json["errors"]["signposts"])  # Samaritans
    assert client.get("/api/v1/group-proposals", headers=cast.agency_worker.headers).json["items"] == []
    item = moderation_db.session().scalars(select(QueueItem).where(QueueItem.subject_type == "group")).one()
    assert "I want to die" in item.content and item.author_id == cast.adopter.id
    assert "self_harm" in item.categories and item.held
    kept = service.get_group(int(item.subject_id))
    assert (kept.status, kept.created_by_id, kept.name) == ("refused", cast.adopter.id, data["name"])
    assert item.space == f"group:{kept.id}"
    # Served to nobody: not a proposal anyone lists, not a group anyone sees.
    assert client.get("/api/v1/group-proposals", headers=cast.adopter.headers).json["items"] == []
    for persona in (cast.adopter, cast.agency_worker, cast.admin, cast.moderator):
        assert client.get(f"/api/v1/groups/{kept.id}", headers=persona.headers).status_code == 404
        assert (
            client.post(f"/api/v1/group-proposals/{kept.id}/approve", headers=persona.headers).status_code
            == 404
        )
    # The next proposal gets a new id: the one moderation holds evidence under is never reused.
    fine = {"name": "Kinship carers chat", "description": "Tea and talk.", "audience": "carers"}
    accepted = client.post("/api/v1/group-proposals", json=fine, headers=cast.adopter.headers)
    assert accepted.status_code == 201 and accepted.json["id"] != kept.id


def test_a_refused_join_of_a_visible_group_says_why(client: Any, cast: Any, world: World) -> None:
    """A group the caller can see but may not join: 403 and the reason in the standard shape. One they
    cannot see: the same 404 as a missing group, with nothing to tell them apart."""

    def join_as(persona: Any, group_id: int) -> Any:
        return client.put(f"/api/v1/groups/{group_id}/membership", headers=persona.headers)

    guest = join_as(cast.prospective, world.open_adopters.id)  # reads carers' open groups, never joins
    assert guest.status_code == 403, guest.json
    assert guest.json["code"] == 403 and guest.json["errors"] == {"_schema": [guest.json["message"]]}
    assert (
        "adoptive parents" in guest.json["message"]
        and "prospective adopters' groups" in guest.json["message"]
    )
    staff = join_as(cast.moderator, world.invite_adopters.id)  # moderation staff see invite-only groups
    assert staff.status_code == 403 and "assigns staff" in staff.json["message"]
    assert join_as(cast.prospective, world.prospective.id).json["status"] == "active"  # theirs to join
    hidden = [
        join_as(cast.guardian, world.invite_adopters.id),  # invite-only: invisible until invited
        join_as(cast.adopter, world.youth.id),  # across the wall
        join_as(cast.teen, world.open_adopters.id),
        join_as(cast.adopter, 2**31 - 1),  # missing
    ]
    assert [r.status_code for r in hidden] == [404] * 4
    assert len({str(r.json) for r in hidden}) == 1
