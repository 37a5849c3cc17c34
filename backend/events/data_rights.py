"""Events' part of data rights: the export, and a closed account's places freed for the waitlist."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.accounts.models import User
from backend.core.db import db
from backend.events import times
from backend.events.models import Event, Rsvp, RsvpStatus
from backend.events.rsvp import promote


def export(user: User) -> dict[str, Any]:
    rows = db.session.execute(
        select(Rsvp, Event).join(Event, Event.id == Rsvp.event_id).where(Rsvp.user_id == user.id)
    ).all()
    organised = db.session.scalars(select(Event).where(Event.organiser_id == user.id)).all()
    return {
        "rsvps": [
            {
                "event_id": e.id,
                "title": e.title,
                "starts_at": times.shown(e.starts_at).isoformat(),
                "status": r.status,
            }
            for r, e in rows
        ],
        "organised": [{"event_id": e.id, "title": e.title, "status": e.status} for e in organised],
    }


def on_closed(user: User) -> None:
    """Inside the suspension or deletion transaction: the person's places go to people waiting."""
    rows = db.session.execute(
        select(Rsvp, Event)
        .join(Event, Event.id == Rsvp.event_id)
        .where(Rsvp.user_id == user.id, Rsvp.status != RsvpStatus.CANCELLED)
        .with_for_update(of=Event)
    ).all()
    for rsvp, event in rows:
        was_going = rsvp.status == RsvpStatus.GOING
        rsvp.status = RsvpStatus.CANCELLED
        if was_going:
            db.session.flush()
            promote(event)
