"""Stage arithmetic: where a child, or a person, is on their journey, on the English school calendar.

Pure functions of the facts and a date (no database, no Flask); the rules are data
(``content/stages.yaml``). Every boundary is a date in the UK: a school year starts on 1 September,
a child starts Reception in the September after turning 4 (born January to August: that same year's
September after their 4th birthday; born September to December: the next), Year 7 is seven school
years later, and a birthday starts at midnight UK time (so turning 18 in July happens at 23:00 UTC
the evening before, in January at midnight UTC). Someone born on 29 February has their birthday on
1 March in years without one, as for turning 18 in England (``accounts.personas.eighteenth_birthday``).
A child is known by month and year of birth only (never a full date, PRODUCT.md 2.4): their
birthdays are taken as the first of that month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from content import Rule, Stage

UK = ZoneInfo("Europe/London")
SCHOOL_YEAR_MONTH = 9  # a school year starts on 1 September
RECEPTION_AGE = 4


class Placement(StrEnum):
    CURRENT = "current"
    UPCOMING = "upcoming"
    AVAILABLE = "available"  # offered whenever needed (crisis and "if things get worse")


@dataclass(frozen=True)
class Facts:
    """Whose journey: ``kind`` is one of content's journeys (child, carer, prospective,
    young_person, adult_adoptee)."""

    kind: str
    persona: str | None = None
    birth: date | None = None
    placement: date | None = None
    legal_route: str | None = None


@dataclass(frozen=True)
class Placed:
    stage: Stage
    placement: Placement
    starts_on: date | None
    ends_on: date | None  # exclusive; None: open-ended
    resources_from: date | None

    def resources_open(self, today: date) -> bool:
        return self.placement is Placement.CURRENT or (
            self.resources_from is not None and self.resources_from <= today
        )


def uk_today(now: datetime) -> date:
    """The date in the UK at ``now`` (an aware datetime)."""
    return now.astimezone(UK).date()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier); the last day of the month when it has fewer days."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def birthday(birth: date, years: int) -> date:
    """The day someone born on ``birth`` turns ``years`` (29 February: 1 March in other years)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def reception_year(birth: date) -> int:
    """The year of the September in which a child starts Reception: the September after turning 4."""
    return birth.year + RECEPTION_AGE + (1 if birth.month >= SCHOOL_YEAR_MONTH else 0)


def school_year_starts(birth: date, offset: int) -> date:
    """1 September of school year ``offset`` (Reception 0, Year 1 1, ... Year 7 7)."""
    return date(reception_year(birth) + offset, SCHOOL_YEAR_MONTH, 1)


def window(rule: Rule, facts: Facts) -> tuple[date | None, date | None] | None:
    """The dates a rule places its stage between, for these facts: None when the rule says nothing
    about them; (None, None) for a rule that holds with no dates (a persona or a legal route)."""
    if rule.kind == "school_year_offset" and facts.birth is not None:
        assert rule.start is not None
        until = None if rule.until is None else school_year_starts(facts.birth, rule.until)
        return school_year_starts(facts.birth, rule.start), until
    if rule.kind == "age_years" and facts.birth is not None:
        assert rule.start is not None
        until = None if rule.until is None else birthday(facts.birth, rule.until)
        return birthday(facts.birth, rule.start), until
    if rule.kind == "months_after_placement" and facts.placement is not None:
        assert rule.start is not None
        until = None if rule.until is None else add_months(facts.placement, rule.until)
        return add_months(facts.placement, rule.start), until
    if rule.kind == "persona" and facts.persona in rule.values:
        return None, None
    if rule.kind == "legal_route" and facts.legal_route in rule.values:
        return None, None
    return None


def place(stage: Stage, facts: Facts, today: date) -> Placed | None:
    """Where ``stage`` is on this journey on ``today``: current, upcoming (with its dates), always
    available, or nowhere (None: not this journey's, or already behind it)."""
    if facts.kind not in stage.journeys:
        return None
    upcoming: list[Placed] = []
    undated_next = False
    for rule in stage.rules:
        if rule.kind == "on_request":
            return Placed(stage, Placement.AVAILABLE, None, None, None)
        if rule.kind == "persona_next" and facts.persona in rule.values:
            undated_next = True
            continue
        found = window(rule, facts)
        if found is None:
            continue
        start, end = found
        resources = add_months(start, -stage.lead_months) if start is not None else None
        if (start is None or start <= today) and (end is None or today < end):
            return Placed(stage, Placement.CURRENT, start, end, resources)
        if start is not None and today < start:
            upcoming.append(Placed(stage, Placement.UPCOMING, start, end, resources))
    if upcoming:
        return min(upcoming, key=lambda p: p.starts_on or date.max)
    if undated_next:
        return Placed(stage, Placement.UPCOMING, None, None, None)
    return None


def journey(stages: dict[str, Stage], facts: Facts, today: date) -> list[Placed]:
    """Every stage on this journey that is current, ahead or always available, in stage order."""
    return [placed for stage in stages.values() if (placed := place(stage, facts, today)) is not None]


def month_label(day: date | None) -> str | None:
    """ "September 2027": how a stage's date is shown (a school year, not a birthday, so no day)."""
    return day.strftime("%B %Y") if day is not None else None
