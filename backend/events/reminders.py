"""Reminders the day before: each person going is told once, whatever number of processes run the
job, because each reminder is claimed by a conditional update (``reminded_at IS NULL``) before it is
written, in the same transaction as the notification."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from backend.core.db import db, utcnow
from backend.events import times
from backend.events.models import Event, EventStatus, Rsvp, RsvpStatus
from backend.notifications import service as notifications

AHEAD = timedelta(hours=24)


def run(now: datetime | None = None) -> int:
    now = now or utcnow()
    due = db.session.execute(
        select(Rsvp.id, Event.id, Event.title, Event.starts_at)
        .join(Event, Event.id == Rsvp.event_id)
        .where(
            Event.status == EventStatus.SCHEDULED,
            Event.starts_at > now,
            Event.starts_at <= now + AHEAD,
            Rsvp.status == RsvpStatus.GOING,
            Rsvp.reminded_at.is_(None),
        )
    ).all()
    sent = 0
    for rsvp_id, event_id, title, starts_at in due:
        claimed = db.session.execute(
            update(Rsvp)
            .where(Rsvp.id == rsvp_id, Rsvp.reminded_at.is_(None), Rsvp.status == RsvpStatus.GOING)
            .values(reminded_at=now)
            .returning(Rsvp.user_id)
        ).first()
        if claimed is None:
            db.session.rollback()
            continue
        when = times.shown(starts_at).strftime("%A %d %B at %H:%M")
        notifications.notify(
            claimed[0],
            "events",
            "Reminder: an event tomorrow",
            f"{title} starts {when} (UK time).",
            f"/api/v1/events/{event_id}",
        )
        db.session.commit()
        sent += 1
    return sent
