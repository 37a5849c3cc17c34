"""Reading one's notifications: list (keyset, newest first), mark read, unread count.

A person sees only their own: anyone else's notification answers the same 404 as a missing one.
Notifications of a category the person turned off are kept (so a repeat stays one record) but never
listed or counted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from backend.accounts.models import User
from backend.core.db import db, utcnow
from backend.core.errors import NotFound
from backend.core.pagination import page
from backend.notifications.live import announce_read, notification_view
from backend.notifications.models import Delivery, Notification

_SHOWN = Notification.delivery != Delivery.OFF


def access_notification(user: User, notification_id: int) -> Notification:
    record = db.session.get(Notification, notification_id)
    if record is None or record.user_id != user.id or record.delivery == Delivery.OFF:
        raise NotFound()
    return record


def list_mine(
    user: User, *, limit: int, cursor: tuple[int] | None = None, unread: bool = False
) -> dict[str, Any]:
    """A page of the caller's notifications, newest first (one indexed query)."""
    query = select(Notification).where(Notification.user_id == user.id, _SHOWN)
    if unread:
        query = query.where(Notification.read_at.is_(None))
    if cursor is not None:
        query = query.where(Notification.id < cursor[0])
    rows = [
        notification_view(n)
        for n in db.session.scalars(query.order_by(Notification.id.desc()).limit(limit + 1))
    ]
    return page(rows, limit, lambda n: (n["id"],))


def unread_count(user_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user_id, _SHOWN, Notification.read_at.is_(None))
        )
        or 0
    )


def do_mark_read(user: User, notification_id: int) -> Notification:
    """Mark one read; marking it again changes nothing."""
    record = access_notification(user, notification_id)
    if record.read_at is None:
        record.read_at = utcnow()
        announce_read(user.id, [record.id])
    db.session.commit()
    return record


def do_mark_all_read(user: User) -> dict[str, int]:
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, _SHOWN, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    marked = int(getattr(result, "rowcount", 0) or 0)
    if marked:
        announce_read(user.id, None)
    db.session.commit()
    return {"marked": marked, "unread": 0}
