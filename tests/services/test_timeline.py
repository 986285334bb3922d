"""The parcours timeline on a real store: events checked, journalled for sync, audited; the
path mixes them with the plan's steps; check-ins put their new action into the plan."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.parcours import RecordedKind
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.services import device
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.people import PeopleService, PersonNotFound
from spie_desktop.services.situation import compute_situation
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, initialise
from .plan_fixtures import make_room

K = FollowUpKind


def person(session: Session) -> uuid.UUID:
    return PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 4, 12)).id


def counts(session: Session) -> tuple[int, int]:
    with session.uow(read_only=True) as uow:
        return uow.outbox.count_pending(), len(uow.audit.list())


def test_an_event_is_written_journalled_and_audited(session: Session) -> None:
    someone = person(session)
    timeline = TimelineService(session)
    today = timeline.today()
    before = counts(session)
    event = timeline.add_event(
        someone, K.CONTACT, today - timedelta(days=3), note="Appel", details={"channel": "phone"}
    )
    outbox, audit = counts(session)
    assert (outbox, audit) == (before[0] + 1, before[1] + 1)
    with session.uow(read_only=True) as uow:
        stored = uow.events.get(event.id)
        assert uow.audit.list()[-1].action is AuditAction.CREATED
    assert stored.details == {"channel": "phone"} and stored.updated_by == session.counsellor.id
    [step] = timeline.path(someone)
    assert (step.kind, step.day, step.note, step.event_id) == (
        K.CONTACT,
        today - timedelta(days=3),
        "Appel",
        event.id,
    )


def test_an_end_before_its_start_is_refused_and_nothing_written(session: Session) -> None:
    someone = person(session)
    timeline = TimelineService(session)
    today = timeline.today()
    timeline.add_event(someone, K.IMMERSION_START, today - timedelta(days=5))
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        timeline.add_event(someone, K.IMMERSION_END, today - timedelta(days=6))
    assert "ne peut pas précéder « Début d'immersion »" in caught.value.message_fr
    assert counts(session) == before
    timeline.add_event(someone, K.IMMERSION_END, today)
    assert [s.wait_days for s in timeline.path(someone)] == [None, 5]


def test_a_future_date_only_for_a_planned_step(session: Session) -> None:
    someone = person(session)
    timeline = TimelineService(session)
    later = timeline.today() + timedelta(days=10)
    with pytest.raises(ValidationError) as caught:
        timeline.add_event(someone, K.TRAINING_START, later)
    assert "prévue" in caught.value.message_fr
    timeline.add_event(someone, K.TRAINING_START, later, details={"planned": True})
    [step] = timeline.path(someone)
    assert step.planned and step.day == later and step.wait_days is None


def test_an_unknown_person_is_refused(session: Session) -> None:
    with pytest.raises(PersonNotFound):
        TimelineService(session).add_event(uuid.uuid4(), K.CONTACT, date(2026, 1, 1))


def test_a_day_in_cayenne_stays_that_day_in_cayenne(data_dir: Path) -> None:
    setup = initialise(data_dir, territory="973")
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        someone = person(session)
        timeline = TimelineService(session)
        # 23:30 in Cayenne on 10 June is 02:30 UTC on the 11th.
        late = datetime(2026, 6, 11, 2, 30, tzinfo=UTC)
        event = timeline.add_event(someone, K.CONTACT, date(2026, 6, 10), now=late)
        assert event.occurred_at == late
        earlier = timeline.add_event(someone, K.ORIENTATION, date(2026, 6, 1), now=late)
        assert earlier.occurred_at == datetime(2026, 6, 1, 15, 0, tzinfo=UTC)  # midday, UTC−3
        path = timeline.path(someone, now=late)
        assert [(s.kind, s.day, s.wait_days) for s in path] == [
            (K.ORIENTATION, date(2026, 6, 1), None),
            (K.CONTACT, date(2026, 6, 10), 9),
        ]
    finally:
        session.close()


def test_a_return_to_work_schedules_check_ins_that_clear(session: Session) -> None:
    someone = person(session)
    timeline = TimelineService(session)
    start = date(2026, 1, 31)
    timeline.add_event(someone, K.CONTACT, start)
    timeline.add_event(someone, K.EMPLOYMENT, start, details={"contract": "cdd", "hours": 24})
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)  # the 1-month check-in was due 28 February
    row = next(r for r in compute_situation(session, now=now).rows if r.person_id == someone)
    assert row.next_step is not None
    assert (row.next_step.label, row.next_step.day) == (
        "Suivi dans l'emploi à 1 mois",
        date(2026, 2, 28),
    )
    assert [a.kind.value for a in row.alerts] == ["check_in_due"]
    recorded = record_check_in(
        session,
        someone,
        date(2026, 3, 2),
        CheckIn(month=1, still_in_work=True, difficulties=("transport",)),
        now=now,
    )
    assert recorded.plan_id is None and recorded.event.details["difficulties"] == ["transport"]
    row = next(r for r in compute_situation(session, now=now).rows if r.person_id == someone)
    assert row.alerts == () and row.next_step is not None
    assert row.next_step.day == date(2026, 4, 30)


def test_a_bad_check_in_is_refused_before_anything_changes(session: Session) -> None:
    someone = person(session)
    before = counts(session)
    with pytest.raises(ValidationError) as caught:
        record_check_in(session, someone, date(2026, 3, 2), CheckIn(month=2, still_in_work=True))
    assert "1, 3 ou 6 mois" in caught.value.message_fr
    assert counts(session) == before


def test_a_check_in_s_new_action_goes_into_a_new_version_of_the_signed_plan(
    session: Session,
) -> None:
    room = make_room(session)
    draft = room.ready_draft()
    room.sign(draft)
    timeline = TimelineService(session)
    today = timeline.today()
    timeline.add_event(room.person_id, K.EMPLOYMENT, today - timedelta(days=40))
    recorded = record_check_in(
        session,
        room.person_id,
        today,
        CheckIn(month=1, still_in_work=True, new_action="Passer le permis B"),
    )
    assert recorded.new_version and recorded.plan_id is not None
    plans = room.plans.list_for_person(room.person_id)
    assert [(p.plan_version, p.status) for p in plans] == [
        (1, PlanStatus.SIGNED),
        (2, PlanStatus.DRAFT),
    ]
    new_draft = plans[1]
    assert new_draft.id == recorded.plan_id
    added = new_draft.action(recorded.action_id)  # type: ignore[arg-type]
    assert added.label == "Passer le permis B"
    assert recorded.event.action_id == added.id
    # A second check-in's action goes into that same draft: no third version.
    again = record_check_in(
        session,
        room.person_id,
        today,
        CheckIn(month=3, still_in_work=False, new_action="Chercher un autre poste"),
    )
    assert again.plan_id == new_draft.id and not again.new_version
    assert len(room.plans.list_for_person(room.person_id)) == 2

    # The path reads the diagnostic, the signature and the actions from the records.
    path = timeline.path(room.person_id)
    kinds = [s.kind for s in path]
    done_today = [s.kind for s in path if s.day == today and not s.planned]
    assert done_today[:2] == [RecordedKind.DIAGNOSTIC_DONE, RecordedKind.PLAN_SIGNED]
    assert RecordedKind.ACTION_STARTED in kinds  # planned: its start date is next week
    assert kinds.count(K.CHECK_IN) == 2
