"""Realtime events of notifications, sent to the person's own room ``user:<id>`` (every socket of
theirs, on every process through the message queue) only after the write that made them commits."""

from __future__ import annotations

from typing import Any

from backend.core.realtime import emit_after_commit, user_room
from backend.notifications.models import Digest, Notification

EVENT = "notification"
DIGEST_EVENT = "notification_digest"
READ_EVENT = "notifications_read"


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
        "digest_id": record.digest_id,
    }


def digest_view(digest: Digest, items: list[Notification]) -> dict[str, Any]:
    return {
        "id": digest.id,
        "cadence": digest.cadence,
        "period": digest.period,
        "count": digest.item_count,
        "created_at": digest.created_at.isoformat(),
        "items": [notification_view(n) for n in items],
    }


def announce(record: Notification) -> None:
    emit_after_commit(EVENT, notification_view(record), to=user_room(record.user_id))


def announce_digest(digest: Digest, items: list[Notification]) -> None:
    emit_after_commit(DIGEST_EVENT, digest_view(digest, items), to=user_room(digest.user_id))


def announce_read(user_id: int, ids: list[int] | None) -> None:
    """The person's other devices clear the badge (``ids`` None: everything was read)."""
    emit_after_commit(READ_EVENT, {"ids": ids}, to=user_room(user_id))
