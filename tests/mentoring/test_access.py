"""Persona x route access table for the mentoring routes: who gets in, and everyone else's 404/401."""

from __future__ import annotations

from typing import Any

import pytest

from backend.accounts.models import User
from backend.core.db import db
from backend.mentoring import cohorts, matches, requests
from backend.mentoring.models import MentoringProfile
from tests.factories import (
    ALL_PERSONAS,
    AccessRow,
    assert_access_row,
    assert_table_covers,
    make_user,
    row_ids,
)
from tests.mentoring.helpers import offering, seeking

NOT_STAFF = {"adopter", "unverified_adopter", "guardian", "prospective", "teen", "adult_adoptee", "mentor"}
WORKERS = {"agency_worker", "admin"}


def _vetted_mentor(cast: Any) -> Any:
    existing = db.session.get(MentoringProfile, cast.mentor.id)
    if existing is None or "buddying" not in existing.offers:
        offering(cast.mentor, cast.agency_worker, ["buddying"])
        profile = db.session.get(MentoringProfile, cast.mentor.id)
        profile.capacity = 100  # places for every row's fresh match (more than the API allows)
        db.session.commit()
    return cast.mentor


def _request_of(cast: Any, name: str) -> int:
    person = getattr(cast, name)
    if db.session.get(MentoringProfile, person.id) is None:
        seeking(person)
    return requests.do_create_request(
        person.user, scheme="buddying", goals="", preferences=[], needs=[], stages=[]
    ).id


def _with_all_seekers(cast: Any) -> str:
    for name in NOT_STAFF:
        person = getattr(cast, name)
        if db.session.get(MentoringProfile, person.id) is None:
            seeking(person)
    return "/api/v1/mentoring/requests"


def _chosen_match(cast: Any) -> int:
    mentor = _vetted_mentor(cast)
    request = _request_of(cast, "prospective")
    return requests.do_choose(cast.prospective.user, request, mentor.id).id


def _chosen_by_someone_new(cast: Any) -> int:
    """A match chosen by a new seeker (once the mentor declines someone, they are not offered to that
    person again)."""
    mentor = _vetted_mentor(cast)
    person = seeking(make_user("prospective_adopter"))
    request = requests.do_create_request(
        person.user, scheme="buddying", goals="", preferences=[], needs=[], stages=[]
    )
    return requests.do_choose(person.user, request.id, mentor.id).id


def _active_match(cast: Any) -> int:
    match_id = _chosen_match(cast)
    matches.do_accept(cast.mentor.user, match_id)
    return match_id


def _cohort(cast: Any) -> int:
    return cohorts.do_propose(cast.agency_worker.user, scheme="buddying", request_ids=None).id


def _fresh_adopter(cast: Any) -> int:
    return make_user("adopter").id


TABLE: list[AccessRow] = [
    ("PUT", lambda c: "/api/v1/mentoring/profile", lambda c: {"capacity": 2}, NOT_STAFF, 201),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/profiles/{_fresh_adopter(c)}/vetting",
        lambda c: {"approved": False},
        WORKERS,
        200,
    ),
    ("POST", _with_all_seekers, lambda c: {"scheme": "buddying"}, NOT_STAFF, 201),
    (
        "GET",
        lambda c: f"/api/v1/mentoring/requests/{_request_of(c, 'adopter')}/suggestions",
        None,
        {"adopter"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/requests/{_request_of(c, 'prospective')}/choose",
        lambda c: {"mentor_id": _vetted_mentor(c).id},
        {"prospective"},
        201,
    ),
    ("POST", lambda c: f"/api/v1/mentoring/matches/{_chosen_match(c)}/accept", None, {"mentor"}, 200),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/matches/{_chosen_by_someone_new(c)}/decline",
        None,
        {"mentor"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/matches/{_active_match(c)}/close",
        lambda c: {"outcome": "goals_met", "feedback": "Thank you."},
        {"mentor", "prospective"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/matches/{_active_match(c)}/sessions",
        lambda c: {"held_on": "2020-01-01", "minutes": 45, "mode": "phone"},
        {"mentor", "prospective"},
        201,
    ),
    ("GET", lambda c: "/api/v1/mentoring/matches", None, set(ALL_PERSONAS), 200),
    ("POST", lambda c: "/api/v1/mentoring/cohorts", lambda c: {"scheme": "buddying"}, WORKERS, 201),
    (
        "POST",
        lambda c: f"/api/v1/mentoring/cohorts/{_cohort(c)}/assign",
        lambda c: {"confirm": True},
        WORKERS,
        200,
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(client, cast, row)


def test_every_mentoring_route_is_in_the_table(app: Any, cast: Any) -> None:
    assert_table_covers(app, cast, TABLE, "mentoring")


def test_staff_see_their_agencys_matches_only_and_never_the_notes(client: Any, cast: Any) -> None:
    match_id = _active_match(cast)
    matches.do_log_session(
        cast.mentor.user,
        match_id,
        held_on=__import__("datetime").date(2020, 1, 1),
        minutes=30,
        mode="online",
        notes="Private to us.",
        concern=None,
    )
    pair = client.get("/api/v1/mentoring/matches", headers=cast.prospective.headers).json["items"]
    assert pair[0]["sessions"][0]["notes"] == "Private to us."
    staff = client.get("/api/v1/mentoring/matches", headers=cast.agency_worker.headers).json["items"]
    assert [m["id"] for m in staff] == [match_id] and "notes" not in staff[0]["sessions"][0]
    other = make_user("agency_worker", agency="South VAA")
    assert client.get("/api/v1/mentoring/matches", headers=other.headers).json["items"] == []
    for name in ("adopter", "guardian", "teen", "moderator", "dsl"):
        assert (
            client.get("/api/v1/mentoring/matches", headers=getattr(cast, name).headers).json["items"] == []
        )
    assert db.session.get(User, cast.mentor.id) is not None
