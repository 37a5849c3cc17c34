"""Transition nudges: one notification per stage ahead, at the stage's lead time before it starts
(004 proposal 3: proactive, not reactive). "Year 7 starts next September: here is what helped other
families", sent once in the September of Year 6.

Opt-in: only people who turned nudges on (``PrivacySettings.nudges_enabled``, off by default) get any,
and the ``journey`` notification category is off by default too (the notification service applies
the person's cadence and quiet hours). Never at night for young people: outside 08:00-21:00 UK time
their nudges wait for the next run. Each nudge has a dedupe key per person, journey (child) and stage
date, so the hourly job, run in several processes or again after a restart, sends it once. Titles
come from ``content/stages.yaml`` and never name or describe a child (they can show on a lock screen).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

import content
from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, PrivacySettings, User
from backend.core.db import db, utcnow
from backend.journeys.calendar import UK, Placed, Placement, journey, uk_today
from backend.journeys.journey import subjects
from backend.notifications import service as notifications

CATEGORY = "journey"
YOUTH_HOURS = range(8, 21)  # UK local hours in which a young person may be nudged


def due(placed: Placed, today: Any) -> bool:
    """A dated stage ahead whose resources have opened: from its lead time until it starts."""
    return (
        placed.placement is Placement.UPCOMING
        and placed.stage.nudge is not None
        and placed.starts_on is not None
        and placed.resources_from is not None
        and placed.resources_from <= today < placed.starts_on
    )


def dedupe_key(user_id: int, about: dict[str, Any], placed: Placed) -> str:
    whose = f"child:{about['child_id']}" if about.get("child_id") is not None else about["kind"]
    assert placed.starts_on is not None
    return f"journey:{user_id}:{whose}:{placed.stage.slug}:{placed.starts_on.isoformat()}"


def nudges_for(user: User, now: datetime) -> list[tuple[str, str, str, str]]:
    """(title, body, link, dedupe key) of every nudge due for this person now."""
    today = uk_today(now)
    found = []
    stages = content.library().stages
    for about, facts, _routes in subjects(user):
        for placed in journey(stages, facts, today):
            if due(placed, today):
                assert placed.stage.nudge is not None
                found.append(
                    (
                        placed.stage.nudge,
                        placed.stage.summary,
                        f"/api/v1/articles?stage={placed.stage.slug}",
                        dedupe_key(user.id, about, placed),
                    )
                )
    return found


def send_due_nudges(now: datetime | None = None) -> int:
    """The job: every due nudge of everyone who opted in, once. Returns how many were looked at."""
    now = now or utcnow()
    night_for_youth = now.astimezone(UK).hour not in YOUTH_HOURS
    people = db.session.scalars(
        select(User)
        .join(PrivacySettings, PrivacySettings.user_id == User.id)
        .where(
            PrivacySettings.nudges_enabled.is_(True),
            User.status == AccountStatus.ACTIVE,
            User.persona.in_((*p.CARERS, p.PROSPECTIVE_ADOPTER, p.YOUNG_PERSON, p.ADULT_ADOPTEE)),
        )
        .order_by(User.id)
    ).all()
    count = 0
    for user in people:
        if user.persona == p.YOUNG_PERSON and night_for_youth:
            continue
        for title, body, link, key in nudges_for(user, now):
            notifications.notify(user.id, CATEGORY, title, body, link, dedupe_key=key)
            count += 1
        db.session.commit()  # one person at a time: a failure later never loses earlier nudges
    return count
