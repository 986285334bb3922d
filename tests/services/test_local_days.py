"""Stored UTC text → the territory's day: exact around daylight-saving changes and local
midnights, and one UTC day worked out at once (two years of events touch ~17,500 UTC hours
but ~730 UTC days)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from spie_desktop.domain.local_calendar import zone
from spie_desktop.services.path_facts import LocalDays
from spie_desktop.storage import path_reads

ZONES = ("Europe/Paris", "America/Cayenne", "Indian/Reunion", "America/Miquelon")


@pytest.mark.parametrize("timezone", ZONES)
def test_every_hour_of_a_year_is_the_day_of_its_zone(timezone: str) -> None:
    days = LocalDays(timezone)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for hour in range(366 * 24):
        instant = start + timedelta(hours=hour, minutes=(hour * 7) % 60)
        stored = instant.strftime("%Y-%m-%d %H:%M:%S.%f")
        assert days(stored) == instant.astimezone(zone(timezone)).date(), stored


def test_one_lookup_works_out_the_24_hours_of_its_utc_day() -> None:
    days = LocalDays("Europe/Paris")
    days("2025-03-30 00:15:00")  # the day the clocks go forward, at 01:00 UTC
    assert len(days.cached) == 24
    assert days.cached["2025-03-30 21"] == datetime(2025, 3, 30).date()
    assert days.cached["2025-03-30 22"] == datetime(2025, 3, 31).date()


def test_an_id_read_back_from_its_text_is_the_uuid() -> None:
    for _ in range(100):
        made = uuid.uuid4()
        read = path_reads.id_uuid(path_reads.id_text(made.bytes))
        assert read == made and hash(read) == hash(made)
        assert str(read) == str(made) and read.bytes == made.bytes
