"""Coming to an event, with a capacity and a waitlist promoted in order.

Every RSVP write locks the event's row first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite takes
one writer at a time anyway), so the count of people going and the promotion of the first person
waiting are decided by one writer at a time: concurrent cancellations promote exactly as many people
as places they free, in waitlist order (``tests/events/test_waitlist_concurrency.py``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, NotFound
from backend.core.statuses import Saved
from backend.events.models import Event, EventStatus, Rsvp, RsvpStatus
from backend.events.reading import access_event, event_detail, rsvp_of
from backend.notifications import service as notifications


def lock(event_id: int) -> Event:
    """The event's row, locked until the transaction ends: RSVP writes and cancelling go one at a time."""
    event = db.session.scalar(
        select(Event).where(Event.id == event_id).with_for_update().execution_options(populate_existing=True)
    )
    if event is None:
        raise NotFound()
    return event


def _going(event_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(Rsvp)
            .where(Rsvp.event_id == event_id, Rsvp.status == RsvpStatus.GOING)
        )
        or 0
    )


def do_rsvp(user: User, event_id: int) -> Saved[dict[str, Any]]:
    """Come (or join the waitlist when full): 201 when this call made the RSVP, 200 when it was there."""
    access_event(user, event_id, "rsvp")  # the wall first: 404 unless the caller may reply
    event = lock(event_id)
    if event.status != EventStatus.SCHEDULED or event.starts_at <= utcnow():
        raise Conflict("This event is not taking replies")
    rsvp = rsvp_of(user.id, event_id)
    if rsvp is not None and rsvp.status != RsvpStatus.CANCELLED:
        db.session.commit()
        return Saved(event_detail(user, event_id), False)
    status = RsvpStatus.GOING if _going(event_id) < event.capacity else RsvpStatus.WAITLISTED
    if rsvp is None:
        rsvp = Rsvp(event_id=event_id, user_id=user.id, status=status, queued_at=utcnow())
        db.session.add(rsvp)
    else:  # back after cancelling: to the end of the queue
        rsvp.status, rsvp.queued_at, rsvp.reminded_at = status, utcnow(), None
    db.session.commit()
    return Saved(event_detail(user, event_id), True)


def promote(event: Event) -> list[int]:
    """Fill free places from the waitlist, in order; the caller holds the event's lock. A cancelled
    event promotes nobody."""
    if event.status != EventStatus.SCHEDULED:
        return []
    free = event.capacity - _going(event.id)
    if free <= 0:
        return []
    waiting = db.session.scalars(
        select(Rsvp)
        .where(Rsvp.event_id == event.id, Rsvp.status == RsvpStatus.WAITLISTED)
        .order_by(Rsvp.queued_at, Rsvp.id)
        .limit(free)
    ).all()
    for rsvp in waiting:
        rsvp.status = RsvpStatus.GOING
        notifications.notify(
            rsvp.user_id,
            "events",
            "A place has come up for you",
            f"You are now going to {event.title}.",
            f"/api/v1/events/{event.id}",
            dedupe_key=f"events:promoted:{event.id}:{rsvp.id}:{rsvp.queued_at.isoformat()}",
        )
    return [r.user_id for r in waiting]


def do_cancel(user: User, event_id: int) -> None:
    access_event(user, event_id, "rsvp")
    event = lock(event_id)
    rsvp = rsvp_of(user.id, event_id)
    if rsvp is None or rsvp.status == RsvpStatus.CANCELLED:
        raise NotFound()
    was_going = rsvp.status == RsvpStatus.GOING
    rsvp.status = RsvpStatus.CANCELLED
    db.session.flush()
    if was_going:
        promote(event)
    db.session.commit()
