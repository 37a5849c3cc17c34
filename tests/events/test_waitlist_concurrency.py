"""The waitlist is promoted exactly, in order, when many people cancel at once (PostgreSQL).

Ten people going to a ten-place event, ten waiting; eight of those going cancel at the same moment,
each on its own thread, connection and transaction. Exactly eight people are promoted, the first
eight in the waitlist's order, and the event never holds more than its capacity.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.db import db
from backend.events import rsvp
from backend.events.models import Rsvp, RsvpStatus
from tests.conftest import needs_postgres
from tests.events.helpers import create_event
from tests.factories import make_user

CAPACITY, WAITING, CANCELLING = 10, 10, 8


@needs_postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_concurrent_cancellations_promote_exactly_in_order(app: Any, client: Any, backend: str) -> None:
    worker = make_user(p.AGENCY_WORKER, dbs="in_date")
    event_id = create_event(client, worker, capacity=CAPACITY)["id"]
    going = [make_user(p.ADOPTER) for _ in range(CAPACITY)]
    waiting = [make_user(p.ADOPTER) for _ in range(WAITING)]
    for person in going + waiting:
        assert client.post(f"/api/v1/events/{event_id}/rsvp", headers=person.headers).status_code == 201
    ids = [person.id for person in going[:CANCELLING]]
    barrier = threading.Barrier(CANCELLING)
    errors: list[BaseException] = []

    def cancel(user_id: int) -> None:
        try:
            with app.app_context():
                user = db.session.get(User, user_id)
                assert user is not None
                barrier.wait(timeout=30)
                rsvp.do_cancel(user, event_id)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=cancel, args=(user_id,)) for user_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors

    db.session.expire_all()
    rows = {r.user_id: r.status for r in db.session.query(Rsvp).filter_by(event_id=event_id)}
    now_going = {user_id for user_id, status in rows.items() if status == RsvpStatus.GOING}
    assert len(now_going) == CAPACITY
    promoted = {person.id for person in waiting[:CANCELLING]}
    assert now_going == {person.id for person in going[CANCELLING:]} | promoted
    still_waiting = [person.id for person in waiting[CANCELLING:]]
    assert all(rows[user_id] == RsvpStatus.WAITLISTED for user_id in still_waiting)
    assert all(rows[user_id] == RsvpStatus.CANCELLED for user_id in ids)
