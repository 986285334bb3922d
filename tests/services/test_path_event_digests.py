"""Everyone's events read for a path: from the (person_id, kind, occurred_at, details) index
alone, in person order, one string per person; and read back as the repository reads them."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import marks_of_events
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.path_facts import read_paths
from spie_desktop.storage import path_reads
from spie_desktop.storage.repositories.bulk import BulkLoader
from spie_desktop.storage.session import Session

NOW = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


def test_everyones_events_are_read_from_the_path_index_alone(session: Session) -> None:
    """No table page (every column of every event decrypted) and no sort: the point de
    situation reads 100,000 events this way."""
    populate_demo(session, 5, seed=3, today=local_day(NOW, session.territory.timezone))
    statements: list[str] = []
    with session.uow(read_only=True) as uow:
        driver = uow.session.connection().connection.driver_connection
        driver.set_trace_callback(statements.append)
        try:
            digests = path_reads.event_digests(uow.session)
        finally:
            driver.set_trace_callback(None)
        (statement,) = (s for s in statements if "group_concat" in s.lower())
        plan = " / ".join(row[3] for row in driver.execute("EXPLAIN QUERY PLAN " + statement))
    assert "USING COVERING INDEX ix_follow_up_events_path" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    assert len({person for person, _ in digests}) == len(digests) > 0


def _event(person_id: Any, kind: FollowUpKind, days: int, details: dict[str, Any]) -> Any:
    return FollowUpEvent(
        person_id=person_id,
        kind=kind,
        occurred_at=NOW - timedelta(days=days, hours=days % 5),
        details=details,
    )


def test_event_details_are_read_as_the_repository_reads_them(session: Session) -> None:
    """Check-ins with a month written as a whole number, a decimal or text, said or unsaid
    still in work; planned steps (true or false), events with no details."""
    timezone = session.territory.timezone
    today = local_day(NOW, timezone)
    populate_demo(session, 2, seed=5, today=today)
    with session.uow(read_only=True) as uow:
        person = uow.people.list_all()[0].id
    check_in = FollowUpKind.CHECK_IN
    events = [
        _event(person, check_in, 1, {"month": 1, "still_in_work": True}),
        _event(person, check_in, 2, {"month": 3.0, "still_in_work": False}),
        _event(person, check_in, 3, {"month": "6"}),
        _event(person, check_in, 4, {"still_in_work": "yes"}),
        _event(person, check_in, 5, {}),
        _event(person, FollowUpKind.CONTACT, -6, {"channel": "phone", "planned": True}),
        _event(person, FollowUpKind.CONTACT, 7, {"channel": "phone", "planned": False}),
        _event(person, FollowUpKind.TRAINING_START, -8, {"planned": 1}),
        _event(person, FollowUpKind.EMPLOYMENT, 9, {"contract": "CDI"}),
        _event(person, FollowUpKind.STEP_END, 10, {}),
    ]
    with session.uow() as uow:
        BulkLoader(uow).insert_events(events)
    with session.uow(read_only=True) as uow:
        stored = uow.events.list_for_person(person)
        everyone = read_paths(uow.session, timezone, today)[str(person)]
        alone = read_paths(uow.session, timezone, today, person)[str(person)]
    expected = Counter(
        (m.kind, m.day, m.planned, m.month, m.still_in_work)
        for m in marks_of_events(stored, timezone)
    )
    for path in (everyone, alone):
        read = Counter(
            (m.kind, m.day, m.planned, m.month, m.still_in_work)
            for m in path.marks
            if isinstance(m.kind, FollowUpKind)
        )
        assert read == expected
    assert sum(expected.values()) >= len(events)
