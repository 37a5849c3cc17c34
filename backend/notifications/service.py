"""The one call every feature uses to tell someone something (issue #15).

``notify`` adds the record to the caller's session: it commits or rolls back with the change that
caused it. The realtime ``notification`` event is queued on the same session and sent only after
commit, to the person's own room ``user:<id>`` (every socket of theirs, on every process through
the message queue).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.core.db import db
from backend.core.realtime import emit_after_commit
from backend.notifications.categories import category
from backend.notifications.models import Notification

__all__ = ["EVENT", "Notification", "notification_view", "notify"]

EVENT = "notification"


def notify(
    user_id: int,
    category_name: str,
    title: str,
    body: str,
    link: str,
    *,
    dedupe_key: str | None = None,
    urgent: bool = False,
) -> Notification:
    """Record a notification for ``user_id`` in the current transaction; announce it after commit.

    With a ``dedupe_key``, a second call for the same person and key returns the first record and
    sends nothing new (a retried or repeated cause is one notification).
    """
    category(category_name)  # an unknown category is a programming error, not a silent drop
    if dedupe_key is not None:
        existing = _pending_or_stored(user_id, dedupe_key)
        if existing is not None:
            return existing
    record = Notification(
        user_id=user_id,
        category=category_name,
        title=title[:200],
        body=body[:1000],
        link=link[:300],
        urgent=urgent,
        dedupe_key=dedupe_key,
    )
    db.session.add(record)
    db.session.flush()  # the id, for the event and for the caller
    emit_after_commit(EVENT, notification_view(record), to=f"user:{user_id}")
    return record


def _pending_or_stored(user_id: int, dedupe_key: str) -> Notification | None:
    with db.session.no_autoflush:
        for pending in db.session.new:
            if isinstance(pending, Notification) and (pending.user_id, pending.dedupe_key) == (
                user_id,
                dedupe_key,
            ):
                return pending
    return db.session.scalar(
        select(Notification).where(Notification.user_id == user_id, Notification.dedupe_key == dedupe_key)
    )


def notification_view(record: Notification) -> dict[str, Any]:
    return {
        "id": record.id,
        "category": record.category,
        "title": record.title,
        "body": record.body,
        "link": record.link,
        "urgent": record.urgent,
        "created_at": record.created_at.isoformat() if record.created_at else None,
        "read": record.read_at is not None,
    }
