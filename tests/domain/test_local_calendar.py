"""Days are counted in the territory's calendar, across its time zone and DST changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.local_calendar import add_months, days_between, local_day

CAYENNE, FORT_DE_FRANCE, POINTE_A_PITRE = (
    "America/Cayenne",
    "America/Martinique",
    "America/Guadeloupe",
)
REUNION, MAYOTTE, PARIS = "Indian/Reunion", "Indian/Mayotte", "Europe/Paris"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("instant", "zone", "day"),
    [
        # 23:30 in Cayenne (UTC−3) is 02:30 UTC the next day: still that day in Cayenne.
        ("2026-06-11T02:30", CAYENNE, date(2026, 6, 10)),
        ("2026-06-11T02:30", PARIS, date(2026, 6, 11)),
        # 23:30 in Martinique / Guadeloupe (UTC−4).
        ("2026-06-11T03:30", FORT_DE_FRANCE, date(2026, 6, 10)),
        ("2026-06-11T03:30", POINTE_A_PITRE, date(2026, 6, 10)),
        ("2026-06-11T04:00", FORT_DE_FRANCE, date(2026, 6, 11)),
        # 00:30 in Réunion (UTC+4) is 20:30 UTC the day before.
        ("2026-06-10T20:30", REUNION, date(2026, 6, 11)),
        ("2026-06-10T20:30", MAYOTTE, date(2026, 6, 10)),  # 23:30 in Mayotte (UTC+3)
        ("2026-06-10T21:30", MAYOTTE, date(2026, 6, 11)),
        # Paris: 23:30 in winter (UTC+1) and in summer (UTC+2).
        ("2026-01-15T22:30", PARIS, date(2026, 1, 15)),
        ("2026-01-15T23:30", PARIS, date(2026, 1, 16)),
        ("2026-07-15T21:30", PARIS, date(2026, 7, 15)),
        ("2026-07-15T22:30", PARIS, date(2026, 7, 16)),
    ],
)
def test_an_instant_falls_on_the_territory_s_day(instant: str, zone: str, day: date) -> None:
    assert local_day(utc(instant), zone) == day


@pytest.mark.parametrize(
    ("earlier", "later", "days"),
    [
        # Spring forward (29 March 2026, 23 h day): 23:30 to 23:30 local is one day.
        ("2026-03-28T22:30", "2026-03-29T21:30", 1),
        # 00:30 on the 29th to 00:30 on the 30th, across the missing hour.
        ("2026-03-28T23:30", "2026-03-29T22:30", 1),
        # Fall back (25 October 2026, 25 h day).
        ("2026-10-24T21:30", "2026-10-25T22:30", 1),
        ("2026-10-24T22:30", "2026-10-25T23:30", 1),
        # A week across each change.
        ("2026-03-25T10:00", "2026-04-01T09:00", 7),
        ("2026-10-21T09:00", "2026-10-28T10:00", 7),
    ],
)
def test_daylight_saving_changes_in_paris_do_not_shift_day_counts(
    earlier: str, later: str, days: int
) -> None:
    start, end = local_day(utc(earlier), PARIS), local_day(utc(later), PARIS)
    assert days_between(start, end) == days


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),
        (date(2026, 3, 10), -12, date(2025, 3, 10)),
    ],
)
def test_calendar_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
