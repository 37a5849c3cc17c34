"""Events and mentoring suggestions in journeys (issue #16), with the real features plugged in:
each through its own wall and hard constraints, and the journey's wall again on top."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

import time_machine

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.auth import service as auth
from backend.mentoring import profiles
from backend.mentoring.schemes import SCHEMES
from tests.events.helpers import create_event
from tests.factories import CLIENT_ID, make_teen, make_user
from tests.mentoring.helpers import offering, seeking

# A toddler placed two months ago: the first year after placement is open (attachment, trauma,
# sleep, self-care).
BORN = accounts.today() - timedelta(days=3 * 365)


def _add_child(client: Any, carer: Any) -> None:
    added = client.post(
        "/api/v1/me/family/children",
        json={
            "birth_month": BORN.month,
            "birth_year": BORN.year,
            "placement_date": (accounts.today() - timedelta(days=60)).isoformat(),
            "legal_route": "adoption",
        },
        headers=carer.headers,
    )
    assert added.status_code == 201, added.json


def _recommended(client: Any, who: Any, kind: str) -> list[dict[str, Any]]:
    response = client.get("/api/v1/me/journey", headers=who.headers)
    assert response.status_code == 200, response.json
    return [item for j in response.json["journeys"] for item in j["recommended"][kind]]


def _name(person: Any) -> str:
    return str(accounts.public_profile(person.user)["display_name"])


def _attachment_mentor(worker: Any) -> Any:
    return offering(make_user(p.ADOPTER), worker, needs=["attachment"])


def test_a_new_family_is_offered_a_carers_event_and_a_vetted_mentor(client: Any, cast: Any) -> None:
    adopter, worker = cast.adopter, cast.agency_worker
    _add_child(client, adopter)
    stay = create_event(client, worker, title="Stay and play for new families", audience="carers")
    party = create_event(
        client, worker, kind="celebration", title="Summer party", description="Cake.", audience="carers"
    )
    talk = create_event(
        client,
        worker,
        kind="webinar",
        title="Sleep after placement",
        description="Bedtimes and night waking.",
        audience="adopters",
        venue="",
        online_link="https://example.org/room/1",
    )
    mentor = _attachment_mentor(worker)
    other = offering(make_user(p.ADOPTER), worker, needs=["fasd"])  # shares nothing with this stage

    events = _recommended(client, adopter, "events")
    ids = [e["id"] for e in events]
    assert stay["id"] in ids and talk["id"] in ids and party["id"] not in ids
    by_id = {e["id"]: e for e in events}
    assert by_id[stay["id"]]["kind"] == "event" and by_id[stay["id"]]["audience"] == "carers"
    assert "attachment" in by_id[stay["id"]]["shared_tags"]  # a stay and play is about attachment
    assert by_id[talk["id"]]["shared_tags"] == ["sleep"]  # a webinar by its words
    assert by_id[stay["id"]]["starts_at"] == stay["starts_at"]
    for event in events:  # the venue and the link are for people going
        assert "venue" not in event and "online_link" not in event

    mentors = _recommended(client, adopter, "mentors")
    names = {m["display_name"] for m in mentors}
    assert _name(mentor) in names and _name(other) not in names
    offered = next(m for m in mentors if m["display_name"] == _name(mentor))
    assert offered["kind"] == "mentor" and offered["audience"] == "adopters"
    assert offered["scheme"] in SCHEMES and offered["shared_tags"] == ["attachment"]
    assert offered["reasons"][0] == "knows from experience: Attachment"
    assert set(offered) == {"kind", "display_name", "scheme", "reasons", "audience", "shared_tags"}


def test_a_young_person_never_sees_adult_events_or_adult_mentors(client: Any, cast: Any) -> None:
    teen, worker = cast.teen, cast.agency_worker
    create_event(client, worker, title="Stay and play: attachment and play", audience="carers")
    adult_mentor = _attachment_mentor(worker)
    buddy = offering(make_teen(make_user(p.ADOPTER), age=15), worker, needs=["attachment"])
    chosen = client.put(
        "/api/v1/me/journey/topics", json={"topics": ["attachment", "nursery"]}, headers=teen.headers
    )
    assert chosen.status_code == 200, chosen.json
    assert _recommended(client, teen, "events") == []
    # Not opted in to buddying yet: no one at all.
    assert _recommended(client, teen, "mentors") == []
    seeking(teen)
    mentors = _recommended(client, teen, "mentors")
    assert [m["display_name"] for m in mentors] == [_name(buddy)]
    assert mentors[0]["scheme"] == "buddying" and mentors[0]["audience"] == "young_people"
    assert _name(adult_mentor) not in [m["display_name"] for m in mentors]


def test_a_mentor_whose_dbs_check_lapsed_is_not_suggested(client: Any, cast: Any) -> None:
    adopter, worker = cast.adopter, cast.agency_worker
    _add_child(client, adopter)
    # Mentoring and consultancy ask adults for an in-date DBS check (buddying does not).
    dbs_schemes = ["mentoring", "consultant"]
    vetted = offering(make_user(p.ADOPTER), worker, dbs_schemes, needs=["attachment"])
    lapsing = offering(make_user(p.ADOPTER), worker, dbs_schemes, needs=["attachment"])
    today = accounts.today()
    profiles.do_record_vetting(
        worker.user,
        lapsing.id,
        dbs_checked_on=today - timedelta(days=2 * 365),
        dbs_renewal_due=today + timedelta(days=5),
        training_completed_on=today - timedelta(days=50),
        approved=True,
        schemes=dbs_schemes,
    )
    names = [m["display_name"] for m in _recommended(client, adopter, "mentors")]
    assert _name(vetted) in names and _name(lapsing) in names
    # The renewal day is the first day out of date: nobody touched the records, the check lapsed.
    lapse = datetime.combine(today + timedelta(days=5), time(12), tzinfo=UTC)
    with time_machine.travel(lapse, tick=False):
        fresh = {"Authorization": f"Bearer {auth.do_issue_tokens(adopter.user, CLIENT_ID).access_token}"}
        names = [m["display_name"] for m in _recommended(client, SimpleNamespace(headers=fresh), "mentors")]
    assert _name(vetted) in names and _name(lapsing) not in names


def test_a_blocked_mentor_is_not_suggested_whoever_blocked(client: Any, cast: Any) -> None:
    adopter, worker = cast.adopter, cast.agency_worker
    _add_child(client, adopter)
    kept = _attachment_mentor(worker)
    blocked_by_me = _attachment_mentor(worker)
    blocked_me = _attachment_mentor(worker)
    assert client.post(f"/api/v1/me/blocks/{blocked_by_me.id}", headers=adopter.headers).status_code == 201
    assert client.post(f"/api/v1/me/blocks/{adopter.id}", headers=blocked_me.headers).status_code == 201
    names = [m["display_name"] for m in _recommended(client, adopter, "mentors")]
    assert _name(kept) in names
    assert _name(blocked_by_me) not in names and _name(blocked_me) not in names
