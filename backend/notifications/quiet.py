"""Quiet hours, in UK time (Europe/London, summer time included).

Young people's are fixed: nothing reaches them between 21:00 and 07:00 (PRODUCT.md 2.5: "never at
night for young people"); adults may choose their own, or none. A window may cross midnight. Pure
functions of an aware UTC instant: tests freeze time on both sides of each boundary and across the
October and March clock changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
YOUTH_START = time(21, 0)
YOUTH_END = time(7, 0)


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(UK).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """The UTC instant the window that holds ``moment`` ends: the next ``end`` on the UK clock."""
        local = moment.astimezone(UK)
        day = local.date()
        if local.time() >= self.end:
            day += timedelta(days=1)
        return uk_instant(day, self.end)


YOUTH = QuietHours(YOUTH_START, YOUTH_END)


def uk_instant(day: date, at: time) -> datetime:
    """``at`` on the UK clock on ``day``, in UTC (zoneinfo applies GMT or BST for that date)."""
    return datetime.combine(day, at, tzinfo=UK).astimezone(UTC)


def uk_today(moment: datetime) -> date:
    return moment.astimezone(UK).date()
