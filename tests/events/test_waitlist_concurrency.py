"""The waitlist is promoted exactly, in order, when many people cancel at once (PostgreSQL).

Ten people going to a ten-place event, ten waiting; eight of those going cancel at the same moment,
each on its own thread, connection and transaction. Exactly eight people are promoted, the first
eight in the waitlist's order, and the event never holds more than its capacity.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.db import db
from backend.events import organising, rsvp
from backend.events.models import Event, Rsvp, RsvpStatus
from backend.notifications.models import Notification
from tests.conftest import needs_postgres
from tests.events.helpers import create_event
from tests.factories import make_user

CAPACITY, WAITING, CANCELLING = 10, 10, 8


@dataclass(frozen=True)
class FullEvent:
    """A ten-place event made by an agency worker, with ten people going and ten on its waitlist
    (in that order), every one of them there through the API."""

    worker: Any
    event_id: int
    going: list[Any]
    waiting: list[Any]

    @property
    def cancelling(self) -> list[int]:
        """The ids of the people going who give up their place at once."""
        return [person.id for person in self.going[:CANCELLING]]


@pytest.fixture
def full_event(client: Any) -> FullEvent:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    event_id = create_event(client, worker, capacity=CAPACITY)["id"]
    going = [make_user(p.ADOPTER) for _ in range(CAPACITY)]
    waiting = [make_user(p.ADOPTER) for _ in range(WAITING)]
    for person in going + waiting:
        assert client.post(f"/api/v1/events/{event_id}/rsvp", headers=person.headers).status_code == 201
    return FullEvent(worker, event_id, going, waiting)


def all_at_once(app: Flask, acts: list[tuple[int, Callable[[User], object]]]) -> None:
    """Run each ``act(user)`` for its user id at the same moment: each on its own thread, app context,
    connection and transaction, released together by one barrier. Any error is raised here."""
    barrier = threading.Barrier(len(acts))
    errors: list[BaseException] = []

    def run(user_id: int, act: Callable[[User], object]) -> None:
        try:
            with app.app_context():
                user = db.session.get(User, user_id)
                assert user is not None
                barrier.wait(timeout=30)
                act(user)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=pair) for pair in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    db.session.expire_all()


def cancel_place(event_id: int) -> Callable[[User], object]:
    return lambda user: rsvp.do_cancel(user, event_id)


@needs_postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_concurrent_cancellations_promote_exactly_in_order(
    app: Flask, full_event: FullEvent, backend: str
) -> None:
    ids, event_id = full_event.cancelling, full_event.event_id
    all_at_once(app, [(user_id, cancel_place(event_id)) for user_id in ids])

    rows = {r.user_id: r.status for r in db.session.query(Rsvp).filter_by(event_id=event_id)}
    now_going = {user_id for user_id, status in rows.items() if status == RsvpStatus.GOING}
    assert len(now_going) == CAPACITY
    promoted = {person.id for person in full_event.waiting[:CANCELLING]}
    assert now_going == {person.id for person in full_event.going[CANCELLING:]} | promoted
    still_waiting = [person.id for person in full_event.waiting[CANCELLING:]]
    assert all(rows[user_id] == RsvpStatus.WAITLISTED for user_id in still_waiting)
    assert all(rows[user_id] == RsvpStatus.CANCELLED for user_id in ids)


@needs_postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_cancelling_the_event_amid_cancellations_tells_exactly_who_held_a_place(
    app: Flask, full_event: FullEvent, backend: str
) -> None:
    """The organiser cancels while people cancel their places, each on its own thread. The event's
    lock puts them in some order: the places given up before the cancellation are filled from the
    waitlist in order, none after it, and everyone going or waiting at the cancellation is told once
    (people may still give up their place afterwards)."""
    ids, event_id = full_event.cancelling, full_event.event_id
    cancel_event = (full_event.worker.id, lambda user: organising.do_cancel_event(user, event_id))
    all_at_once(app, [*((user_id, cancel_place(event_id)) for user_id in ids), cancel_event])

    event = db.session.get(Event, event_id)
    assert event is not None and event.status == "cancelled" and event.cancelled_at is not None
    rows = {r.user_id: r for r in db.session.query(Rsvp).filter_by(event_id=event_id)}
    assert all(rows[user_id].status == RsvpStatus.CANCELLED for user_id in ids)
    # Each write held the lock from its timestamp to its commit, so the timestamps give the order.
    before = {user_id for user_id in ids if rows[user_id].updated_at < event.cancelled_at}
    promoted = {
        n.user_id for n in db.session.query(Notification).filter_by(title="A place has come up for you")
    }
    assert promoted == {
        person.id for person in full_event.waiting[: len(before)]
    }  # one per place freed before
    assert all(rows[user_id].status == RsvpStatus.GOING for user_id in promoted)
    told = [n.user_id for n in db.session.query(Notification).filter_by(title="An event has been cancelled")]
    assert sorted(told) == sorted({person.id for person in full_event.going + full_event.waiting} - before)
