"""Notices for the safeguarding lead: missed deadlines and escalations (PRODUCT.md 2.7: "missed
deadlines escalate to the on-call DSL"). Each is a row in the moderation database, so nothing
depends on someone being connected, and a realtime event to the leads who are. Notices about young
people's items reach only leads whose DBS check is in date, like the items themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation import access, db, paging, realtime
from moderation.models import Notification, QueueItem
from moderation.settings import setting
from moderation.types import Actor

PAGE_SIZE = 100
# A notice for a content's author, not for staff: the crisis signposts owed for a risk to life found
# after the content was published (second_reading.py). Kept apart from the leads' notices.
AUTHOR_SIGNPOSTS = "author_signposts"
_FOR_STAFF = Notification.kind != AUTHOR_SIGNPOSTS


def notification_view(n: Notification) -> dict[str, Any]:
    return {
        "id": n.id,
        "kind": n.kind,
        "item_id": n.item_id,
        "recipient_id": n.recipient_id,
        "body": n.body,
        "created_at": n.created_at,
    }


def notify_leads(session: Session, kind: str, item: QueueItem, **body: Any) -> Notification:
    """Inside the caller's write transaction; the realtime event goes out after its commit."""
    notification = Notification(
        kind=kind,
        item_id=item.id,
        recipient_id=setting("MODERATION_ON_CALL_LEAD_ID"),
        body={
            "priority": item.priority,
            "audience": item.audience,
            "subject_type": item.subject_type,
            **body,
        },
        created_at=db.utcnow(),
    )
    session.add(notification)
    session.flush()
    room = realtime.LEADS_YOUTH_ROOM if item.audience == "youth" else realtime.LEADS_ROOM
    realtime.emit_after_commit(session, kind, notification_view(notification), room)
    return notification


def recent(lead: Actor, cursor: tuple[int] | None = None, limit: int = PAGE_SIZE) -> dict[str, Any]:
    """A page of notifications, newest first."""
    query = select(Notification).where(_FOR_STAFF).order_by(Notification.id.desc()).limit(limit + 1)
    if not access.sees_youth(lead):
        youth_items = select(QueueItem.id).where(QueueItem.audience == "youth")
        query = query.where(Notification.item_id.not_in(youth_items))
    if cursor is not None:
        query = query.where(Notification.id < cursor[0])
    rows = db.session().scalars(query).all()
    db.end_read()
    return paging.page([notification_view(n) for n in rows], limit, lambda n: (n["id"],))


def since(after: datetime, limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """Notices created after ``after``, oldest first, for the backend to copy into its own
    notifications (each carries priority and audience, never the content)."""
    rows = (
        db.session()
        .execute(
            select(Notification, QueueItem.priority, QueueItem.audience)
            .join(QueueItem, QueueItem.id == Notification.item_id)
            .where(_FOR_STAFF, Notification.created_at > after)
            .order_by(Notification.id)
            .limit(limit)
        )
        .all()
    )
    db.end_read()
    return [
        {
            "id": n.id,
            "kind": n.kind,
            "item_id": n.item_id,
            "recipient_id": n.recipient_id,
            "priority": priority,
            "audience": audience,
            "created_at": n.created_at,
        }
        for n, priority, audience in rows
    ]


def signpost_author(session: Session, item: QueueItem, author_id: int, category: str, signposts: Any) -> None:
    """Inside the caller's write transaction: the author of ``item`` is owed ``signposts``."""
    session.add(
        Notification(
            kind=AUTHOR_SIGNPOSTS,
            item_id=item.id,
            recipient_id=author_id,
            body={"category": category, "signposts": signposts},
            created_at=db.utcnow(),
        )
    )


def author_signposts_since(after: datetime, limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
    """Signposts owed to authors since ``after``, oldest first: {id, recipient_id, category,
    signposts}. The backend copies each into the author's notifications (idempotent on ``id``)."""
    rows = (
        db.session()
        .scalars(
            select(Notification)
            .where(Notification.kind == AUTHOR_SIGNPOSTS, Notification.created_at > after)
            .order_by(Notification.id)
            .limit(limit)
        )
        .all()
    )
    db.end_read()
    return [
        {
            "id": n.id,
            "recipient_id": n.recipient_id,
            "category": n.body["category"],
            "signposts": n.body["signposts"],
        }
        for n in rows
    ]
