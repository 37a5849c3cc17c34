"""Demo data for journeys: the demo adopter's family has a populated journey (a teenager, a child in
Year 6 with secondary school ahead, and a younger child), the guardian a recently placed kinship
child, the teenager chose topics, and the adopter turned nudges on. Idempotent."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from backend.accounts import service as accounts
from backend.accounts.models import Child, PrivacySettings, User
from backend.core.db import db, utcnow
from backend.journeys.calendar import add_months
from backend.journeys.journey import do_set_topics
from backend.journeys.models import Bookmark
from backend.journeys.nudges import nudges_for
from backend.notifications import service as notifications


def _school_year(today: date) -> int:
    """The year the current school year started in."""
    return today.year if today.month >= 9 else today.year - 1


def _child(family_id: int, month: int, year: int, placed: date | None, route: str, needs: list[str]) -> None:
    exists = db.session.scalar(
        select(Child.id).where(
            Child.family_id == family_id, Child.birth_month == month, Child.birth_year == year
        )
    )
    if exists is None:
        db.session.add(
            Child(
                family_id=family_id,
                birth_month=month,
                birth_year=year,
                placement_date=placed,
                legal_route=route,
                needs=needs,
            )
        )


def load(users: dict[str, User]) -> None:
    today = accounts.today()
    adopter, guardian = users["adopter@demo.example"], users["guardian@demo.example"]
    teen = users["teen@demo.example"]
    assert adopter.family_id is not None and guardian.family_id is not None
    # In Year 6 now (born in March ten years before this school year began): Year 7 next September.
    year6 = _school_year(today) - 10
    _child(adopter.family_id, 3, year6, date(year6 + 2, 5, 1), "adoption", ["school_exclusion"])
    # The demo's younger child (accounts' demo) gets the placement date it lacked.
    for child in db.session.scalars(select(Child).where(Child.family_id == adopter.family_id)):
        if child.placement_date is None:
            child.placement_date = date(child.birth_year + 2, 9, 1)
    # A kinship child who moved in with the guardian five months ago, starting school soon.
    _child(guardian.family_id, 11, today.year - 4, add_months(today, -5), "kinship", [])
    settings = db.session.get(PrivacySettings, adopter.id)
    if settings is not None:
        settings.nudges_enabled = True  # the demo adopter opted in to transition nudges
    db.session.commit()
    do_set_topics(teen, ["identity", "friendships", "online-safety"])
    slug = "year-6-to-year-7-planning-ahead"
    if (
        db.session.scalar(select(Bookmark).where(Bookmark.user_id == adopter.id, Bookmark.slug == slug))
        is None
    ):
        db.session.add(Bookmark(user_id=adopter.id, slug=slug))
    for title, body, link, key in nudges_for(adopter, utcnow()):
        notifications.notify(adopter.id, "journey", title, body, link, dedupe_key=key)
    db.session.commit()
