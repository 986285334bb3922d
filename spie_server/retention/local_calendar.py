"""Days and months in a territory's own calendar (the server's equivalent of the desktop's
``domain/local_calendar.py``: the two never import each other).

Instants are stored in UTC; a file's age is counted in calendar months of the territory, so an
event at 23:30 in Cayenne is that day in Cayenne. A territory's time zone is the shared
territory list's (``spie_protocol.territories``), the same the desktop uses.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from spie_protocol.territories import UnknownTerritory, resolve

PARIS = "Europe/Paris"


def territory_zone(code: str) -> str:
    """The IANA time zone of a territory, by its code or former code (the shared list's);
    Europe/Paris for a code outside the list."""
    try:
        return resolve(code).timezone
    except UnknownTerritory:
        return PARIS


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_day(instant: datetime, timezone: str) -> date:
    """The calendar day ``instant`` falls on in ``timezone`` (a naive instant is UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone(timezone)).date()


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later; the month's last day when it is
    shorter (31 August + 6 months = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
