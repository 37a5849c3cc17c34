"""Profiles that go quiet: a family that has not used the finder for ``PLAYDATES_QUIET_AFTER_DAYS``
(90 by default) stops being shown, after a notice ``PLAYDATES_QUIET_NOTICE_DAYS`` (14) before.

A job (``register``) runs ``run`` every jobs period. Each step is a conditional update on the row
(``quiet_notice_at IS NULL``, then ``visible AND quiet_notice_at <= ...``), so two processes running
it notify each family once and hide it once. Any use of the finder clears the notice (``touch``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from backend.core.db import db, utcnow
from backend.notifications import service as notifications
from backend.playdates.models import PlaydateProfile


def _settings() -> tuple[timedelta, timedelta]:
    after = timedelta(days=int(current_app.config.get("PLAYDATES_QUIET_AFTER_DAYS", 90)))
    notice = timedelta(days=int(current_app.config.get("PLAYDATES_QUIET_NOTICE_DAYS", 14)))
    return after, min(notice, after)


def run(now: datetime | None = None) -> tuple[int, int]:
    """Send due notices, then hide profiles whose notice has run its course: (noticed, hidden)."""
    now = now or utcnow()
    after, notice = _settings()
    noticed = 0
    due = db.session.scalars(
        select(PlaydateProfile.id).where(
            PlaydateProfile.visible.is_(True),
            PlaydateProfile.quiet_notice_at.is_(None),
            PlaydateProfile.last_active_at <= now - (after - notice),
        )
    ).all()
    for profile_id in due:
        claimed = db.session.execute(
            update(PlaydateProfile)
            .where(PlaydateProfile.id == profile_id, PlaydateProfile.quiet_notice_at.is_(None))
            .values(quiet_notice_at=now)
            .returning(PlaydateProfile.user_id)
        ).first()
        if claimed is None:
            continue
        notifications.notify(
            claimed[0],
            "playdates",
            "Your playdate profile will be hidden soon",
            f"You have not used the playdate finder for a while. Open it within {notice.days} days to "
            "keep your family visible to others nearby.",
            "/api/v1/playdates/profile",
        )
        noticed += 1
        db.session.commit()
    hidden = db.session.execute(
        update(PlaydateProfile)
        .where(
            PlaydateProfile.visible.is_(True),
            PlaydateProfile.quiet_notice_at.is_not(None),
            PlaydateProfile.quiet_notice_at <= now - notice,
            PlaydateProfile.last_active_at <= now - after,
        )
        .values(visible=False)
    ).rowcount  # type: ignore[attr-defined]
    db.session.commit()
    return noticed, int(hidden or 0)
