"""The one call every feature uses to tell someone something (issue #15), and the small facade the
rest of the backend imports (``__all__`` is the contract).

``notify`` stores the record in the caller's session: it commits or rolls back with the change that
caused it. Delivery is decided there and then, from the person's preference for the category and
their quiet hours:

- ``immediate`` outside quiet hours (or ``urgent``): the realtime ``notification`` event is queued on
  the session and sent only after commit, to the person's own room ``user:<id>`` (every socket of
  theirs, on every process through the message queue);
- ``immediate`` inside quiet hours: stored and listed at once, its event deferred to the end of the
  quiet hours (07:00 UK time for young people), sent by the release job (``jobs.py``);
- ``daily``/``weekly``/``monthly``: stored and listed, gathered by the next digest (``digests.py``);
- ``off``: stored (so a repeat is still one record) but never listed, counted or sent.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite

from backend.accounts.models import AccountStatus, User
from backend.core.db import db, utcnow
from backend.notifications.categories import Cadence, category
from backend.notifications.inbox import (
    access_notification,
    do_mark_all_read,
    do_mark_read,
    list_mine,
    unread_count,
)
from backend.notifications.live import EVENT, announce, notification_view
from backend.notifications.models import Delivery, Notification
from backend.notifications.preferences import (
    cadence_for,
    do_update_preferences,
    journey_lead_weeks,
    preferences_view,
    quiet_hours_for,
)

__all__ = [
    "EVENT",
    "Notification",
    "access_notification",
    "do_mark_all_read",
    "do_mark_read",
    "do_update_preferences",
    "journey_lead_weeks",
    "list_mine",
    "notification_view",
    "notify",
    "preferences_view",
    "unread_count",
]


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
    """Record a notification for ``user_id`` in the current transaction; deliver it as the person
    asked (see the module docstring).

    With a ``dedupe_key``, a second call for the same person and key returns the first record and
    sends nothing new (a retried or repeated cause is one notification), also when two transactions
    race: the insert skips a conflicting row (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL), so
    neither cause fails; the later one waits for the earlier to commit and then reads its record.
    """
    category(category_name)  # an unknown category is a programming error, not a silent drop
    user = db.session.get(User, user_id)
    if user is None:
        raise ValueError(f"no user {user_id} to notify")
    now = utcnow()
    cadence = cadence_for(user, category_name) if user.status == AccountStatus.ACTIVE else Cadence.OFF
    delivery, deliver_at = _delivery(user, cadence, urgent, now)
    values = {
        "user_id": user_id,
        "category": category_name,
        "title": title[:200],
        "body": body[:1000],
        "link": link[:300],
        "urgent": urgent,
        "dedupe_key": dedupe_key,
        "created_at": now,
        "delivery": delivery,
        "cadence": cadence,
        "deliver_at": deliver_at,
    }
    record = db.session.scalars(_insert_skipping_duplicates(values).returning(Notification)).first()
    if record is None:  # the same person and key exist: this cause was already told
        existing = db.session.scalar(
            select(Notification).where(Notification.user_id == user_id, Notification.dedupe_key == dedupe_key)
        )
        assert existing is not None
        return existing
    if delivery == Delivery.SENT:
        announce(record)
    return record


def _insert_skipping_duplicates(values: dict[str, Any]) -> Insert:
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return (
            postgresql.insert(Notification)
            .values(values)
            .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
        )
    return (
        sqlite.insert(Notification)
        .values(values)
        .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
    )


def _delivery(user: User, cadence: Cadence, urgent: bool, now: Any) -> tuple[Delivery, Any]:
    if cadence == Cadence.OFF:
        return Delivery.OFF, None
    if cadence != Cadence.IMMEDIATE:
        return Delivery.WAITING, None
    hours = quiet_hours_for(user)
    # Urgent items (someone's safety, a decision that cannot wait) are not held back by quiet hours.
    if urgent or hours is None or not hours.contains(now):
        return Delivery.SENT, None
    return Delivery.DEFERRED, hours.ends_after(now)
