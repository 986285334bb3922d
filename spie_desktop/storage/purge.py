"""Forgetting a person: every row of theirs and of everything hanging from them, everywhere in
the store — records, merge bases, outbox entries (sent ones too: they hold the values),
conflicts, records set aside, audit lines naming them.

What hangs from a person is found from the registry, never from a list of tables: a record
belongs to the person when its owner column or one of its foreign keys names the person or a
record that belongs to them (a person's plan, that plan's objectives, their actions...). So an
entity added later through the registry is covered as soon as it declares its owner. Records
no longer in their table (deleted here, or waiting in the outbox or set aside) are found
through their last documents: the merge base, the outbox entry, the record set aside.

One transaction: the caller's unit of work. Freed pages are overwritten (``secure_delete``,
set on every connection by :mod:`.engine`); the caller truncates the WAL after the commit
(:meth:`.store.Store.checkpoint`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, tuple_

from spie_desktop.domain.events import AuditAction

from .entities import ENTITY_SPECS, PURGES
from .models import PersonRow, table_of
from .repositories.base import OUTBOX, PENDING, UPSERT
from .repositories.events import AUDIT
from .repositories.outbox import ERROR
from .repositories.sync_base import BASE
from .repositories.sync_inbox import CONFLICTS, PARKED

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

PERSON_ENTITY = table_of(PersonRow).name
_CHUNK = 400  # bound parameters per IN (...) list
UNSENT = (PENDING, ERROR)


@dataclass
class PersonRecords:
    """Every (entity, id) that belongs to the people being forgotten."""

    ids: dict[str, set[uuid.UUID]] = field(default_factory=dict)

    def add(self, entity: str, entity_id: uuid.UUID) -> bool:
        held = self.ids.setdefault(entity, set())
        if entity_id in held:
            return False
        held.add(entity_id)
        return True

    def of(self, entity: str) -> set[uuid.UUID]:
        return self.ids.get(entity, set())

    def all_ids(self) -> set[uuid.UUID]:
        return {i for ids in self.ids.values() for i in ids}

    def pairs(self) -> set[tuple[str, uuid.UUID]]:
        return {(entity, i) for entity, ids in self.ids.items() for i in ids}

    def count(self) -> int:
        return sum(len(ids) for ids in self.ids.values())


@dataclass(frozen=True)
class PendingEdit:
    """A local change of a forgotten record not yet on the server (a field and its value)."""

    entity: str
    entity_id: uuid.UUID
    field: str
    value: Any
    base_version: int


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def references() -> dict[str, list[tuple[str, str]]]:
    """Per entity: (column, entity it names) for its owner column and its foreign keys."""
    refs: dict[str, list[tuple[str, str]]] = {}
    for name, spec in ENTITY_SPECS.items():
        pairs = set(spec.parents)
        if spec.owner is not None and spec.owner_entity is not None:
            pairs.add((spec.owner, spec.owner_entity))
        if name == PURGES:
            continue  # a tombstone is what stays: it names the person, holds nothing of them
        refs[name] = sorted(pairs)
    return refs


def collect(uow: UnitOfWork, person_ids: Iterable[uuid.UUID]) -> PersonRecords:
    """Everything that belongs to these people, in rows and in sync's documents."""
    found = PersonRecords()
    for person_id in person_ids:
        found.add(PERSON_ENTITY, person_id)
    refs = references()
    grew = True
    while grew:  # to a fixed point: a plan superseding a plan, a parked child of a parked parent
        grew = False
        for entity, columns in refs.items():
            for column, target in columns:
                named = found.of(target)
                if not named:
                    continue
                for record_id in _naming(uow, entity, column, named):
                    grew |= found.add(entity, record_id)
    return found


def _naming(uow: UnitOfWork, entity: str, column: str, named: set[uuid.UUID]) -> set[uuid.UUID]:
    """Ids of ``entity`` records whose ``column`` is one of ``named``: live rows, merge
    bases, outbox entries and records set aside."""
    table = ENTITY_SPECS[entity].table
    session = uow.session
    out: set[uuid.UUID] = set()
    path = f"$.{column}"
    for chunk in _chunks(named):
        texts = [str(i) for i in chunk]
        out.update(session.execute(select(table.c.id).where(table.c[column].in_(chunk))).scalars())
        sources = (
            (BASE.c.entity_id, BASE.c.entity, func.json_extract(BASE.c.doc, path)),
            (OUTBOX.c.entity_id, OUTBOX.c.entity, func.json_extract(OUTBOX.c.fields, path)),
            (
                PARKED.c.entity_id,
                PARKED.c.entity,
                func.json_extract(PARKED.c.record, f"$.fields.{column}"),
            ),
        )
        for id_column, entity_column, value in sources:
            stmt = select(id_column).where(entity_column == entity, value.in_(texts))
            found: list[Any] = list(session.execute(stmt).scalars())
            out.update(uuid.UUID(str(v)) for v in found)
    return out


def pending_edits(uow: UnitOfWork, records: PersonRecords) -> list[PendingEdit]:
    """The local changes of these records the server does not hold, field by field: pending
    ones, and those it refused (kept in error)."""
    c = OUTBOX.c
    edits: list[PendingEdit] = []
    for entity, ids in records.ids.items():
        for chunk in _chunks(ids):
            stmt = (
                select(c.entity_id, c.op, c.fields, c.base_version)
                .where(c.entity == entity, c.entity_id.in_(chunk), c.status.in_(UNSENT))
                .order_by(c.device_seq)
            )
            for row in uow.session.execute(stmt):
                if row[1] != UPSERT:
                    continue
                fields: dict[str, Any] = dict(row[2] or {})
                entity_id, base = uuid.UUID(str(row[0])), int(row[3] or 0)
                for name, value in fields.items():
                    if name not in ("updated_at", "updated_by"):
                        edits.append(PendingEdit(entity, entity_id, name, value, base))
    return edits


def waiting_changes(uow: UnitOfWork, records: PersonRecords) -> int:
    """How many outbox entries of these records wait to be pushed (pending)."""
    c = OUTBOX.c
    total = 0
    for chunk in _chunks(records.all_ids()):
        stmt = select(func.count()).where(c.entity_id.in_(chunk), c.status == PENDING)
        total += int(uow.session.execute(stmt).scalar_one())
    return total


def set_aside(uow: UnitOfWork, records: PersonRecords) -> int:
    """How many of these records wait set aside (pulled and not storable yet)."""
    total = 0
    for chunk in _chunks(records.all_ids()):
        stmt = select(func.count()).select_from(PARKED).where(PARKED.c.entity_id.in_(chunk))
        total += int(uow.session.execute(stmt).scalar_one())
    return total


def tombstoned_people(uow: UnitOfWork) -> set[uuid.UUID]:
    """The people this device holds a tombstone of."""
    table = ENTITY_SPECS[PURGES].table
    found: list[Any] = list(uow.session.execute(select(table.c.person_id).distinct()).scalars())
    return {uuid.UUID(str(v)) for v in found}


def holds_anything(uow: UnitOfWork, records: PersonRecords) -> bool:
    """True when a row, merge base, outbox entry or record set aside of these is here."""
    session = uow.session
    for entity, ids in records.ids.items():
        table = ENTITY_SPECS[entity].table
        for chunk in _chunks(ids):
            probes = (
                select(table.c.id).where(table.c.id.in_(chunk)),
                select(BASE.c.entity_id).where(
                    BASE.c.entity == entity, BASE.c.entity_id.in_(chunk)
                ),
                select(PARKED.c.entity_id).where(
                    PARKED.c.entity == entity, PARKED.c.entity_id.in_(chunk)
                ),
                select(OUTBOX.c.entity_id).where(OUTBOX.c.entity_id.in_(chunk)),
            )
            if any(session.execute(probe.limit(1)).first() is not None for probe in probes):
                return True
    return False


def erase(
    uow: UnitOfWork, records: PersonRecords, *, keep_conflicts: bool = False, audit: bool = True
) -> int:
    """Delete every trace of ``records`` and write one audit line naming no one; returns how
    many records were forgotten. ``keep_conflicts``: open conflicts of these records stay
    (a pulled tombstone met local edits the counsellor must see). ``audit=False``: records
    of a person already forgotten came back (from a server that has not forgotten them yet):
    no second line."""
    session = uow.session
    for entity in reversed(list(ENTITY_SPECS)):  # children before their parents
        table = ENTITY_SPECS[entity].table
        for chunk in _chunks(records.of(entity)):
            session.execute(delete(table).where(table.c.id.in_(chunk)))
    pairs = records.pairs()
    for chunk in _chunks(pairs):
        keys = [(entity, entity_id) for entity, entity_id in chunk]
        session.execute(delete(BASE).where(tuple_(BASE.c.entity, BASE.c.entity_id).in_(keys)))
        session.execute(delete(PARKED).where(tuple_(PARKED.c.entity, PARKED.c.entity_id).in_(keys)))
    for chunk in _chunks(records.all_ids()):
        session.execute(delete(OUTBOX).where(OUTBOX.c.entity_id.in_(chunk)))
        session.execute(delete(AUDIT).where(AUDIT.c.entity_id.in_(chunk)))
        if not keep_conflicts:
            session.execute(delete(CONFLICTS).where(CONFLICTS.c.entity_id.in_(chunk)))
        else:
            session.execute(
                delete(CONFLICTS).where(
                    CONFLICTS.c.entity_id.in_(chunk), CONFLICTS.c.resolved_at.is_not(None)
                )
            )
    if audit:
        uow.audit.record(AuditAction.FILE_PURGED)
    return records.count()
