"""Persona x route access table for events: the groups' audience walls, organisers and agency staff."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from backend.events import organising, rsvp, schemas
from tests.events.helpers import event_body
from tests.factories import (
    ALL_PERSONAS,
    AccessRow,
    assert_access_row,
    assert_table_covers,
    make_user,
    row_ids,
)

_n = itertools.count(1)
CARERS = {"adopter", "guardian", "mentor"}  # verified carers
STAFF = {"agency_worker", "moderator", "lapsed_moderator", "dsl", "admin"}
DBS_STAFF = {"agency_worker", "moderator", "dsl"}


def _organiser() -> Any:
    """A new organiser per event: screening counts one author's bursts as a flood."""
    return make_user("agency_worker", dbs="in_date").user


def _carers_event(cast: Any) -> int:
    n = next(_n)
    data = event_body(capacity=2, title=f"Stay and play number {n}", description=f"Session {n} of the term.")
    return organising.do_create_event(_organiser(), schemas.EventIn().load(data)).id


def _youth_event(cast: Any) -> int:
    n = next(_n)
    data = event_body(
        kind="activity_day", title=f"Teen activity day {n}", description=f"Day {n}.", audience="young_people"
    )
    return organising.do_create_event(_organiser(), schemas.EventIn().load(data)).id


def _carers_event_everyone_joined(cast: Any) -> int:
    event_id = _carers_event(cast)
    for name in CARERS:
        rsvp.do_rsvp(getattr(cast, name).user, event_id)
    return event_id


TABLE: list[AccessRow] = [
    ("GET", lambda c: "/api/v1/events", None, set(ALL_PERSONAS), 200),
    ("POST", lambda c: "/api/v1/events", lambda c: event_body(), {"agency_worker", "admin"}, 201),
    ("GET", lambda c: f"/api/v1/events/{_carers_event(c)}", None, CARERS | STAFF, 200),
    ("GET", lambda c: f"/api/v1/events/{_youth_event(c)}", None, {"teen"} | DBS_STAFF, 200),
    ("POST", lambda c: f"/api/v1/events/{_carers_event(c)}/rsvp", None, CARERS, 201),
    ("POST", lambda c: f"/api/v1/events/{_youth_event(c)}/rsvp", None, {"teen"}, 201),
    ("DELETE", lambda c: f"/api/v1/events/{_carers_event_everyone_joined(c)}/rsvp", None, CARERS, 204),
    (
        "GET",
        lambda c: f"/api/v1/events/{_carers_event(c)}/attendance.csv",
        None,
        {"agency_worker", "admin"},
        200,
    ),
    ("GET", lambda c: f"/api/v1/events/{_youth_event(c)}/attendance.csv", None, {"agency_worker"}, 200),
    ("GET", lambda c: f"/api/v1/events/{_carers_event(c)}.ics", None, CARERS | STAFF, 200),
    # Cancelling: the organiser (tests/events/test_events.py), a worker of the organiser's agency (the
    # cast's worker shares the organisers' agency), an admin; each only while they may see the event.
    (
        "POST",
        lambda c: f"/api/v1/events/{_carers_event(c)}/cancellation",
        None,
        {"agency_worker", "admin"},
        200,
    ),
    ("POST", lambda c: f"/api/v1/events/{_youth_event(c)}/cancellation", None, {"agency_worker"}, 200),
    ("GET", lambda c: f"/api/v1/events/{_youth_event(c)}.ics", None, {"teen"} | DBS_STAFF, 200),
]


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(client, cast, row)


def test_every_events_route_is_in_the_table(app: Any, cast: Any) -> None:
    assert_table_covers(app, cast, TABLE, "events")
