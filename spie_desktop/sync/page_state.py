"""What this device holds of the records of one entity of a pulled page, read at once: their
rows, merge bases and pending changes, the parents they point to, the twins they may have.
:mod:`.bulk_apply` decides each record's outcome from it and keeps it up to date as it
stores them (a plan superseding one stored just before it, two answers to one question).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spie_desktop.storage.entities import EntitySpec
from spie_desktop.storage.repositories.sync_base import BaseDoc
from spie_desktop.storage.repositories.sync_rows import typed_value

from .apply import REFUSALS, Remote

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

TwinKey = tuple[Any, ...]


def parent_id(value: Any) -> uuid.UUID | None:
    """The id a reference names (ValueError if it names none)."""
    return None if value is None else uuid.UUID(str(value))


def twin_key(spec: EntitySpec, doc: dict[str, Any]) -> TwinKey | None:
    """The values two twins share (the interview and the question of an answer), typed as
    the store compares them; None if the entity has no twins."""
    if spec.twins is None:
        return None
    table = spec.table
    return tuple(typed_value(table.c[name].type, doc.get(name)) for name in spec.twins.key)


@dataclass
class PageState:
    spec: EntitySpec
    #: id -> ``version`` (and the twin key columns) of the rows held here.
    rows: dict[uuid.UUID, dict[str, Any]]
    bases: dict[uuid.UUID, BaseDoc]
    #: Ids with a local change waiting to be pushed.
    pending: set[uuid.UUID]
    #: Parent entity -> the ids held of those the records point to.
    parents: dict[str, set[uuid.UUID]]
    #: Twin key -> ids of the rows holding it.
    twins: dict[TwinKey, set[uuid.UUID]]
    #: Ids already met in the page (met twice: applied alone).
    seen: set[uuid.UUID] = field(default_factory=set)

    @classmethod
    def read(
        cls,
        uow: UnitOfWork,
        spec: EntitySpec,
        records: list[Remote],
        seen: set[uuid.UUID] | None = None,
    ) -> PageState:
        """One query per table involved (per chunk of ids)."""
        ids = list(dict.fromkeys(r.entity_id for r in records))
        twin_columns = spec.twins.key if spec.twins is not None else ()
        docs = uow.documents
        parents: dict[str, set[uuid.UUID]] = {}
        for column, parent in spec.parents:
            named = {ref for r in records if (ref := _reference(r.fields.get(column)))}
            parents.setdefault(parent, set()).update(docs.existing_ids(parent, named))
        twins: dict[TwinKey, set[uuid.UUID]] = {}
        if spec.twins is not None:
            firsts = {key[0] for r in records if (key := _twin_key_or_none(spec, r.fields))}
            for twin, key in docs.twin_rows(spec.name, firsts).items():
                twins.setdefault(key, set()).add(twin)
        return cls(
            spec=spec,
            rows=docs.held(spec.name, ids, twin_columns),
            bases=uow.merge_base.bases_of(spec.name, ids),
            pending=uow.outbox.pending_among(spec.name, ids),
            parents=parents,
            twins=twins,
            seen=set() if seen is None else seen,
        )

    def keep(self, entity_id: uuid.UUID, values: dict[str, Any]) -> None:
        """The row of ``entity_id`` now holds these column values."""
        self.forget(entity_id)
        twins = self.spec.twins
        if twins is not None:
            key = tuple(values[name] for name in twins.key)
            self.twins.setdefault(key, set()).add(entity_id)
            self.rows[entity_id] = {name: values[name] for name in twins.key}
        if self.spec.name in self.parents:
            self.parents[self.spec.name].add(entity_id)

    def forget(self, entity_id: uuid.UUID) -> None:
        """The row of ``entity_id`` is gone (or about to change)."""
        row = self.rows.pop(entity_id, None)
        twins = self.spec.twins
        if twins is not None and row is not None:
            self.twins.get(tuple(row[name] for name in twins.key), set()).discard(entity_id)
        if self.spec.name in self.parents:
            self.parents[self.spec.name].discard(entity_id)


def _reference(value: Any) -> uuid.UUID | None:
    try:
        return parent_id(value)
    except ValueError:
        return None  # such a record goes alone, and is refused there


def _twin_key_or_none(spec: EntitySpec, doc: dict[str, Any]) -> TwinKey | None:
    try:
        return twin_key(spec, doc)
    except REFUSALS:
        return None
