"""The bulk path for demo data: same rows as the repositories, no outbox, demo stores only."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.interview import Answer, Interview, InterviewStatus
from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person, PersonStatus
from spie_desktop.storage.errors import NotADemoStore
from spie_desktop.storage.models import OutboxRow, PersonRow, table_of
from spie_desktop.storage.store import Store

from .test_plans import make_plan


def _people(count: int) -> list[Person]:
    return [
        Person(
            first_name="Hélène",
            last_name=f"Démo{i}",
            birth_date=date(1980, 1, 1 + i % 28),
            commune="Rodez",
            status=PersonStatus.DIAGNOSTIC,
        )
        for i in range(count)
    ]


def _count(store: Store, model: type[PersonRow] | type[OutboxRow]) -> int:
    with store.unit_of_work(None, read_only=True) as uow:
        stmt = select(func.count()).select_from(table_of(model))
        return int(uow.session.execute(stmt).scalar_one())


def test_bulk_refuses_a_store_not_flagged_as_demo(store: Store, actor: uuid.UUID) -> None:
    assert not store.is_demo
    for insert in ("insert_people", "insert_answers", "insert_plans"):
        with pytest.raises(NotADemoStore), store.unit_of_work(actor) as uow:
            getattr(uow.bulk, insert)(_people(2) if insert == "insert_people" else [])
    assert _count(store, PersonRow) == 0


def test_flag_then_bulk_writes_rows_the_repositories_read_back_and_no_outbox(
    store: Store, actor: uuid.UUID
) -> None:
    people = _people(3)
    first = people[0]
    consent = ConsentRecord(
        person_id=first.id,
        given_at=datetime(2026, 11, 2, 9, 30, tzinfo=UTC),
        scopes=frozenset({ConsentScope.RECORD, ConsentScope.EVALUATION}),
    )
    interview = Interview(
        person_id=first.id,
        definition_id="socle-commun",
        definition_version=1,
        status=InterviewStatus.IN_PROGRESS,
        current_step="situation",
    )
    answers = [
        Answer(interview_id=interview.id, key="mobilite.barrier", value="strong", author_id=actor),
        Answer(interview_id=interview.id, key="mobilite.situations", value=["permis"]),
    ]
    plan = make_plan(first)
    plan.interview_id = interview.id
    event = FollowUpEvent(person_id=first.id, kind=FollowUpKind.CONTACT, note="Appel")
    with store.unit_of_work(actor) as uow:
        uow.meta.mark_demo_store()
        bulk = uow.bulk
        assert bulk.insert_people(people) == 3
        assert bulk.insert_consents([consent]) == 1
        assert bulk.insert_interviews([interview]) == 1
        assert bulk.insert_answers(answers) == 2
        assert bulk.insert_plans([plan]) == 1
        assert bulk.insert_events([event]) == 1
    assert store.is_demo
    assert _count(store, OutboxRow) == 0
    with store.unit_of_work(actor, read_only=True) as uow:
        assert [s.last_name for s in uow.people.iter_summaries(name_contains="demo")] == [
            "Démo0",
            "Démo1",
            "Démo2",
        ]  # the folded search name is derived as on the normal path
        assert uow.people.get(first.id) == first and first.updated_by == actor
        assert uow.consents.latest_for(first.id) == consent
        assert uow.interviews.get(interview.id) == interview
        stored = uow.answers.list_for(interview.id)
        assert [(a.key, a.value, a.author_id) for a in stored] == [
            ("mobilite.barrier", "strong", actor),
            ("mobilite.situations", ["permis"], None),
        ]
        assert stored == answers
        assert uow.plans.get(plan.id) == plan  # objectives, actions in order, signature
        assert uow.events.list_for_person(first.id) == [event]


def test_checkpoint_leaves_no_wal(store: Store, actor: uuid.UUID) -> None:
    with store.unit_of_work(actor) as uow:
        uow.meta.mark_demo_store()
        uow.bulk.insert_people(_people(50))
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.stat().st_size > 0
    store.checkpoint()
    assert wal.stat().st_size == 0


def test_bulk_writer_commits_each_transaction_on_its_own(store: Store, actor: uuid.UUID) -> None:
    with store.unit_of_work(actor) as uow:
        uow.meta.mark_demo_store()
    with store.bulk_writer(None, cache_mib=8) as transaction:
        with transaction() as uow:
            uow.bulk.insert_people(_people(3))
        assert _count(store, PersonRow) == 3  # committed: another connection sees it
        with pytest.raises(RuntimeError), transaction() as uow:
            uow.bulk.insert_people(_people(2))
            raise RuntimeError("batch fails")
        with transaction() as uow:
            uow.bulk.insert_people(_people(1))
    assert _count(store, PersonRow) == 4
    with store.unit_of_work(None, read_only=True) as uow:
        assert {p.updated_by for p in uow.people.list_all()} == {None}  # made by the system
