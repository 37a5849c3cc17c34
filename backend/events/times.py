"""Event times: stored in UTC, given and shown in Europe/London (a time with no offset is London's)."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["LONDON", "TIMEZONE", "UTC", "from_input", "shown"]
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
TIMEZONE = "Europe/London"


def from_input(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=LONDON)
    return value.astimezone(UTC)


def shown(value: datetime) -> datetime:
    return value.astimezone(LONDON)
