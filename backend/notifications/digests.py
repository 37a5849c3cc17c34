"""The notifications jobs: releasing what quiet hours held back, and composing digests.

Both are safe with several server processes running them at once (ARCHITECTURE.md section 2):

- release: one conditional ``UPDATE ... WHERE delivery = 'deferred' ... RETURNING``; a second
  process's update waits for the first to commit, then matches no row, so each event goes out once;
- digests: a digest is claimed by inserting its unique ``(user, cadence, period)`` row with ON
  CONFLICT DO NOTHING in the same transaction that gathers its items. Whoever inserts first composes
  it; every other process inserts nothing (on PostgreSQL it waits for the winner to commit) and moves
  on. A rerun in the same period finds the row and does nothing: idempotent and exactly once.

Digests are composed from 08:00 UK time on their day (daily: every day; weekly: Mondays; monthly:
the 1st), after young people's quiet hours; an adult whose own quiet hours cover that time gets it
on the first run after they end, under the same period key.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.notifications import live, quiet
from backend.notifications.categories import Cadence
from backend.notifications.models import Delivery, Digest, Notification
from backend.notifications.preferences import quiet_hours_for

DIGEST_TIME = time(8, 0)
BATCH = 500
DIGEST_CADENCES = (Cadence.DAILY, Cadence.WEEKLY, Cadence.MONTHLY)


def release_deferred(now: datetime | None = None) -> int:
    """Send the realtime events that quiet hours held back and whose time has come."""
    now = now or utcnow()
    released = 0
    while True:
        ids = list(
            db.session.scalars(
                select(Notification.id)
                .where(Notification.delivery == Delivery.DEFERRED, Notification.deliver_at <= now)
                .order_by(Notification.id)
                .limit(BATCH)
            )
        )
        if not ids:
            db.session.commit()
            return released
        claimed = list(
            db.session.scalars(
                update(Notification)
                .where(Notification.id.in_(ids), Notification.delivery == Delivery.DEFERRED)
                .values(delivery=Delivery.SENT)
                .returning(Notification)
                .execution_options(synchronize_session=False)
            )
        )
        for record in claimed:
            live.announce(record)
        db.session.commit()
        released += len(claimed)
        if len(ids) < BATCH:
            return released


def period_of(cadence: Cadence, now: datetime) -> tuple[str, datetime]:
    """The period key and its start (the instant its digest is due) for ``now``, on the UK clock."""
    today = quiet.uk_today(now)
    day: date
    if cadence == Cadence.DAILY:
        day, key = today, today.isoformat()
    elif cadence == Cadence.WEEKLY:
        day = today - timedelta(days=today.weekday())
        year, week, _ = day.isocalendar()
        key = f"{year}-W{week:02d}"
    elif cadence == Cadence.MONTHLY:
        day = today.replace(day=1)
        key = f"{day.year}-{day.month:02d}"
    else:  # pragma: no cover - a programming error
        raise ValueError(cadence)
    return key, quiet.uk_instant(day, DIGEST_TIME)


def compose_digests(now: datetime | None = None) -> int:
    """Compose every digest that is due; the number this process composed."""
    now = now or utcnow()
    composed = 0
    for cadence in DIGEST_CADENCES:
        period, due_at = period_of(cadence, now)
        if now < due_at:
            continue
        people = list(
            db.session.scalars(
                select(Notification.user_id)
                .where(
                    Notification.delivery == Delivery.WAITING,
                    Notification.cadence == cadence,
                    Notification.created_at < due_at,
                )
                .group_by(Notification.user_id)
                .order_by(Notification.user_id)
            )
        )
        db.session.commit()
        for user_id in people:
            if _compose_one(user_id, cadence, period, due_at, now):
                composed += 1
    return composed


def _compose_one(user_id: int, cadence: Cadence, period: str, due_at: datetime, now: datetime) -> bool:
    user = db.session.get(User, user_id)
    hours = quiet_hours_for(user) if user is not None else None
    if user is None or (hours is not None and hours.contains(now)):
        db.session.commit()
        return False  # again on the first run after their quiet hours, under the same period key
    digest = db.session.scalars(
        _claim({"user_id": user_id, "cadence": cadence, "period": period, "created_at": now}).returning(
            Digest
        )
    ).first()
    if digest is None:  # another process (or an earlier run) has composed this one
        db.session.rollback()
        return False
    items = list(
        db.session.scalars(
            update(Notification)
            .where(
                Notification.user_id == user_id,
                Notification.delivery == Delivery.WAITING,
                Notification.cadence == cadence,
                Notification.created_at < due_at,
            )
            .values(delivery=Delivery.DIGESTED, digest_id=digest.id)
            .returning(Notification)
            .execution_options(synchronize_session=False)
        )
    )
    items.sort(key=lambda n: n.id, reverse=True)
    digest.item_count = len(items)
    live.announce_digest(digest, items)
    db.session.commit()
    return True


def _claim(values: dict[str, object]) -> Insert:
    if db.session.get_bind().dialect.name == "postgresql":
        return (
            postgresql.insert(Digest)
            .values(values)
            .on_conflict_do_nothing(index_elements=["user_id", "cadence", "period"])
        )
    return (
        sqlite.insert(Digest)
        .values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "cadence", "period"])
    )


def run() -> None:
    """One pass of the notifications timer (``jobs.py``)."""
    release_deferred()
    compose_digests()
