"""Expiry with frozen time, cohorts through the API, a concern reaching moderation, screening."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.core.db import db, utcnow
from backend.mentoring import matches, requests
from backend.mentoring.models import Match, MatchStatus, MentoringRequest, RequestStatus
from backend.notifications.models import Notification
from tests.factories import make_user
from tests.mentoring.helpers import offering, seeking


def _chosen(cast: Any) -> tuple[Any, Any, int]:
    mentor = offering(make_user(p.ADOPTER), cast.agency_worker, ["buddying"])
    me = seeking(cast.prospective)
    request = requests.do_create_request(
        me.user, scheme="buddying", goals="", preferences=[], needs=[], stages=[]
    )
    return mentor, me, requests.do_choose(me.user, request.id, mentor.id).id


def test_a_chosen_mentor_who_does_not_answer_in_seven_days_expires(app: Any, client: Any, cast: Any) -> None:
    mentor, me, match_id = _chosen(cast)
    start = utcnow()
    with time_machine.travel(start + timedelta(days=7) - timedelta(minutes=1), tick=False):
        assert matches.do_expire() == []
    with time_machine.travel(start + timedelta(days=7, minutes=1), tick=False):
        assert matches.do_expire() == [match_id]
        assert matches.do_expire() == []  # idempotent: each expiry happens once
    match = db.session.get(Match, match_id)
    assert match is not None and match.status == "expired"
    told = db.session.scalars(select(Notification.title).where(Notification.user_id == me.id)).all()
    assert "Your mentoring request expired" in told
    # Too late to accept; and the mentor who let it lapse is not offered to this person again.
    assert (
        client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=mentor.headers).status_code == 409
    )
    assert requests.suggestions(me.user, match.request_id) == []


def test_a_stale_run_of_the_expiry_never_undoes_the_seekers_next_choice(
    app: Any, cast: Any, monkeypatch: Any
) -> None:
    """Two processes run the job: one lists the match as due, the other expires it, and the seeker
    chooses someone else before the first gets to it. The first claims nothing: the new choice
    stands and the seeker is told of the expiry once."""
    _mentor, me, match_id = _chosen(cast)
    with time_machine.travel(utcnow() + timedelta(days=7, minutes=1), tick=False):
        listed = matches._due_to_expire(utcnow())
        assert listed == [match_id]
        assert matches.do_expire() == [match_id]  # the other process
        request_id = db.session.get(Match, match_id).request_id  # type: ignore[union-attr]
        other = offering(make_user(p.ADOPTER), cast.agency_worker, ["buddying"])
        chosen = requests.do_choose(me.user, request_id, other.id)
        monkeypatch.setattr(matches, "_due_to_expire", lambda _now: listed)  # this process's old list
        assert matches.do_expire() == []
    assert db.session.get(MentoringRequest, request_id).status == RequestStatus.CHOSEN  # type: ignore[union-attr]
    assert db.session.get(Match, chosen.id).status == MatchStatus.CHOSEN  # type: ignore[union-attr]
    told = db.session.scalars(select(Notification.title).where(Notification.user_id == me.id)).all()
    assert told.count("Your mentoring request expired") == 1


def test_the_expiry_job_is_registered(app: Any) -> None:
    from backend import jobs

    period_setting, job = jobs.registered()["mentoring expiry"]
    assert period_setting == "JOBS_PERIOD_SECONDS"
    assert job.__module__ == "backend.mentoring"


def test_a_cohort_through_the_api_proposes_the_optimum_and_applies_on_confirmation(
    client: Any, cast: Any
) -> None:
    worker = cast.agency_worker
    near = offering(make_user(p.ADOPTER), worker, ["buddying"], region="London")
    far = offering(make_user(p.ADOPTER), worker, ["buddying"], region="South West")
    for m in (near, far):
        client.put("/api/v1/mentoring/profile", json={"capacity": 1}, headers=m.headers)
    # Three adopters of the worker's agency; one guardian no adopter may buddy.
    people = [seeking(make_user(p.ADOPTER), region="London") for _ in range(3)]
    guardian = seeking(make_user(p.SPECIAL_GUARDIAN))
    ids = []
    for person in [*people, guardian]:
        made = client.post(
            "/api/v1/mentoring/requests",
            json={"scheme": "buddying", "preferences": ["lives_near"]},
            headers=person.headers,
        )
        ids.append(made.json["id"])
    proposed = client.post("/api/v1/mentoring/cohorts", json={"scheme": "buddying"}, headers=worker.headers)
    assert proposed.status_code == 201, proposed.json
    body = proposed.json
    assert sorted(pair["mentor_id"] for pair in body["pairs"]) == sorted([near.id, far.id])
    assert len(body["pairs"]) == 2 and all(pair["reasons"] for pair in body["pairs"])
    near_pair = next(pair for pair in body["pairs"] if pair["mentor_id"] == near.id)
    assert "lives in your region" in near_pair["reasons"]
    unmatched = {u["request_id"]: u["reason"] for u in body["unmatched"]}
    assert set(unmatched) == set(ids) - {pair["request_id"] for pair in body["pairs"]}
    assert "not a pairing this scheme makes" in unmatched[ids[3]]
    # Another agency's worker cannot see or apply it.
    other = make_user(p.AGENCY_WORKER, agency="South VAA")
    cid = body["id"]
    assert (
        client.post(
            f"/api/v1/mentoring/cohorts/{cid}/assign", json={"confirm": True}, headers=other.headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/mentoring/cohorts/{cid}/assign", json={"confirm": False}, headers=worker.headers
        ).status_code
        == 422
    )
    applied = client.post(
        f"/api/v1/mentoring/cohorts/{cid}/assign", json={"confirm": True}, headers=worker.headers
    )
    assert applied.status_code == 200 and applied.json["status"] == "applied"
    assert len(applied.json["applied"]) == 2
    created = db.session.scalars(select(Match).where(Match.cohort_id == cid)).all()
    assert {m.status for m in created} == {"chosen"} and {m.coordinator_id for m in created} == {worker.id}
    again = client.post(
        f"/api/v1/mentoring/cohorts/{cid}/assign", json={"confirm": True}, headers=worker.headers
    )
    assert again.status_code == 409


def test_a_concern_raised_with_a_session_reaches_the_moderators(client: Any, cast: Any) -> None:
    mentor, me, match_id = _chosen(cast)
    assert (
        client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=mentor.headers).status_code == 200
    )
    logged = client.post(
        f"/api/v1/mentoring/matches/{match_id}/sessions",
        json={
            "held_on": accounts.today().isoformat(),
            "minutes": 40,
            "mode": "in_person",
            "concern": {"reason": "safeguarding_concern", "details": "They asked to meet my child alone."},
        },
        headers=me.headers,
    )
    assert logged.status_code == 201, logged.json
    assert logged.json["concern_report_id"] and logged.json["session"]["concern_raised"] is True
    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers).json["items"]
    assert any(item["subject_type"] == "user" and item["subject_id"] == mentor.id for item in queue), queue


def test_profile_text_and_shared_notes_are_screened(client: Any, cast: Any) -> None:
    mentor, _me, match_id = _chosen(cast)
    client.post(f"/api/v1/mentoring/matches/{match_id}/accept", headers=mentor.headers)
    risky = "Text me on 07700 900123 and tell me your school, you can visit me at 12 Acacia Road"
    refused = client.put("/api/v1/mentoring/profile", json={"about": risky}, headers=mentor.headers)
    assert refused.status_code == 422 and "about" in refused.json["errors"]
    note = client.post(
        f"/api/v1/mentoring/matches/{match_id}/sessions",
        json={"held_on": accounts.today().isoformat(), "minutes": 30, "mode": "online", "notes": risky},
        headers=mentor.headers,
    )
    assert note.status_code == 422 and "notes" in note.json["errors"]
    fine = client.put(
        "/api/v1/mentoring/profile", json={"about": "Happy to talk about school."}, headers=mentor.headers
    )
    assert fine.status_code == 200
