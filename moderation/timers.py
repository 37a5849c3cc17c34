"""Timers: missed deadlines, lapsed claims and decision effects to retry.

``run_due_timers(now)`` does one pass; the app runs it from a background thread every
``MODERATION_TIMER_SECONDS`` when ``TIMERS_ENABLED`` is set (tests call it directly with frozen
time). It is safe with several server processes: every step is a conditional write inside
moderation's serialised write transaction, so a breach fires, and notifies, exactly once.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import CursorResult, select, update

from moderation import audit, db, effects, notifications, queue, realtime
from moderation.models import QueueItem
from moderation.settings import DEFAULTS

log = logging.getLogger(__name__)
BATCH = 200


def _breach_due(now: datetime) -> int:
    """Missed deadlines escalate to the on-call safeguarding lead (PRODUCT.md 2.7)."""
    fired = 0
    with db.write() as session:
        due = session.scalars(
            select(QueueItem)
            .where(QueueItem.active == True, QueueItem.breached_at.is_(None), QueueItem.deadline_at <= now)  # noqa: E712
            .order_by(QueueItem.deadline_at)
            .limit(BATCH)
        ).all()
        for item in due:
            # The conditional UPDATE is what makes the breach fire once: whoever sets breached_at
            # first owns the notification; anyone else updates no row.
            claimed: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(QueueItem)
                .where(QueueItem.id == item.id, QueueItem.breached_at.is_(None))
                .values(breached_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount != 1:
                continue
            session.refresh(item)
            fired += 1
            notifications.notify_leads(
                session, "deadline_breached", item, deadline_at=item.deadline_at.isoformat()
            )
            audit.record(session, "item.deadline_breached", "item", item.id, priority=item.priority)
            realtime.item_changed(session, item, queue.item_view)
        session.commit()
    return fired


def _expire_leases(now: datetime) -> int:
    """A lapsed claim frees the item; moderators' screens hear about it."""
    with db.write() as session:
        lapsed = session.scalars(
            select(QueueItem).where(QueueItem.lease_expires_at <= now).limit(BATCH)
        ).all()
        for item in lapsed:
            item.claimed_by_id = None
            item.lease_expires_at = None
            item.updated_at = now
            realtime.item_changed(session, item, queue.item_view)
        session.commit()
    return len(lapsed)


def run_due_timers(now: datetime | None = None) -> dict[str, Any]:
    now = now or db.utcnow()
    breached = _breach_due(now)
    leases = _expire_leases(now)
    retried = effects.claim_due(now)
    applied = sum(1 for decision_id in retried if effects.apply(decision_id))
    return {
        "breached": breached,
        "leases_expired": leases,
        "effects_retried": len(retried),
        "effects_applied": applied,
    }


def start(app: Flask) -> threading.Thread:
    """The background timer thread of one server process (daemon: it never holds the process up)."""
    period = float(app.config.get("MODERATION_TIMER_SECONDS", DEFAULTS["MODERATION_TIMER_SECONDS"]))
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(period):
            try:
                with app.app_context():
                    run_due_timers()
                    realtime.recheck_sockets()  # rights that changed on another process
            except Exception:
                log.exception("moderation timers failed; trying again next period")

    thread = threading.Thread(target=loop, name="moderation-timers", daemon=True)
    thread.start()
    app.extensions["moderation_timers"] = stop
    return thread
