"""Hard constraints in the running app, for every persona: who is suggested to whom, and what
changes after matching (a lapsed DBS check, a block, a decline, full places, a pause)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
import time_machine

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Block
from backend.auth import service as auth
from backend.core.db import db
from backend.core.errors import NotFound
from backend.mentoring import profiles, requests
from backend.mentoring.schemes import SCHEMES
from tests.factories import CLIENT_ID, make_teen, make_user
from tests.mentoring.helpers import offering, seeking


def _suggested(client: Any, person: Any, scheme: str, **body: Any) -> tuple[int, list[int]]:
    made = client.post("/api/v1/mentoring/requests", json={"scheme": scheme, **body}, headers=person.headers)
    assert made.status_code == 201, made.json
    found = client.get(f"/api/v1/mentoring/requests/{made.json['id']}/suggestions", headers=person.headers)
    assert found.status_code == 200, found.json
    return made.json["id"], [s["mentor"]["id"] for s in found.json["items"]]


def _signed_in(person: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth.do_issue_tokens(person.user, CLIENT_ID).access_token}"}


SEEKERS = [p.ADOPTER, p.SPECIAL_GUARDIAN, p.PROSPECTIVE_ADOPTER, p.ADULT_ADOPTEE, p.YOUNG_PERSON]


@pytest.mark.parametrize("seeker_persona", SEEKERS)
def test_every_persona_is_suggested_only_the_pairs_their_schemes_make(
    client: Any, cast: Any, seeker_persona: str
) -> None:
    worker = cast.agency_worker
    carer = make_user(p.ADOPTER)
    mentors = {
        p.ADOPTER: offering(make_user(p.ADOPTER), worker),
        p.SPECIAL_GUARDIAN: offering(make_user(p.SPECIAL_GUARDIAN), worker),
        p.ADULT_ADOPTEE: offering(make_user(p.ADULT_ADOPTEE, age=30), worker),
        p.YOUNG_PERSON: offering(make_teen(carer, age=15), worker),
    }
    me = seeking(
        make_teen(make_user(p.ADOPTER), age=16)
        if seeker_persona == p.YOUNG_PERSON
        else make_user(seeker_persona)
    )
    for name, scheme in SCHEMES.items():
        if seeker_persona not in scheme.askers():
            made = client.post("/api/v1/mentoring/requests", json={"scheme": name}, headers=me.headers)
            assert made.status_code == 404, (name, made.json)
            continue
        _id, got = _suggested(client, me, name)
        expected = {mentors[offer].id for offer, ask in scheme.pairs if ask == seeker_persona}
        assert set(got) == expected, (name, seeker_persona)
        # Adults never with young people, either way round.
        young = {mentors[p.YOUNG_PERSON].id}
        assert (set(got) <= young) if seeker_persona == p.YOUNG_PERSON else not (set(got) & young)


def test_young_buddies_must_be_within_two_years_and_both_opted_in(client: Any, cast: Any) -> None:
    worker = cast.agency_worker
    near = offering(make_teen(make_user(p.ADOPTER), age=15), worker)
    far = offering(make_teen(make_user(p.ADOPTER), age=13), worker)  # 3 years younger than the seeker
    quiet = offering(make_teen(make_user(p.ADOPTER), age=16), worker)
    profiles.do_save_profile(quiet.user, {"opted_in": False})
    me = seeking(make_teen(make_user(p.ADOPTER), age=16))
    _id, got = _suggested(client, me, "buddying")
    assert got == [near.id]
    assert far.id not in got and quiet.id not in got


def test_staff_have_no_profile_and_cannot_ask(client: Any, cast: Any) -> None:
    for name in ("agency_worker", "moderator", "dsl", "admin"):
        person = getattr(cast, name)
        assert client.put("/api/v1/mentoring/profile", json={}, headers=person.headers).status_code == 404
        made = client.post("/api/v1/mentoring/requests", json={"scheme": "mentoring"}, headers=person.headers)
        assert made.status_code == 404


def test_a_lapsed_dbs_check_removes_a_mentor_by_itself(client: Any, cast: Any) -> None:
    worker, me = cast.agency_worker, seeking(cast.prospective)
    mentor = offering(make_user(p.ADOPTER), worker, ["mentoring"])
    record = accounts.staff_record(mentor.user)
    assert record is not None and record.dbs_renewal_due is not None
    request_id, got = _suggested(client, me, "mentoring")
    assert got == [mentor.id]
    # The renewal day is the first day out of date. Years later, no one has touched the records: the
    # check has lapsed by itself. (Tokens from today are long expired then, so the service is called
    # as the route calls it.)
    lapse = datetime.combine(record.dbs_renewal_due, time(12), tzinfo=UTC)
    with time_machine.travel(lapse, tick=False):
        assert requests.suggestions(me.user, request_id) == []
        with pytest.raises(NotFound):
            requests.do_choose(me.user, request_id, mentor.id)
    with time_machine.travel(lapse - timedelta(days=1), tick=False):
        assert [s["mentor"]["id"] for s in requests.suggestions(me.user, request_id)] == [mentor.id]


def test_untrained_or_unapproved_mentors_are_not_suggested(client: Any, cast: Any) -> None:
    worker, me = cast.agency_worker, seeking(cast.prospective)
    unapproved = offering(make_user(p.ADOPTER), worker, ["mentoring"])
    profiles.do_record_vetting(
        worker.user,
        unapproved.id,
        dbs_checked_on=accounts.today() - timedelta(days=5),
        dbs_renewal_due=None,
        training_completed_on=accounts.today() - timedelta(days=5),
        approved=False,
        schemes=[],
    )
    untrained = offering(make_user(p.ADOPTER), worker, ["mentoring"])
    profiles.do_record_vetting(
        worker.user,
        untrained.id,
        dbs_checked_on=accounts.today() - timedelta(days=5),
        dbs_renewal_due=None,
        training_completed_on=None,
        approved=True,
        schemes=["mentoring"],
    )
    _id, got = _suggested(client, me, "mentoring")
    assert got == []


def test_a_block_either_way_excludes_before_and_after_matching(client: Any, cast: Any) -> None:
    worker = cast.agency_worker
    me = seeking(cast.prospective)
    blocked_by_me = offering(make_user(p.ADOPTER), worker, ["buddying"])
    blocking_me = offering(make_user(p.ADOPTER), worker, ["buddying"])
    later = offering(make_user(p.ADOPTER), worker, ["buddying"])
    db.session.add_all(
        [
            Block(blocker_id=me.id, blocked_id=blocked_by_me.id),
            Block(blocker_id=blocking_me.id, blocked_id=me.id),
        ]
    )
    db.session.commit()
    request_id, got = _suggested(client, me, "buddying")
    assert got == [later.id]
    # Chosen, then a block is made before the mentor answers: accepting fails closed.
    match_id = client.post(
        f"/api/v1/mentoring/requests/{request_id}/choose", json={"mentor_id": later.id}, headers=me.headers
    ).json["id"]
    assert client.post(f"/api/v1/me/blocks/{later.id}", headers=me.headers).status_code == 201
    refused = client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=later.headers)
    assert refused.status_code == 404  # the pair may no longer act on it


def test_a_block_after_a_match_is_active_stops_sessions_and_messages(client: Any, cast: Any) -> None:
    worker, me = cast.agency_worker, seeking(cast.prospective)
    mentor = offering(make_user(p.ADOPTER), worker, ["buddying"])
    request_id, _got = _suggested(client, me, "buddying")
    match_id = client.post(
        f"/api/v1/mentoring/requests/{request_id}/choose", json={"mentor_id": mentor.id}, headers=me.headers
    ).json["id"]
    assert (
        client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=mentor.headers).status_code == 200
    )
    assert client.post("/api/v1/rooms/dm", json={"user_id": me.id}, headers=mentor.headers).status_code == 200
    assert client.post(f"/api/v1/me/blocks/{me.id}", headers=mentor.headers).status_code == 201
    session = {"held_on": accounts.today().isoformat(), "minutes": 30, "mode": "online"}
    assert (
        client.post(
            f"/api/v1/mentoring/matches/{match_id}/sessions", json=session, headers=me.headers
        ).status_code
        == 404
    )
    assert client.post("/api/v1/rooms/dm", json={"user_id": mentor.id}, headers=me.headers).status_code == 404


def test_declined_mentors_full_places_and_pauses_are_not_offered(client: Any, cast: Any) -> None:
    worker, me = cast.agency_worker, seeking(cast.prospective)
    decliner = offering(make_user(p.ADOPTER), worker, ["buddying"])
    full = offering(make_user(p.ADOPTER), worker, ["buddying"])
    paused = offering(make_user(p.ADOPTER), worker, ["buddying"])
    profiles.do_save_profile(full.user, {"capacity": 0})
    profiles.do_save_profile(paused.user, {"paused": True})
    request_id, got = _suggested(client, me, "buddying")
    assert got == [decliner.id]
    match_id = client.post(
        f"/api/v1/mentoring/requests/{request_id}/choose", json={"mentor_id": decliner.id}, headers=me.headers
    ).json["id"]
    assert (
        client.post(f"/api/v1/mentoring/matches/{match_id}/decline", headers=decliner.headers).status_code
        == 200
    )
    again = client.get(f"/api/v1/mentoring/requests/{request_id}/suggestions", headers=me.headers).json
    assert again["items"] == []
    with pytest.raises(NotFound):
        requests.do_choose(me.user, request_id, decliner.id)


def test_capacity_counts_open_matches(client: Any, cast: Any) -> None:
    worker = cast.agency_worker
    mentor = offering(make_user(p.ADOPTER), worker, ["buddying"])
    profiles.do_save_profile(mentor.user, {"capacity": 1})
    first, second = seeking(make_user(p.PROSPECTIVE_ADOPTER)), seeking(make_user(p.PROSPECTIVE_ADOPTER))
    r1, got1 = _suggested(client, first, "buddying")
    r2, got2 = _suggested(client, second, "buddying")
    assert got1 == got2 == [mentor.id]
    assert (
        client.post(
            f"/api/v1/mentoring/requests/{r1}/choose", json={"mentor_id": mentor.id}, headers=first.headers
        ).status_code
        == 201
    )
    assert (
        client.get(f"/api/v1/mentoring/requests/{r2}/suggestions", headers=second.headers).json["items"] == []
    )
    assert (
        client.post(
            f"/api/v1/mentoring/requests/{r2}/choose", json={"mentor_id": mentor.id}, headers=second.headers
        ).status_code
        == 404
    )
