"""What the retention rule reads of every file: its follow-up events and the last moment any
of its records was written.

Records are tied to their person through the registry (owner column or foreign key, down the
chain: an answer through its interview), so an entity added later counts as activity too.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.retention import FileActivity

from .entities import ENTITY_SPECS
from .models import FollowUpEventRow, table_of
from .purge import PERSON_ENTITY, references

if TYPE_CHECKING:
    from .unit_of_work import UnitOfWork

EVENTS = table_of(FollowUpEventRow)


def file_activities(uow: UnitOfWork) -> list[FileActivity]:
    """One entry per person held on this device, ordered by id."""
    owner_of: dict[str, dict[Any, uuid.UUID]] = {}
    last: dict[uuid.UUID, datetime] = {}
    refs = references()
    for entity, spec in ENTITY_SPECS.items():
        table = spec.table
        if entity == PERSON_ENTITY:
            owner_of[entity] = {}
            for row in uow.session.execute(select(table.c.id, table.c.updated_at)):
                person_id: uuid.UUID = row[0]
                owner_of[entity][person_id] = person_id
                _later(last, person_id, row[1])
            continue
        columns = [(c, t) for c, t in refs.get(entity, []) if t in owner_of]
        if not columns:
            continue
        selected = [table.c.id, table.c.updated_at, *(table.c[c] for c, _ in columns)]
        mapping: dict[Any, uuid.UUID] = {}
        for row in uow.session.execute(select(*selected)):
            record_id, written, named = row[0], row[1], row[2:]
            for (_, target), value in zip(columns, named, strict=True):
                person = owner_of[target].get(value) if value is not None else None
                if person is not None:
                    mapping[record_id] = person
                    _later(last, person, written)
                    break
        owner_of[entity] = mapping
    events: dict[uuid.UUID, list[tuple[FollowUpKind, datetime]]] = {}
    c = EVENTS.c
    for row in uow.session.execute(select(c.person_id, c.kind, c.occurred_at)):
        owner: uuid.UUID = row[0]
        occurred: datetime = row[2]
        try:
            events.setdefault(owner, []).append((FollowUpKind(str(row[1])), occurred))
        except ValueError:  # a kind a newer version wrote: still activity
            _later(last, owner, occurred)
    return [
        FileActivity(person_id, tuple(events.get(person_id, ())), last.get(person_id))
        for person_id in sorted(owner_of[PERSON_ENTITY], key=str)
    ]


def _later(last: dict[uuid.UUID, datetime], person: uuid.UUID, written: datetime | None) -> None:
    if written is None:
        return
    held = last.get(person)
    if held is None or written > held:
        last[person] = written
