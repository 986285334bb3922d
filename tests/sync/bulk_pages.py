"""Stores and pulled pages for the bulk-apply tests: a device store (real SQLCipher) holding
synced records, some edited locally and not pushed yet, and records made on another device,
as the server sends them. Everything is read back as rows, for comparing two stores."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import Person
from spie_desktop.domain.plan import Action, ActionPlan, Objective
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.models import (
    AuditEventRow,
    OutboxRow,
    SyncBaseRow,
    SyncConflictRow,
    SyncParkedRow,
    table_of,
)
from spie_desktop.storage.repositories.sync_rows import to_doc
from spie_desktop.storage.store import Store
from spie_desktop.storage.unit_of_work import UnitOfWork
from spie_desktop.sync.apply import Remote

ACTOR = uuid.UUID("00000000-0000-4000-8000-00000000a11c")
DEFINITION = ("diagnostic-socio-pro", 1)
#: Columns a store fills from its own clock or random ids: not part of what was applied.
VOLATILE = {
    table_of(OutboxRow).name: {"op_id", "hlc", "created_at", "device_seq"},
    table_of(SyncConflictRow).name: {"id", "detected_at"},
    table_of(AuditEventRow).name: {"id", "hlc", "at", "updated_at"},
}


@contextmanager
def opened(path: Path, key: bytes) -> Iterator[Store]:
    store = Store.open(path, key, verify=False)
    try:
        yield store
    finally:
        store.close()


def copy_store(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return target


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every record table and of sync's bookkeeping, as sorted tuples."""
    tables = [spec.table for spec in ENTITY_SPECS.values()] + [
        table_of(row)
        for row in (SyncBaseRow, SyncParkedRow, SyncConflictRow, OutboxRow, AuditEventRow)
    ]
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.unit_of_work(None, read_only=True) as uow:
        for table in tables:
            skipped = VOLATILE.get(table.name, set())
            names = [c.name for c in table.columns if c.name not in skipped]
            rows = uow.session.execute(table.select()).all()
            out[table.name] = sorted(
                (tuple(repr(row._mapping[n]) for n in names) for row in rows), key=repr
            )
    return out


def person(first: str, last: str) -> Person:
    return Person(first_name=first, last_name=last, birth_date=date(1994, 3, 2), commune="Apatou")


def interview_of(person_id: uuid.UUID) -> Interview:
    return Interview(
        person_id=person_id, definition_id=DEFINITION[0], definition_version=DEFINITION[1]
    )


def plan_of(person_id: uuid.UUID, interview_id: uuid.UUID) -> ActionPlan:
    plan = ActionPlan(person_id=person_id, interview_id=interview_id, next_review=date(2027, 1, 15))
    for theme in ("mobilite", "emploi"):
        objective = Objective(plan_id=plan.id, theme=theme, label=f"Objectif {theme}")
        objective.actions = [
            Action(
                objective_id=objective.id,
                label=f"Action {i}",
                responsible_structure="Mission locale",
                start_date=date(2026, 12, 10),
                due_date=date(2026, 12, 10) + timedelta(days=30),
            )
            for i in range(2)
        ]
        plan.objectives.append(objective)
    return plan


def as_remote(
    uow: UnitOfWork, entity: str, entity_id: uuid.UUID, version: int, **changes: Any
) -> Remote:
    """The record as the server would send it at ``version``: as the server confirmed it
    last (or as held here, if never synced), with ``changes``."""
    base = uow.merge_base.base(entity, entity_id)
    doc = dict(base.doc) if base is not None else uow.documents.local_doc(entity, entity_id)
    assert doc is not None, (entity, entity_id)
    doc.update(changes)
    hlc = f"{1_800_000_000_000 + version:015d}-00000-server"
    return Remote(entity, entity_id, version, doc, hlc, False, "elsewhere")


def deleted(entity: str, entity_id: uuid.UUID, version: int) -> Remote:
    hlc = f"{1_800_000_000_000 + version:015d}-00000-server"
    return Remote(entity, entity_id, version, {}, hlc, True, "elsewhere")


def mark_synced(uow: UnitOfWork) -> None:
    """Everything held here is what the server holds: pushed, and the merge base."""
    uow.outbox.mark_sent(e.op_id for e in uow.outbox.pending(limit=1_000_000))
    for name, spec in ENTITY_SPECS.items():
        for row in uow.session.execute(spec.table.select()):
            m = row._mapping
            uow.merge_base.set_base(name, m["id"], int(m["version"]), to_doc(name, m), False)


def made_elsewhere(path: Path, key: bytes, answers: int) -> list[Remote]:
    """A person, their interview with ``answers`` answers and a plan (objectives, actions),
    made on another device: the records as the server sends them."""
    with Store.create(path, key) as other, other.unit_of_work(ACTOR) as uow:
        someone = uow.people.add(person("Nouvelle", "Personne"))
        interview = uow.interviews.add(interview_of(someone.id))
        for i in range(answers):
            uow.answers.upsert(interview.id, f"theme.q{i}", f"réponse {i}", ACTOR)
        uow.plans.add(plan_of(someone.id, interview.id))
        keys = [(e.entity, e.entity_id) for e in uow.outbox.pending(limit=1_000_000)]
        return [as_remote(uow, e, i, 1) for e, i in dict.fromkeys(keys)]
