"""Days in a territory's own calendar.

Instants are stored in UTC; a person's path is counted in days of the territory's calendar,
so a contact at 23:30 in Cayenne is that day in Cayenne, and a daylight-saving change in
Europe/Paris never adds or removes a day. Day counts are differences between calendar
dates, never elapsed hours divided by 24.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The IANA zone of this name (cached: a territory's zone is looked up once)."""
    return ZoneInfo(name)


def local_day(instant: datetime, timezone: str) -> date:
    """The calendar day ``instant`` falls on in ``timezone``. A naive instant is UTC (the
    store's convention)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone(timezone)).date()


def today_in(timezone: str, now: datetime | None = None) -> date:
    """Today in the territory's calendar (``now`` for tests and benchmarks)."""
    return local_day(now if now is not None else datetime.now(UTC), timezone)


def days_between(earlier: date, later: date) -> int:
    """Whole calendar days from ``earlier`` to ``later`` (negative when reversed)."""
    return later.toordinal() - earlier.toordinal()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; the month's last day when it is
    shorter (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def first_of_month(day: date) -> date:
    return day.replace(day=1)
