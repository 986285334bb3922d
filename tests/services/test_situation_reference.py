"""The point de situation's bulk computation gives, for every person and for the summary,
exactly what a straightforward computation gives: each person read on their own (their
events through the repository, their records as their file reads them), then the domain's
rules one person at a time.

The store is varied: demo people at every stage (plans signed, ends of support, reopenings,
restrictions, immersions, drafts revising a plan), plus random events of every kind (planned
ones, check-ins still in work or not, several on the same day).
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import Mark, marks_of_events
from spie_desktop.domain.path_scan import PathScan
from spie_desktop.domain.situation import situation_of, with_file_contact
from spie_desktop.domain.situation_summary import milestones_of, summarise
from spie_desktop.services.alert_rules import current_rules, save_rules
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.demo_plans import populate_demo_plans
from spie_desktop.services.demo_stories import populate_demo_stories
from spie_desktop.services.path_facts import PersonPath, read_paths
from spie_desktop.services.situation import SituationReport, SituationRow, compute_situation
from spie_desktop.storage.repositories.bulk import BulkLoader
from spie_desktop.storage.session import Session

NOW = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
PEOPLE = 120
EXTRA_EVENTS = 900


def _add_random_events(session: Session) -> None:
    """Events of every kind over two years, some planned, some on the same day (at
    different hours: the territory's day, not UTC's, decides), a few ahead of today."""
    rng = random.Random(19)
    with session.uow(read_only=True) as uow:
        people = sorted(p.id for p in uow.people.list_all())
    start = NOW - timedelta(days=730)
    kinds = list(FollowUpKind)
    events = []
    for index in range(EXTRA_EVENTS):
        kind = rng.choice(kinds)
        details: dict[str, Any] = {}
        if kind is FollowUpKind.CHECK_IN:
            details = {"month": rng.choice((1, 3, 6)), "still_in_work": rng.random() < 0.7}
        elif rng.random() < 0.15:
            details = {"planned": True}
        at = start + timedelta(minutes=rng.randrange(760 * 24 * 60))
        if index % 7 == 0:  # late evening UTC: already the next day, or still the same
            at = at.replace(hour=rng.choice((0, 1, 22, 23)))
        events.append(
            FollowUpEvent(
                person_id=people[rng.randrange(len(people))],
                kind=kind,
                occurred_at=at,
                details=details,
            )
        )
    with session.uow() as uow:
        BulkLoader(uow).insert_events(events)


def _varied_store(session: Session) -> None:
    today = local_day(NOW, session.territory.timezone)
    populate_demo(session, PEOPLE, seed=11, today=today)
    populate_demo_plans(session, seed=11, count=6)
    populate_demo_stories(session, seed=11)
    _add_random_events(session)


def _one_by_one(session: Session, now: datetime) -> tuple[list[SituationRow], Any]:
    """Each person read and computed on their own: the straightforward computation."""
    timezone = session.territory.timezone
    today = local_day(now, timezone)
    rules = current_rules(session)
    rows, situations, milestones = [], [], []
    with session.uow(read_only=True) as uow:
        counsellors = {c.id: c for c in uow.counsellors.list_all()}
        structures = {s.id: s.name for s in uow.structures.list_all()}
        people = uow.people.list_all()
        for person in people:
            events = uow.events.list_for_person(person.id)
            path = read_paths(uow.session, timezone, today, person.id).get(str(person.id))
            path = path or PersonPath()
            marks: list[Mark] = marks_of_events(events, timezone)
            marks += [m for m in path.marks if not isinstance(m.kind, FollowUpKind)]
            scan = PathScan(with_file_contact(marks, person.last_contact))
            situation = situation_of(scan, path.actions, rules, today)
            named = [
                counsellors[uuid.UUID(c)]
                for c in path.counsellor_ids
                if uuid.UUID(c) in counsellors
            ]
            rows.append(
                SituationRow(
                    person_id=person.id,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    structures=tuple(
                        sorted({structures.get(c.structure_id, "") for c in named} - {""})
                    ),
                    counsellors=tuple(sorted(c.display_name for c in named)),
                    stage=situation.stage,
                    last_contact=situation.last_contact,
                    next_step=situation.next_step,
                    days_waiting=situation.days_waiting,
                    alerts=situation.alerts,
                    days_without_contact=situation.days_without_contact,
                )
            )
            situations.append(situation)
            milestones.append(milestones_of(scan))
    return rows, summarise(situations, milestones, today)


def _same(report: SituationReport, session: Session, now: datetime) -> None:
    rows, summary = _one_by_one(session, now)
    by_id = {row.person_id: row for row in report.rows}
    assert len(by_id) == len(report.rows) == len(rows)
    for expected in rows:
        assert by_id[expected.person_id] == expected
    assert report.summary == summary


def test_the_bulk_report_is_the_one_by_one_computation(session: Session) -> None:
    _varied_store(session)
    report = compute_situation(session, now=NOW)
    # The data set is varied enough to say something: every stage, every alert.
    assert len({row.stage for row in report.rows}) >= 5
    assert len({alert.kind for row in report.rows for alert in row.alerts}) == 5
    assert any(row.next_step is not None for row in report.rows)
    assert any(row.counsellors for row in report.rows)
    _same(report, session, NOW)

    # Other thresholds, another day (later, and the alerts move).
    save_rules(session, AlertRules(not_seen_after_orientation_days=3, no_contact_days=20))
    later = NOW + timedelta(days=45, hours=9)
    _same(compute_situation(session, now=later), session, later)
