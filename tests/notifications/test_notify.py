"""notify() records in its cause's transaction, dedupes, and refuses unknown categories."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from backend.core.db import db
from backend.notifications import service as notifications
from backend.notifications.models import Notification


def _count(user_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.user_id == user_id)
        )
        or 0
    )


def test_a_notification_commits_with_its_cause_and_vanishes_with_a_rollback(cast: Any) -> None:
    me = cast.adopter.id
    notifications.notify(me, "moderation_outcome", "Your report was reviewed", "", "/reports")
    db.session.rollback()
    assert _count(me) == 0
    notifications.notify(me, "moderation_outcome", "Your report was reviewed", "", "/reports")
    db.session.commit()
    assert _count(me) == 1


def test_the_same_dedupe_key_is_one_notification(cast: Any) -> None:
    me = cast.adopter.id
    first = notifications.notify(me, "applications", "Stage moved", "", "/a/1", dedupe_key="app:1:2")
    again = notifications.notify(me, "applications", "Stage moved", "", "/a/1", dedupe_key="app:1:2")
    db.session.commit()
    later = notifications.notify(me, "applications", "Stage moved", "", "/a/1", dedupe_key="app:1:2")
    db.session.commit()
    assert first.id == again.id == later.id
    assert _count(me) == 1


def test_an_unknown_category_is_a_programming_error(cast: Any) -> None:
    with pytest.raises(ValueError):
        notifications.notify(cast.adopter.id, "gossip", "x", "", "/")
