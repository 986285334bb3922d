"""The bulk path for synthetic demo data: one ``executemany`` per table and batch.

Rows are mapped exactly as the repositories map them (``new_row``), but nothing is journalled
in the outbox and nothing is audited per record: a demo store holds invented people that must
never reach a territory server. So every method refuses unless the store is flagged as a demo
store (``uow.meta.mark_demo_store()``, see ``Store.is_demo``); such a store must never be
enrolled nor synced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Table

from spie_desktop.domain.events import FollowUpEvent
from spie_desktop.domain.interview import Answer, Interview
from spie_desktop.domain.people import ConsentRecord, Person
from spie_desktop.domain.plan import ActionPlan

from ..errors import NotADemoStore
from .base import RecordRepository, insert_rows
from .interviews import ANSWERS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .events import FollowUpEventRepository
    from .interviews import AnswerRepository, InterviewRepository
    from .meta import MetaRepository
    from .people import ConsentRepository, PersonRepository
    from .plans import PlanRepository


class BulkTarget(Protocol):
    """What the loader writes through: the unit of work's session and repositories
    (:class:`~spie_desktop.storage.unit_of_work.UnitOfWork` is one)."""

    @property
    def session(self) -> Session: ...
    @property
    def meta(self) -> MetaRepository: ...
    @property
    def people(self) -> PersonRepository: ...
    @property
    def consents(self) -> ConsentRepository: ...
    @property
    def interviews(self) -> InterviewRepository: ...
    @property
    def answers(self) -> AnswerRepository: ...
    @property
    def plans(self) -> PlanRepository: ...
    @property
    def events(self) -> FollowUpEventRepository: ...


class BulkLoader:
    """Insert many new records at once, without outbox entries; demo stores only."""

    def __init__(self, uow: BulkTarget) -> None:
        self._uow = uow
        self._checked = False

    def insert_people(self, people: Sequence[Person]) -> int:
        return self._insert_records(self._uow.people, people)

    def insert_consents(self, consents: Sequence[ConsentRecord]) -> int:
        return self._insert_records(self._uow.consents, consents)

    def insert_interviews(self, interviews: Sequence[Interview]) -> int:
        return self._insert_records(self._uow.interviews, interviews)

    def insert_events(self, events: Sequence[FollowUpEvent]) -> int:
        return self._insert_records(self._uow.events, events)

    def insert_answers(self, answers: Sequence[Answer]) -> int:
        self._require_demo_store()
        repo = self._uow.answers
        return self._execute(ANSWERS, [repo.new_row(answer) for answer in answers])

    def insert_plans(self, plans: Sequence[ActionPlan]) -> int:
        """Plans with their objectives, actions and signatures; returns how many plans."""
        self._require_demo_store()
        by_table: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for plan in plans:
            for table, row in self._uow.plans.new_rows(plan):
                by_table[table].append(row)
        for table, rows in by_table.items():  # parents first: plans, objectives, actions…
            self._execute(table, rows)
        return len(plans)

    def _insert_records(self, repo: RecordRepository[Any], items: Sequence[Any]) -> int:
        self._require_demo_store()
        return self._execute(repo.table, [repo.new_row(item) for item in items])

    def _execute(self, table: Table, rows: list[dict[str, Any]]) -> int:
        return insert_rows(self._uow.session, table, rows)

    def _require_demo_store(self) -> None:
        if not self._checked:
            if not self._uow.meta.is_demo_store():
                raise NotADemoStore()
            self._checked = True
