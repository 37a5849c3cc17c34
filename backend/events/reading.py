"""Reading events: the caller's standing on each, and the one view of an event.

The venue, the online link and an attached expert session's chat room appear only to people going
and the organiser; the attendance list only to the organiser and agency staff.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from backend.accounts.models import User
from backend.chat.models import ExpertSession
from backend.core.db import db, utcnow
from backend.core.errors import NotFound
from backend.events import times
from backend.events.models import Event, EventStatus, Rsvp, RsvpStatus
from backend.events.walls import EventStanding, require, standing


def rsvp_of(user_id: int, event_id: int) -> Rsvp | None:
    return db.session.scalar(select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.user_id == user_id))


@dataclass(frozen=True)
class EventAccess:
    """What ``access_event`` found: the event, the caller's standing and their reply (if any)."""

    event: Event
    standing: EventStanding
    rsvp: Rsvp | None


def access_event(user: User, event_id: int, need: str = "see") -> EventAccess:
    """An event the caller may ``need``; 404 when it is missing or not theirs to see."""
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound()
    rsvp = rsvp_of(user.id, event_id)
    s = standing(user, event, rsvp.status if rsvp is not None else None)
    return EventAccess(event, require(s, need), rsvp)


def queue(event_id: int) -> list[tuple[Rsvp, User]]:
    """Everyone going or waiting, in order: going first, then the waitlist by its order."""
    rows = db.session.execute(
        select(Rsvp, User)
        .join(User, User.id == Rsvp.user_id)
        .where(Rsvp.event_id == event_id, Rsvp.status != RsvpStatus.CANCELLED)
        .order_by(Rsvp.status, Rsvp.queued_at, Rsvp.id)
    ).all()
    return [(r, u) for r, u in rows]


def waitlist_position(event_id: int, rsvp: Rsvp) -> int | None:
    if rsvp.status != RsvpStatus.WAITLISTED:
        return None
    ahead = db.session.scalars(
        select(Rsvp.id).where(
            Rsvp.event_id == event_id,
            Rsvp.status == RsvpStatus.WAITLISTED,
            (Rsvp.queued_at < rsvp.queued_at) | ((Rsvp.queued_at == rsvp.queued_at) & (Rsvp.id < rsvp.id)),
        )
    ).all()
    return len(ahead) + 1


def _counts(event_ids: list[int]) -> dict[tuple[int, str], int]:
    rows = db.session.execute(
        select(Rsvp.event_id, Rsvp.status).where(
            Rsvp.event_id.in_(event_ids), Rsvp.status != RsvpStatus.CANCELLED
        )
    ).all()
    return Counter((e, s) for e, s in rows)


def event_view(
    user: User,
    event: Event,
    s: EventStanding,
    rsvp: Rsvp | None,
    counts: dict[tuple[int, str], int] | None = None,
) -> dict[str, Any]:
    counts = counts if counts is not None else _counts([event.id])
    organiser = db.session.get(User, event.organiser_id)
    view: dict[str, Any] = {
        "id": event.id,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "audience": event.audience,
        "group_id": event.group_id,
        "organiser": {"id": event.organiser_id, "display_name": organiser.display_name if organiser else ""},
        "starts_at": times.shown(event.starts_at),
        "ends_at": times.shown(event.ends_at),
        "timezone": times.TIMEZONE,
        "capacity": event.capacity,
        "going": counts.get((event.id, RsvpStatus.GOING), 0),
        "waiting": counts.get((event.id, RsvpStatus.WAITLISTED), 0),
        "area": event.area,
        "accessibility_notes": event.accessibility_notes,
        "status": event.status,
        "cancelled_at": event.cancelled_at,
        "my_rsvp": None,
        "venue": None,
        "online_link": None,
        "chat_room_id": None,
        "attendance": None,
    }
    if rsvp is not None and rsvp.status != RsvpStatus.CANCELLED:
        view["my_rsvp"] = {"status": rsvp.status, "waitlist_position": waitlist_position(event.id, rsvp)}
    if s.details:
        view["venue"] = event.venue or None
        view["online_link"] = event.online_link or None
        if event.expert_session_id is not None:
            session = db.session.get(ExpertSession, event.expert_session_id)
            view["chat_room_id"] = session.room_id if session is not None else None
    if s.attendance:
        view["attendance"] = [
            {"user_id": u.id, "display_name": u.display_name, "status": r.status, "since": r.queued_at}
            for r, u in queue(event.id)
        ]
    return view


def event_detail(user: User, event_id: int) -> dict[str, Any]:
    found = access_event(user, event_id)
    return event_view(user, found.event, found.standing, found.rsvp)


def list_events(
    user: User, kind: str | None = None, audience: str | None = None, group_id: int | None = None
) -> list[dict[str, Any]]:
    """Upcoming events the caller may see (not yet ended), soonest first."""
    statement = select(Event).where(Event.ends_at > utcnow(), Event.status != EventStatus.REFUSED)
    if kind is not None:
        statement = statement.where(Event.kind == kind)
    if audience is not None:
        statement = statement.where(Event.audience == audience)
    if group_id is not None:
        statement = statement.where(Event.group_id == group_id)
    events = list(db.session.scalars(statement.order_by(Event.starts_at, Event.id)))
    mine = {
        r.event_id: r
        for r in db.session.scalars(
            select(Rsvp).where(Rsvp.user_id == user.id, Rsvp.event_id.in_([e.id for e in events]))
        )
    }
    visible = []
    for event in events:
        rsvp = mine.get(event.id)
        s = standing(user, event, rsvp.status if rsvp is not None else None)
        if s.see:
            visible.append((event, s, rsvp))
    counts = _counts([e.id for e, _s, _r in visible])
    return [event_view(user, e, s, r, counts) for e, s, r in visible]
