"""Days and months in a territory's own calendar (the server's equivalent of the desktop's
``domain/local_calendar.py``: the two never import each other).

Instants are stored in UTC; a file's age is counted in calendar months of the territory, so an
event at 23:30 in Cayenne is that day in Cayenne. A territory's time zone follows from its
INSEE code: the overseas ones have their own, every other is in Europe/Paris.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

PARIS = "Europe/Paris"

#: Overseas territories by INSEE code, and their zones (the same table as the desktop's).
OVERSEAS_ZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}


def territory_zone(code: str) -> str:
    """The IANA time zone of a territory, by its code."""
    return OVERSEAS_ZONES.get(code.strip(), PARIS)


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
