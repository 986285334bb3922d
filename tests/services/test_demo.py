"""Demo data: deterministic for a seed, realistic for the store's territory, written through
the bulk path into a store flagged as a demo store, with nothing in the sync outbox."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import PersonStatus
from spie_desktop.forms import AnswerRecord, builtin_registry, open_interview
from spie_desktop.services import device
from spie_desktop.services.demo import (
    DEMO_DATA,
    StoreHoldsRealPeople,
    StoreInRealUse,
    StoreIsEnrolled,
    populate_demo,
)
from spie_desktop.services.demo_names import COMMUNES
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.entities import search_key
from spie_desktop.storage.session import Session
from spie_desktop.sync.enrolment import KEYS as ENROLMENT_KEYS

from .conftest import NADIA_PASSPHRASE, initialise

TODAY = date(2026, 11, 27)


def _demo_store(data_dir: Path, seed: int, territory: str = "12", count: int = 40) -> Session:
    setup = initialise(data_dir, territory)
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    assert populate_demo(session, count, seed, today=TODAY) == count
    return session


def _demo_people(data_dir: Path, seed: int, territory: str = "12", count: int = 40) -> list[tuple]:
    with _demo_store(data_dir, seed, territory, count) as session, session.uow() as uow:
        people = [uow.people.get(s.id) for s in uow.people.iter_summaries()]
    return sorted(
        (p.id, p.first_name, p.last_name, p.birth_date, p.status, p.commune, p.phone)
        for p in people
    )


def _everything(session: Session) -> list[tuple[Any, ...]]:
    """Every person with their consent, interviews, answers, plans and events, by value."""
    rows: list[tuple[Any, ...]] = []
    with session.uow(read_only=True) as uow:
        for summary in uow.people.iter_summaries():
            consent = uow.consents.latest_for(summary.id)
            interviews = uow.interviews.list_for_person(summary.id)
            rows.append(
                (
                    tuple(summary),
                    consent and (consent.id, sorted(consent.scopes)),
                    [(i.id, i.status, i.current_step) for i in interviews],
                    [
                        (a.id, a.key, a.value)
                        for i in interviews
                        for a in uow.answers.list_for(i.id)
                    ],
                    [
                        (p.id, [(o.theme, [a.label for a in o.actions]) for o in p.objectives])
                        for p in uow.plans.list_for_person(summary.id)
                    ],
                    [(e.id, e.kind, e.occurred_at) for e in uow.events.list_for_person(summary.id)],
                )
            )
    return rows


def test_same_seed_gives_the_same_people(tmp_path: Path) -> None:
    first = _demo_people(tmp_path / "a", seed=7)
    second = _demo_people(tmp_path / "b", seed=7)
    other = _demo_people(tmp_path / "c", seed=8)
    assert len(first) == 40
    assert first == second
    assert {row[0] for row in first}.isdisjoint(row[0] for row in other)


def test_demo_people_live_in_the_territory_and_are_of_working_age(tmp_path: Path) -> None:
    people = _demo_people(tmp_path / "guyane", seed=3, territory="973", count=60)
    for _id, _first, _last, born, _status, commune, phone in people:
        age = (TODAY - born).days / 365.25
        assert 18 <= age < 65
        assert commune in COMMUNES["CTG"]
        assert phone == "" or phone.startswith("06 94")
    assert len({row[4] for row in people}) >= 4  # every stage of the path is represented


def test_demo_of_300_is_deterministic_down_to_every_answer(tmp_path: Path) -> None:
    with _demo_store(tmp_path / "a", seed=21, count=300) as session:
        first = _everything(session)
    with _demo_store(tmp_path / "b", seed=21, count=300) as session:
        second = _everything(session)
    assert len(first) == 300
    assert first == second
    assert sum(len(row[3]) for row in first) > 300 * 10  # interviews carry real answers
    assert any(row[4] for row in first)  # and some people have a plan


def test_demo_of_300_reads_back_through_the_repositories_and_the_form_engine(
    tmp_path: Path,
) -> None:
    registry = builtin_registry()
    stages: Counter[str] = Counter()
    opened = _demo_store(tmp_path / "store", seed=5, count=300)
    with opened as session, session.uow(read_only=True) as uow:
        summaries = uow.people.iter_summaries()
        assert len(summaries) == 300
        keys = [search_key(s.first_name, s.last_name) for s in summaries]
        assert keys == sorted(keys)  # register order, from the derived search name
        for summary in summaries:
            interviews = uow.interviews.list_for_person(summary.id)
            if summary.status is PersonStatus.NEW:
                assert interviews == []
                continue
            assert uow.consents.latest_for(summary.id) is not None
            assert len(interviews) == 1
            interview = interviews[0]
            records = {
                a.key: AnswerRecord(a.value, a.author_id)
                for a in uow.answers.list_for(interview.id)
            }
            state = open_interview(
                registry,
                interview.definition_id,
                interview.definition_version,
                records,
                current_step=interview.current_step,
            )
            assert interview.current_step == state.current_step.id
            assert set(records) <= set(state.definition.fields)
            assert [e for e in state.errors() if e.code != "required"] == []
            assert all(state.value(key) is not None for key in records)
            assert {r.author_id for r in records.values()} == {session.counsellor.id}
            stages[state.current_step.id] += 1
    assert len(stages) >= 3, stages  # diagnostic, priorities, plan


def test_demo_store_is_flagged_has_no_outbox_one_audit_entry_and_no_wal(tmp_path: Path) -> None:
    data_dir = tmp_path / "store"
    with _demo_store(data_dir, seed=2, count=120) as session:
        assert session.store.is_demo
        with session.uow(read_only=True) as uow:
            # only the device's own set-up (its structure and counsellor) waits to sync
            assert {e.entity for e in uow.outbox.pending()} == {"structures", "counsellors"}
            outbox = uow.outbox.count_pending()
            audit = [e for e in uow.audit.list() if e.action is AuditAction.CREATED]
            assert [e.entity for e in audit] == [DEMO_DATA]
        assert (data_dir / "store.db-wal").stat().st_size == 0
        # a second run adds to the same demo store
        assert populate_demo(session, 10, seed=3, today=TODAY) == 10
        with session.uow(read_only=True) as uow:
            assert uow.people.count() == 130 and uow.outbox.count_pending() == outbox


def test_a_store_with_real_people_is_refused_and_left_alone(session: Session) -> None:
    PeopleService(session).create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
    with pytest.raises(StoreHoldsRealPeople):
        populate_demo(session, 5, seed=1, today=TODAY)
    assert not session.store.is_demo
    with session.uow(read_only=True) as uow:
        assert uow.people.count() == 1


def test_a_store_set_up_for_real_use_is_refused_unless_forced(session: Session) -> None:
    with pytest.raises(StoreInRealUse):
        populate_demo(session, 5, seed=1, today=TODAY, made_for_demo=False)
    assert not session.store.is_demo
    assert populate_demo(session, 5, seed=1, today=TODAY, made_for_demo=False, force=True) == 5
    assert session.store.is_demo


def test_an_enrolled_store_is_refused_even_when_made_for_the_demo(session: Session) -> None:
    with session.uow() as uow:
        for key in ENROLMENT_KEYS.values():
            uow.meta.set(key, "x")
    with pytest.raises(StoreIsEnrolled):
        populate_demo(session, 5, seed=1, today=TODAY)
    assert not session.store.is_demo


def test_demo_check_ins_say_which_they_are_so_they_clear_what_is_due(tmp_path: Path) -> None:
    from spie_desktop.domain.event_details import CHECK_IN_MONTHS, MONTH, STILL_IN_WORK
    from spie_desktop.domain.events import FollowUpKind

    with _demo_store(tmp_path / "d", seed=5, count=80) as session, session.uow() as uow:
        events = [e for s in uow.people.iter_summaries() for e in uow.events.list_for_person(s.id)]
    check_ins = [e for e in events if e.kind is FollowUpKind.CHECK_IN]
    assert check_ins, "the demo has people back in work with check-ins done"
    for event in check_ins:
        assert event.details[MONTH] in CHECK_IN_MONTHS
        assert isinstance(event.details[STILL_IN_WORK], bool)
    assert all(e.details for e in events if e.kind is FollowUpKind.EMPLOYMENT)
