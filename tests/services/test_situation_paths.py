"""The point de situation reads events reduced while read (``situation_paths``); the
person's file reads every mark (``path_facts.read_paths``). On a varied store, in three
territories' calendars, both must give every person the same line and the same summary."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.interview import Interview, InterviewStatus
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import Mark
from spie_desktop.domain.path_scan import PathScan
from spie_desktop.domain.people import Person
from spie_desktop.domain.plan import Action, ActionPlan, ActionStatus, Objective, PlanStatus
from spie_desktop.domain.situation import situation_of
from spie_desktop.domain.situation_summary import milestones_of, summarise
from spie_desktop.services import device
from spie_desktop.services.alert_rules import current_rules
from spie_desktop.services.path_facts import PersonPath, read_paths
from spie_desktop.services.situation import compute_situation
from spie_desktop.storage import path_reads
from spie_desktop.storage.repositories.bulk import BulkLoader
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, initialise

#: Just after the autumn daylight-saving change in Paris.
NOW = datetime(2026, 10, 25, 23, 30, tzinfo=UTC)


def _instant(rng: random.Random, today: date) -> datetime:
    """Mostly near a local midnight somewhere (21:00 to 05:00 UTC), around DST changes."""
    day = today - timedelta(days=rng.randrange(-20, 400))
    if rng.random() < 0.3:
        day = rng.choice((date(2026, 3, 29), date(2026, 10, 25), date(2025, 10, 26)))
    minute = rng.choice((rng.randrange(21 * 60, 29 * 60), rng.randrange(24 * 60))) % (24 * 60)
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(minutes=minute)


def _details(rng: random.Random, kind: FollowUpKind) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if kind is FollowUpKind.CHECK_IN:
        details = {"month": rng.choice((1, 3, 6, 4)), "still_in_work": rng.random() < 0.7}
        if rng.random() < 0.2:
            del details["still_in_work"]
    if rng.random() < 0.12:
        details["planned"] = True
    return details


def _fill(session: Session, count: int, seed: int) -> None:
    rng = random.Random(seed)
    today = NOW.date()
    kinds = list(FollowUpKind)
    people, events, interviews, plans = [], [], [], []
    for n in range(count):
        person = Person(first_name=f"P{n}", last_name=f"Nom{n}")
        if rng.random() < 0.3:
            person.last_contact = today - timedelta(days=rng.randrange(200))
        people.append(person)
        # Some with nothing, some with many events of few kinds (first/last days matter).
        few = rng.sample(kinds, rng.randrange(1, len(kinds)))
        for _ in range(rng.choice((0, 1, 3, 8, 20))):
            kind = rng.choice(few)
            events.append(
                FollowUpEvent(
                    person_id=person.id,
                    kind=kind,
                    occurred_at=_instant(rng, today),
                    details=_details(rng, kind),
                )
            )
        if rng.random() < 0.5:
            continue
        interview = Interview(
            person_id=person.id,
            definition_id="socle-commun",
            definition_version=2,
            status=rng.choice((InterviewStatus.COMPLETED, InterviewStatus.IN_PROGRESS)),
        )
        interviews.append(interview)
        for version in range(1, rng.randrange(1, 4)):
            plan = ActionPlan(
                person_id=person.id,
                interview_id=interview.id if rng.random() < 0.8 else None,
                plan_version=version,
                status=rng.choice((PlanStatus.SIGNED, PlanStatus.SUPERSEDED, PlanStatus.DRAFT)),
            )
            objective = Objective(plan_id=plan.id, theme="emploi", label="Objectif")
            plan.objectives.append(objective)
            for a in range(rng.randrange(4)):
                start = today + timedelta(days=rng.randrange(-300, 40))
                objective.actions.append(
                    Action(
                        objective_id=objective.id,
                        label=f"Action {a}",
                        start_date=start if rng.random() < 0.8 else None,
                        due_date=start + timedelta(days=rng.randrange(-5, 90)),
                        status=rng.choice(list(ActionStatus)),
                    )
                )
            plans.append(plan)
    with session.uow() as uow:
        uow.meta.mark_demo_store()  # synthetic people, bulk-loaded
        loader = BulkLoader(uow)
        loader.insert_people(people)
        loader.insert_events(events)
        loader.insert_interviews(interviews)
        loader.insert_plans(plans)


def _by_the_rules(session: Session) -> tuple[dict[str, tuple[Any, ...]], Any]:
    """Each person's line from every mark (the person's file's reading), and the summary."""
    timezone = session.territory.timezone
    today = local_day(NOW, timezone)
    rules = current_rules(session)
    with session.uow(read_only=True) as uow:
        people = path_reads.person_lines(uow.session)
        paths = read_paths(uow.session, timezone, today)
    lines, situations, milestones = {}, [], []
    for person in people:
        path = paths.get(person.person_id, PersonPath())
        marks = list(path.marks)
        if person.last_contact:
            marks.append(Mark(FollowUpKind.CONTACT, date.fromisoformat(person.last_contact)))
        scan = PathScan(marks)
        situation = situation_of(scan, path.actions, rules, today)
        lines[person.person_id] = (
            situation,
            tuple(sorted(path.counsellor_ids)),
            milestones_of(marks),
        )
        situations.append(situation)
        milestones.append(milestones_of(marks))
    return lines, summarise(situations, milestones, today)


@pytest.mark.parametrize(("territory", "seed"), [("12", 1), ("973", 2), ("974", 3)])
def test_the_reduced_reading_gives_everyone_the_line_the_rules_give(
    data_dir: Path, territory: str, seed: int
) -> None:
    setup = initialise(data_dir, territory)
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        _fill(session, 400, seed)
        expected, summary = _by_the_rules(session)
        report = compute_situation(session, now=NOW)
    finally:
        session.close()
    assert len(report.rows) == len(expected) == 400
    for row in report.rows:
        situation, _, _ = expected[str(row.person_id)]
        got = (
            row.stage,
            row.last_contact,
            row.next_step,
            row.days_waiting,
            row.alerts,
            row.days_without_contact,
        )
        want = (
            situation.stage,
            situation.last_contact,
            situation.next_step,
            situation.days_waiting,
            situation.alerts,
            situation.days_without_contact,
        )
        assert got == want, row.person_id
    assert report.summary == summary
    # The store was varied enough to mean something.
    assert len({row.stage for row in report.rows}) >= 5
    assert len({a.kind for row in report.rows for a in row.alerts}) == 5
    assert any(row.next_step for row in report.rows)
