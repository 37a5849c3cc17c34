"""Stage arithmetic on the English school calendar, on the boundaries (pure functions, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

import content
from backend.journeys.calendar import (
    Facts,
    Placement,
    add_months,
    birthday,
    journey,
    place,
    reception_year,
    school_year_starts,
    uk_today,
)

STAGES = content.load_stages()


def child(birth: date, placement: date | None = None, route: str = "adoption") -> Facts:
    return Facts("child", birth=birth.replace(day=1), placement=placement, legal_route=route)


def test_reception_is_the_september_after_turning_4() -> None:
    # 31 August and 1 September birthdays sit in different school years.
    assert reception_year(date(2020, 8, 31)) == 2024
    assert reception_year(date(2020, 9, 1)) == 2025
    assert reception_year(date(2020, 1, 1)) == 2024
    assert reception_year(date(2020, 12, 31)) == 2025
    assert reception_year(date(2020, 2, 29)) == 2024  # a leap day: spring-born, that year's cohort
    assert school_year_starts(date(2020, 8, 31), 7) == date(2031, 9, 1)  # Year 7
    assert school_year_starts(date(2020, 9, 1), 7) == date(2032, 9, 1)


def test_moving_to_secondary_with_resources_a_year_ahead() -> None:
    august, september = child(date(2020, 8, 1)), child(date(2020, 9, 1))
    stage = STAGES["moving-to-secondary-school"]
    for facts, year7 in ((august, 2031), (september, 2032)):
        ahead = place(stage, facts, date(2029, 6, 1))
        assert ahead is not None and ahead.placement is Placement.UPCOMING
        assert ahead.starts_on == date(year7, 9, 1)
        assert ahead.resources_from == date(year7 - 1, 9, 1)
        assert not ahead.resources_open(date(year7 - 1, 8, 31))
        assert ahead.resources_open(date(year7 - 1, 9, 1))
        # Current from the first day of Year 7 to the last day of it; gone after.
        assert place(stage, facts, date(year7, 8, 31)).placement is Placement.UPCOMING  # type: ignore[union-attr]
        assert place(stage, facts, date(year7, 9, 1)).placement is Placement.CURRENT  # type: ignore[union-attr]
        assert place(stage, facts, date(year7 + 1, 8, 31)).placement is Placement.CURRENT  # type: ignore[union-attr]
        assert place(stage, facts, date(year7 + 1, 9, 1)) is None


def test_leap_day_birthdays() -> None:
    born = date(2008, 2, 29)
    assert birthday(born, 18) == date(2026, 3, 1)  # no 29 February in 2026
    assert birthday(born, 16) == date(2024, 2, 29)
    assert birthday(born, 12) == date(2020, 2, 29)
    person = Facts("young_person", persona="young_person", birth=born)
    turning = STAGES["turning-18-and-records"]
    assert place(turning, person, date(2026, 2, 28)).placement is Placement.UPCOMING  # type: ignore[union-attr]
    assert place(turning, person, date(2026, 3, 1)).placement is Placement.CURRENT  # type: ignore[union-attr]


def test_add_months_keeps_to_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 3, 15), -6) == date(2025, 9, 15)
    assert add_months(date(2026, 12, 1), 12) == date(2027, 12, 1)


@pytest.mark.parametrize(
    ("moment", "uk_date"),
    [
        # Summer (BST, UTC+1): midnight in the UK is 23:00 UTC the day before.
        (datetime(2026, 7, 14, 22, 59, 59, tzinfo=UTC), date(2026, 7, 14)),
        (datetime(2026, 7, 14, 23, 0, 0, tzinfo=UTC), date(2026, 7, 15)),
        # Winter (GMT): midnight in the UK is midnight UTC.
        (datetime(2026, 1, 14, 23, 59, 59, tzinfo=UTC), date(2026, 1, 14)),
        (datetime(2026, 1, 15, 0, 0, 0, tzinfo=UTC), date(2026, 1, 15)),
    ],
)
def test_a_day_starts_at_midnight_uk_time(moment: datetime, uk_date: date) -> None:
    assert uk_today(moment) == uk_date


@pytest.mark.parametrize(
    ("born", "before", "at"),
    [
        (
            date(2008, 7, 15),
            datetime(2026, 7, 14, 22, 59, tzinfo=UTC),
            datetime(2026, 7, 14, 23, 0, tzinfo=UTC),
        ),
        (
            date(2008, 1, 15),
            datetime(2026, 1, 14, 23, 59, tzinfo=UTC),
            datetime(2026, 1, 15, 0, 0, tzinfo=UTC),
        ),
    ],
    ids=["summer", "winter"],
)
def test_turning_18_at_midnight_uk_time(born: date, before: datetime, at: datetime) -> None:
    person = Facts("young_person", persona="young_person", birth=born)
    turning = STAGES["turning-18-and-records"]
    with time_machine.travel(before, tick=False):
        placed = place(turning, person, uk_today(datetime.now(UTC)))
        assert placed is not None and placed.placement is Placement.UPCOMING
        assert placed.resources_open(uk_today(datetime.now(UTC)))  # a year ahead: open already
    with time_machine.travel(at, tick=False):
        placed = place(turning, person, uk_today(datetime.now(UTC)))
        assert placed is not None and placed.placement is Placement.CURRENT
        assert placed.starts_on == birthday(born, 18)


def test_first_year_after_placement_and_matching_before_it() -> None:
    placed_on = date(2026, 3, 10)
    facts = child(date(2022, 5, 1), placement=placed_on)
    first = STAGES["first-year-after-placement"]
    matching = STAGES["matching-and-introductions"]
    assert place(matching, facts, date(2026, 1, 1)).placement is Placement.CURRENT  # type: ignore[union-attr]
    assert place(first, facts, date(2026, 1, 1)).resources_from == date(2026, 2, 10)  # type: ignore[union-attr]
    assert place(first, facts, date(2026, 3, 10)).placement is Placement.CURRENT  # type: ignore[union-attr]
    assert place(first, facts, date(2027, 3, 9)).placement is Placement.CURRENT  # type: ignore[union-attr]
    assert place(first, facts, date(2027, 3, 10)) is None
    assert place(matching, facts, date(2026, 3, 10)) is None


def test_adolescence_at_12_and_routes() -> None:
    facts = child(date(2014, 10, 1), placement=date(2016, 1, 1), route="special_guardianship")
    slugs = {p.stage.slug: p.placement for p in journey(STAGES, facts, date(2026, 9, 30))}
    assert slugs["adolescence-identity-belonging"] is Placement.UPCOMING
    slugs = {p.stage.slug: p.placement for p in journey(STAGES, facts, date(2026, 10, 1))}
    assert slugs["adolescence-identity-belonging"] is Placement.CURRENT
    assert slugs["special-guardianship-and-kinship"] is Placement.CURRENT
    assert slugs["child-to-parent-violence"] is Placement.AVAILABLE
    assert slugs["life-story-work"] is Placement.CURRENT
    assert "preparing-and-approval" not in slugs and "adult-life" not in slugs
    adopted = {p.stage.slug for p in journey(STAGES, child(date(2014, 10, 1)), date(2026, 10, 1))}
    assert "special-guardianship-and-kinship" not in adopted


def test_people_journeys() -> None:
    today = date(2026, 12, 2)
    prospective = {
        p.stage.slug: p for p in journey(STAGES, Facts("prospective", "prospective_adopter"), today)
    }
    assert prospective["preparing-and-approval"].placement is Placement.CURRENT
    assert prospective["matching-and-introductions"].placement is Placement.UPCOMING
    assert prospective["matching-and-introductions"].starts_on is None
    adult = {
        p.stage.slug
        for p in journey(STAGES, Facts("adult_adoptee", "adult_adoptee", date(1990, 5, 5)), today)
    }
    assert {"adult-life", "life-story-work", "birth-family-contact"} <= adult
    assert "turning-18-and-records" not in adult  # 36: long past
