"""When a file is due: months counted in the territory's own calendar, table-driven."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from spie_protocol.messages import RetentionRulesModel
from spie_server.retention.local_calendar import add_months, local_day, territory_zone
from spie_server.retention.rules import AFTER_END, AFTER_INACTIVITY, FileFacts, due_reason


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


LONG_AGO = at("2000-01-01T00:00")
SIX = RetentionRulesModel(after_end_of_support_months=6, after_last_activity_months=12)


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("973", "America/Cayenne"),
        ("988", "Pacific/Noumea"),
        ("12", "Europe/Paris"),
        ("2A", "Europe/Paris"),
        ("974", "Indian/Reunion"),
    ],
)
def test_a_territory_s_zone_follows_from_its_code(code: str, zone: str) -> None:
    assert territory_zone(code) == zone


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 1, 15), 24, date(2026, 1, 15)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
    ],
)
def test_months_land_on_the_same_day_or_the_month_s_last(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("ended", "zone", "today", "due"),
    [
        # 02:00 UTC on 31 August is still 30 August in Cayenne (UTC-3): due on 28 February.
        ("2024-08-31T02:00", "America/Cayenne", date(2025, 2, 27), None),
        ("2024-08-31T02:00", "America/Cayenne", date(2025, 2, 28), AFTER_END),
        # The same instant is 31 August in Paris: due on the month's last day too.
        ("2024-08-31T02:00", "Europe/Paris", date(2025, 2, 27), None),
        ("2024-08-31T02:00", "Europe/Paris", date(2025, 2, 28), AFTER_END),
        # 14:00 UTC on 31 August is 1 September in Nouméa (UTC+11): due on 1 March.
        ("2024-08-31T14:00", "Pacific/Noumea", date(2025, 2, 28), None),
        ("2024-08-31T14:00", "Pacific/Noumea", date(2025, 3, 1), AFTER_END),
        ("2024-08-31T14:00", "Europe/Paris", date(2025, 2, 28), AFTER_END),
    ],
)
def test_the_end_of_support_counts_in_the_territory_s_calendar(
    ended: str, zone: str, today: date, due: str | None
) -> None:
    facts = FileFacts(last_activity=at(ended), ended_at=at(ended))
    rules = RetentionRulesModel(after_end_of_support_months=6, after_last_activity_months=240)
    assert due_reason(facts, rules, zone, today) == due


@pytest.mark.parametrize(
    ("facts", "today", "due"),
    [
        # Reopened after the end: the end no longer counts; a year of quiet still does.
        (
            FileFacts(at("2025-01-01T12:00"), at("2024-01-01T12:00"), at("2024-03-01T12:00")),
            date(2025, 6, 1),
            None,
        ),
        (
            FileFacts(at("2024-03-01T12:00"), at("2024-01-01T12:00"), at("2024-03-01T12:00")),
            date(2025, 3, 1),
            AFTER_INACTIVITY,
        ),
        # Reopened, then ended again: the latest end counts.
        (
            FileFacts(at("2024-05-01T12:00"), at("2024-05-01T12:00"), at("2024-03-01T12:00")),
            date(2024, 11, 1),
            AFTER_END,
        ),
        # No end of support: only the months without activity count.
        (FileFacts(at("2024-05-01T12:00")), date(2025, 4, 30), None),
        (FileFacts(at("2024-05-01T12:00")), date(2025, 5, 1), AFTER_INACTIVITY),
        # Recent activity keeps an ended file only until the months after its end.
        (FileFacts(at("2025-01-01T12:00"), LONG_AGO), date(2025, 1, 2), AFTER_END),
    ],
)
def test_end_reopening_and_quiet_months(facts: FileFacts, today: date, due: str | None) -> None:
    assert due_reason(facts, SIX, "Europe/Paris", today) == due


def test_a_naive_instant_is_utc() -> None:
    assert local_day(datetime(2024, 8, 31, 2, 0), "America/Cayenne") == date(2024, 8, 30)
