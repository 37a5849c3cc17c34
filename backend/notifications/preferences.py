"""Each person's cadence per category, quiet hours and journey lead time.

Defaults come from the categories table: young people get their own, high-privacy ones (ICO
Children's Code: nothing on by default that is not needed for their safety or for something they
asked for). A category that may not be turned off refuses ``off`` with a 422 naming it; staff-only
categories exist only for staff (anyone else is told the category is unknown, as for a typo).
"""

from __future__ import annotations

from datetime import time
from typing import Any

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.core.db import db
from backend.core.errors import Unprocessable
from backend.notifications import quiet
from backend.notifications.categories import CATEGORIES, Cadence, Category
from backend.notifications.models import NotificationPreference, NotificationSettings

DEFAULT_LEAD_WEEKS = 6
MIN_LEAD_WEEKS, MAX_LEAD_WEEKS = 1, 26


def is_youth(user: User) -> bool:
    return user.persona == p.YOUNG_PERSON


def is_staff(user: User) -> bool:
    return user.persona in p.STAFF


def categories_for(user: User) -> list[Category]:
    """The categories this person has: staff-only ones only for staff."""
    return [c for c in CATEGORIES.values() if is_staff(user) or not c.staff_only]


def default_cadence(user: User, cat: Category) -> Cadence:
    return cat.youth_default if is_youth(user) else cat.default


def cadence_for(user: User, category_name: str) -> Cadence:
    """The cadence one notification is stored under. A staff-only category never reaches anyone
    else (fail closed: stored as ``off``); a category that may not be turned off is never off."""
    cat = CATEGORIES[category_name]
    if cat.staff_only and not is_staff(user):
        return Cadence.OFF
    chosen = db.session.scalar(
        select(NotificationPreference.cadence).where(
            NotificationPreference.user_id == user.id, NotificationPreference.category == category_name
        )
    )
    cadence = Cadence(chosen) if chosen is not None else default_cadence(user, cat)
    if cadence == Cadence.OFF and not cat.may_turn_off:
        return cat.default if cat.default != Cadence.OFF else Cadence.IMMEDIATE
    return cadence


def quiet_hours_for(user: User) -> quiet.QuietHours | None:
    if is_youth(user):
        return quiet.YOUTH
    settings = db.session.get(NotificationSettings, user.id)
    if settings is None or settings.quiet_start is None or settings.quiet_end is None:
        return None
    return quiet.QuietHours(settings.quiet_start, settings.quiet_end)


def journey_lead_weeks(user_id: int) -> int:
    """How many weeks ahead of a life-stage transition the person wants its nudge."""
    settings = db.session.get(NotificationSettings, user_id)
    return settings.journey_lead_weeks if settings is not None else DEFAULT_LEAD_WEEKS


def _clock(t: time) -> str:
    return t.strftime("%H:%M")


def preferences_view(user: User) -> dict[str, Any]:
    chosen: dict[str, str] = dict(
        db.session.execute(
            select(NotificationPreference.category, NotificationPreference.cadence).where(
                NotificationPreference.user_id == user.id
            )
        ).all()
    )
    hours = quiet_hours_for(user)
    return {
        "categories": [
            {
                "category": c.name,
                "description": c.description,
                "cadence": chosen.get(c.name, default_cadence(user, c)),
                "default": default_cadence(user, c),
                "may_turn_off": c.may_turn_off,
            }
            for c in categories_for(user)
        ],
        "quiet_hours": {"start": _clock(hours.start), "end": _clock(hours.end)} if hours else None,
        "quiet_hours_fixed": is_youth(user),
        "journey_lead_weeks": journey_lead_weeks(user.id),
    }


_MISSING = object()


def do_update_preferences(
    user: User,
    *,
    categories: dict[str, str] | None = None,
    quiet_hours: Any = _MISSING,
    journey_lead_weeks: int | None = None,
) -> dict[str, Any]:
    """Change some of a person's preferences; everything is checked before anything is written."""
    mine = {c.name: c for c in categories_for(user)}
    problems: dict[str, Any] = {}
    wanted: dict[str, Cadence] = {}
    for name, value in (categories or {}).items():
        cat = mine.get(name)
        if cat is None:
            problems.setdefault("categories", {})[name] = ["No such category."]
            continue
        if value == "on":
            cadence = cat.when_on if cat.default == Cadence.OFF else cat.default
            if cadence == Cadence.OFF:
                cadence = Cadence.IMMEDIATE
        else:
            try:
                cadence = Cadence(value)
            except ValueError:
                problems.setdefault("categories", {})[name] = [
                    "One of immediate, daily, weekly, monthly, off, on."
                ]
                continue
        if cadence == Cadence.OFF and not cat.may_turn_off:
            problems.setdefault("categories", {})[name] = [
                "This category cannot be turned off: it tells you about decisions that concern you "
                "or about people's safety."
            ]
            continue
        wanted[name] = cadence
    if quiet_hours is not _MISSING and is_youth(user):
        problems["quiet_hours"] = ["Young people's quiet hours are fixed: 21:00 to 07:00."]
    if problems:
        raise Unprocessable("Some preferences cannot be set", problems)

    for name, cadence in wanted.items():
        row = db.session.get(NotificationPreference, (user.id, name))
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, category=name, cadence=cadence))
        else:
            row.cadence = cadence
    if quiet_hours is not _MISSING or journey_lead_weeks is not None:
        settings = db.session.get(NotificationSettings, user.id)
        if settings is None:
            settings = NotificationSettings(user_id=user.id, journey_lead_weeks=DEFAULT_LEAD_WEEKS)
            db.session.add(settings)
        if quiet_hours is not _MISSING:
            settings.quiet_start = quiet_hours["start"] if quiet_hours else None
            settings.quiet_end = quiet_hours["end"] if quiet_hours else None
        if journey_lead_weeks is not None:
            settings.journey_lead_weeks = journey_lead_weeks
    db.session.commit()
    return preferences_view(user)
