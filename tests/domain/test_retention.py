"""The retention rule, table-driven: months in the territory's own calendar, the latest end of
support unless reopened after it, and inactivity measured from the last event or write."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.retention import (
    DueBecause,
    FileActivity,
    RetentionRules,
    due_because,
    due_files,
)

PARIS = "Europe/Paris"
CAYENNE = "America/Cayenne"  # UTC-3
REUNION = "Indian/Reunion"  # UTC+4
END = FollowUpKind.END_OF_SUPPORT
REOPEN = FollowUpKind.SUPPORT_REOPENED
CONTACT = FollowUpKind.CONTACT
RULES = RetentionRules(after_end_of_support_months=24, after_last_activity_months=36)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def activity(*events: tuple[FollowUpKind, str], written: str | None = None) -> FileActivity:
    return FileActivity(
        uuid.UUID(int=1),
        tuple((kind, at(moment)) for kind, moment in events),
        at(written) if written else None,
    )


CASES = [
    # (case, events, last written, zone, today, expected)
    ("ended 24 months ago today", [(END, "2024-03-10T10:00")], None, PARIS, "2026-03-10", END),
    ("one day short", [(END, "2024-03-10T10:00")], None, PARIS, "2026-03-09", None),
    # 02:00 UTC on 1 March is still 28 February in Cayenne: due from 28 February 2026.
    ("Cayenne's day", [(END, "2024-03-01T02:00")], None, CAYENNE, "2026-02-28", END),
    ("Paris's day", [(END, "2024-03-01T02:00")], None, PARIS, "2026-02-28", None),
    # 22:00 UTC on 31 January is 1 February in Réunion: due from 1 February 2026 only.
    ("Réunion's day", [(END, "2024-01-31T22:00")], None, REUNION, "2026-01-31", None),
    ("Réunion's next day", [(END, "2024-01-31T22:00")], None, REUNION, "2026-02-01", END),
    # 31 August + 24 months is 31 August; 29 February + 24 months is 28 February.
    ("leap day", [(END, "2024-02-29T12:00")], None, PARIS, "2026-02-28", END),
    (
        "reopened after the end",
        [(END, "2024-01-10T10:00"), (REOPEN, "2024-02-01T10:00")],
        "2024-02-01T10:00",
        PARIS,
        "2026-06-01",
        None,
    ),
    (
        "ended again after a reopening",
        [(END, "2023-01-10T10:00"), (REOPEN, "2023-02-01T10:00"), (END, "2024-01-10T10:00")],
        None,
        PARIS,
        "2026-01-10",
        END,
    ),
    ("no activity for 36 months", [(CONTACT, "2023-05-02T08:00")], None, PARIS, "2026-05-02", "i"),
    ("activity 35 months ago", [(CONTACT, "2023-05-02T08:00")], None, PARIS, "2026-05-01", None),
    ("a write counts as activity", [], "2023-05-02T08:00", PARIS, "2026-05-02", "i"),
    (
        "a recent write keeps it",
        [(CONTACT, "2020-01-01T08:00")],
        "2025-01-01T08:00",
        PARIS,
        "2026-05-02",
        None,
    ),
    ("nothing at all", [], None, PARIS, "2030-01-01", None),
]


@pytest.mark.parametrize(
    ("events", "written", "zone", "today", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_when_a_file_is_due(
    events: list[tuple[FollowUpKind, str]],
    written: str | None,
    zone: str,
    today: str,
    expected: object,
) -> None:
    want = {END: DueBecause.END_OF_SUPPORT, "i": DueBecause.INACTIVITY, None: None}[expected]
    got = due_because(activity(*events, written=written), RULES, date.fromisoformat(today), zone)
    assert got == want


def test_defaults_are_two_years_and_the_rule_round_trips() -> None:
    assert RetentionRules() == RetentionRules(24, 24)
    rules = RetentionRules(12, 60)
    assert RetentionRules.from_json(rules.to_json()) == rules
    with pytest.raises(ValidationError):
        RetentionRules(0, 24)
    with pytest.raises(ValidationError):
        RetentionRules.from_json("{}")


def test_due_files_keeps_the_order_and_only_the_due() -> None:
    old = FileActivity(uuid.UUID(int=2), ((END, at("2020-01-01T00:00")),), None)
    fresh = FileActivity(uuid.UUID(int=3), ((CONTACT, at("2026-01-01T00:00")),), None)
    assert due_files([fresh, old], RULES, date(2026, 2, 1), PARIS) == [
        (old.person_id, DueBecause.END_OF_SUPPORT)
    ]
