"""Queue items about content that was never stored: found by the backend, closed here.

Screening commits a hold's queue item in this database before it answers, and the app stores the
content after, in its own transaction. When that transaction rolls back (its commit failed, the
process died), the item is about content that does not exist. Left open, it would reach a moderator
and, at P0, the on-call DSL for nothing; worse, on SQLite the app hands the rolled-back id to the
next piece of content, and a decision on the item (remove, redact) would land on someone else's
words. So the backend lists the items screening opened (``screened``), asks its own tables which
subjects are stored as the content screened (``backend/moderation_link/unstored.py``), and closes
the rest here with ``subject not stored`` and an audit row. Nothing is deleted: the item and its
evidence stay, closed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ScalarSelect, func, select

from moderation import audit, db, queue
from moderation.models import Evidence, ItemStatus, QueueItem
from moderation.types import ScreenedItem

NOT_STORED = "not_stored"
# Content subjects only: a profile, a group, a user or a burst of messages is not rolled back with one
# write, and reports and appeals are made about content that was already stored.
CONTENT_TYPES = ("message", "post", "thread")
# Open or escalated, and nothing waiting on a second moderator.
_CLOSABLE = (ItemStatus.OPEN, ItemStatus.ESCALATED)


def _newest_snapshot() -> ScalarSelect[datetime]:
    # Per listed item, through the evidence's item index: never an aggregate over all evidence.
    return select(func.max(Evidence.captured_at)).where(Evidence.item_id == QueueItem.id).scalar_subquery()


def screened(since: datetime, until: datetime, after_id: int, limit: int) -> list[ScreenedItem]:
    """Open items screening opened for content between ``since`` and ``until``, ids above
    ``after_id``, in id order, with when their newest snapshot was taken."""
    newest = _newest_snapshot()
    rows = (
        db.session()
        .execute(
            select(QueueItem.id, QueueItem.subject_type, QueueItem.subject_id, QueueItem.author_id, newest)
            .where(
                QueueItem.active.is_(True),
                QueueItem.status.in_(_CLOSABLE),
                QueueItem.source == "screening",
                QueueItem.subject_type.in_(CONTENT_TYPES),
                QueueItem.created_at >= since,
                QueueItem.created_at < until,
                QueueItem.id > after_id,
            )
            .order_by(QueueItem.id)
            .limit(limit)
        )
        .all()
    )
    db.end_read()
    return [ScreenedItem(*row) for row in rows]


def close(items: list[ScreenedItem]) -> int:
    """Close these items as ``not_stored``, each with an audit row; how many were closed. An item
    that changed since it was listed (a new snapshot, a decision, a claim's sanction waiting for
    confirmation) is left alone: it is checked again at the next pass."""
    if not items:
        return 0
    closed = 0
    with db.write() as session:
        for listed in items:
            item = session.get(QueueItem, listed.item_id)
            if item is None or not item.active or item.status not in _CLOSABLE:
                continue
            newest = session.scalar(select(func.max(Evidence.captured_at)).where(Evidence.item_id == item.id))
            if newest != listed.last_captured_at:
                continue
            item.resolution = NOT_STORED
            item.claimed_by_id = item.lease_expires_at = None
            queue.settle(item)
            audit.record(
                session,
                "item.subject_not_stored",
                "item",
                item.id,
                subject_type=item.subject_type,
                subject_id=item.subject_id,
                reason="The app never stored this content (its write was rolled back).",
            )
            closed += 1
        session.commit()
    return closed
