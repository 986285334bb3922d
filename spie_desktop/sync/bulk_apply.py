"""Applying a pulled page in bulk: a few statements per entity of the page, not a dozen per
record.

For each entity of the page (in the order given: parents first), what this device holds of
the page's records is read at once (rows, merge bases, pending changes, parents, twins:
:mod:`.page_state`), each record's outcome is decided in memory by the rules of
:mod:`.apply`, and the writes go out as one statement per kind: rows inserted, overwritten
or deleted (in runs that keep the page's order), merge bases, records parked and unparked.
Records are read back as the application reads them once per aggregate, not once per part.

A record that needs more than a plain store (local changes to merge, a twin to settle, a
tombstone, a record seen twice in the page, a value the in-memory rules cannot read) goes
alone through :func:`.apply.apply_guarded`, in its place, after everything before it is
written. If the store refuses a bulk statement or a record does not read back, the page's
work is rolled back and the page is applied record by record (:func:`apply_one_by_one`),
which parks exactly the record at fault: both ways give the same store.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.records import utc_now
from spie_desktop.storage.entities import ENTITY_SPECS, EntitySpec, spec_of
from spie_desktop.storage.repositories.sync_inbox import BLOB, PARENT
from spie_desktop.storage.repositories.sync_rows import row_values

from .apply import REFUSALS, ApplyCounts, Outcome, Remote, apply_guarded
from .page_state import PageState, parent_id, twin_key
from .tombstones import forget_purged, is_tombstone, settle_local_tombstones

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

INSERT, UPDATE, DELETE = "insert", "update", "delete"


def apply_page(
    uow: UnitOfWork,
    records: list[Remote],
    pdfs: dict[str, bytes],
    counts: ApplyCounts,
    only: set[str] | None = None,
) -> dict[str, int]:
    """Apply a page's records (in storage order) in bulk; returns how many were stored per
    entity. ``only`` (integrity repair): these entities only, and a record the server holds
    at a version this device claims but whose row is missing is stored again."""
    chosen = [r for r in records if only is None or r.entity in only]
    saved = counts.copy()
    try:
        with uow.session.begin_nested():
            return _Page(uow, pdfs, counts, only).apply(chosen)
    except REFUSALS:  # a record at fault: record by record parks it, and only it
        counts.restore(saved)
        return apply_one_by_one(uow, chosen, pdfs, counts, only)


def apply_one_by_one(
    uow: UnitOfWork,
    records: list[Remote],
    pdfs: dict[str, bytes],
    counts: ApplyCounts,
    only: set[str] | None = None,
) -> dict[str, int]:
    """The same as :func:`apply_page`, one record at a time, each in its own savepoint."""
    stored: dict[str, int] = {}
    for remote in records:
        if only is None or remote.entity in only:
            _apply_alone(uow, remote, pdfs, counts, only, stored)
    return stored


def _apply_alone(
    uow: UnitOfWork,
    remote: Remote,
    pdfs: dict[str, bytes],
    counts: ApplyCounts,
    only: set[str] | None,
    stored: dict[str, int],
) -> None:
    force = only is not None and _missing_here(uow, remote)
    outcome = apply_guarded(uow, remote, pdf_of(remote, pdfs), counts, force)
    if outcome in (Outcome.APPLIED, Outcome.MERGED):
        stored[remote.entity] = stored.get(remote.entity, 0) + 1
        if is_tombstone(remote):  # the person goes now, after what came before
            settle_local_tombstones(uow, remote)
            forget_purged(uow, remote, counts)


def pdf_of(remote: Remote, pdfs: dict[str, bytes]) -> bytes | None:
    """The downloaded blob a record carries (a signed plan's PDF), if any."""
    spec = ENTITY_SPECS.get(remote.entity)
    if spec is None or spec.blob is None:
        return None
    digest = remote.fields.get(spec.blob.hash_field)
    return pdfs.get(digest) if isinstance(digest, str) else None


def _missing_here(uow: UnitOfWork, remote: Remote) -> bool:
    if remote.deleted or not uow.documents.knows(remote.entity):
        return False
    return uow.documents.local_doc(remote.entity, remote.entity_id) is None


@dataclass
class _Writes:
    """Writes waiting to go out. Rows go in runs of one kind, written when the next record
    needs another kind, so the store sees them in the page's order (a plan superseding one
    deleted before it, ...); the rest has no order among itself."""

    uow: UnitOfWork
    entity: str = ""
    kind: str = ""
    rows: list[dict[str, Any]] = field(default_factory=list)
    bases: list[tuple[uuid.UUID, int, dict[str, Any], bool]] = field(default_factory=list)
    parked: list[tuple[uuid.UUID, dict[str, Any], str]] = field(default_factory=list)
    unparked: list[uuid.UUID] = field(default_factory=list)

    def row(self, kind: str, row: dict[str, Any]) -> None:
        if kind != self.kind:
            self._flush_rows()
            self.kind = kind
        self.rows.append(row)

    def flush(self) -> None:
        self._flush_rows()
        uow, entity = self.uow, self.entity
        uow.merge_base.set_bases(entity, self.bases)
        uow.inbox.park_many(entity, self.parked)
        uow.inbox.unpark_many(entity, self.unparked)
        self.bases, self.parked, self.unparked = [], [], []

    def _flush_rows(self) -> None:
        docs, rows = self.uow.documents, self.rows
        if self.kind == INSERT:
            docs.insert_rows(self.entity, rows)
        elif self.kind == UPDATE:
            docs.update_rows(self.entity, rows)
        elif self.kind == DELETE:
            docs.delete_many(self.entity, [row["id"] for row in rows])
        self.kind, self.rows = "", []


class _Page:
    """One page being applied: its writes, its read-backs and what it stored."""

    def __init__(
        self,
        uow: UnitOfWork,
        pdfs: dict[str, bytes],
        counts: ApplyCounts,
        only: set[str] | None,
    ) -> None:
        self.uow, self.pdfs, self.counts, self.only = uow, pdfs, counts, only
        self.stored: dict[str, int] = {}
        self.writes = _Writes(uow)
        self.to_read: dict[tuple[str, uuid.UUID], None] = {}  # (entity, id), page order

    def apply(self, records: list[Remote]) -> dict[str, int]:
        start = 0
        while start < len(records):
            end = start
            while end < len(records) and records[end].entity == records[start].entity:
                end += 1
            self._apply_entity(records[start:end])
            start = end
        self._read_back()
        return self.stored

    def _apply_entity(self, records: list[Remote]) -> None:
        entity = records[0].entity
        if not self.uow.documents.knows(entity):
            for remote in records:
                self._alone(remote)
            return
        spec = spec_of(entity)
        self.writes.entity = entity
        state = PageState.read(self.uow, spec, records)
        for index, remote in enumerate(records):
            if not self._decide(spec, state, remote):
                self._alone(remote)
                state = PageState.read(self.uow, spec, records[index + 1 :], state.seen)
        self.writes.flush()

    def _alone(self, remote: Remote) -> None:
        """A record that needs the whole rules: written after everything before it."""
        self.writes.flush()
        self._read_back()
        _apply_alone(self.uow, remote, self.pdfs, self.counts, self.only, self.stored)

    def _decide(self, spec: EntitySpec, state: PageState, remote: Remote) -> bool:
        """Apply ``remote`` by the rules of :func:`.apply.apply_remote` when they need
        nothing but ``state``; False when it must go alone."""
        entity_id = remote.entity_id
        if entity_id in state.seen or is_tombstone(remote):
            return False
        state.seen.add(entity_id)
        held = state.rows.get(entity_id)
        force = self.only is not None and not remote.deleted and held is None
        base = state.bases.get(entity_id)
        if base is not None and base.version >= remote.version and not force:
            self.uow.documents.observe(remote.hlc)
            return True  # skipped: already held (an echo of our own change)
        if entity_id in state.pending:
            return False  # local changes to merge
        if remote.deleted:
            self.uow.documents.observe(remote.hlc)
            if held is not None:
                self.writes.row(DELETE, {"id": entity_id})
                state.forget(entity_id)
            self._stored(remote, {})
            return True
        return self._store(spec, state, remote, held)

    def _store(
        self, spec: EntitySpec, state: PageState, remote: Remote, held: dict[str, Any] | None
    ) -> bool:
        entity_id, parked = remote.entity_id, self.writes.parked
        extra: dict[str, Any] = {}
        if spec.blob is not None and held is None:
            pdf = pdf_of(remote, self.pdfs)
            if pdf is None:
                self.uow.documents.observe(remote.hlc)
                parked.append((entity_id, remote.as_dict(), BLOB))
                return True
            extra = {spec.blob.column: pdf}
        try:
            missing = held is None and self._missing_parent(spec, state, remote)
            key = twin_key(spec, remote.fields)
            values = row_values(spec.name, remote.fields, utc_now())
        except REFUSALS:
            return False  # alone, the record is refused (parked) as it would be
        if not missing and key is not None and state.twins.get(key, set()) - {entity_id}:
            return False  # a twin to settle
        self.uow.documents.observe(remote.hlc)
        if missing:
            parked.append((entity_id, remote.as_dict(), PARENT))
            return True
        row = {"id": entity_id, "hlc": remote.hlc, **values, **extra}
        if held is None:
            row["version"] = max(remote.version, 1)
            self.writes.row(INSERT, row)
        else:
            row["version"] = max(remote.version, int(held["version"]) + 1)
            self.writes.row(UPDATE, row)
        state.keep(entity_id, values)
        self._stored(remote, remote.fields)
        self.to_read[(spec.name, entity_id)] = None
        return True

    def _missing_parent(self, spec: EntitySpec, state: PageState, remote: Remote) -> bool:
        for column, parent in spec.parents:
            value = parent_id(remote.fields.get(column))
            if value is not None and value not in state.parents.get(parent, set()):
                return True
        return False

    def _stored(self, remote: Remote, doc: dict[str, Any]) -> None:
        writes = self.writes
        writes.bases.append((remote.entity_id, remote.version, doc, remote.deleted))
        writes.unparked.append(remote.entity_id)
        self.stored[remote.entity] = self.stored.get(remote.entity, 0) + 1

    def _read_back(self) -> None:
        """Read the stored records as the application will, each aggregate once: raises
        (and the page is applied record by record) if one does not fit the domain."""
        by_entity: dict[str, list[uuid.UUID]] = {}
        for entity, entity_id in self.to_read:
            by_entity.setdefault(entity, []).append(entity_id)
        self.to_read = {}
        readers: dict[str, dict[uuid.UUID, None]] = {}
        for entity, ids in by_entity.items():
            for reader, entity_id in _read_targets(self.uow, spec_of(entity), ids):
                readers.setdefault(reader, {})[entity_id] = None
        for reader, read_ids in readers.items():
            read_many: Callable[[list[uuid.UUID]], object] = getattr(self.uow, reader).get_many
            read_many(list(read_ids))


def _read_targets(
    uow: UnitOfWork, spec: EntitySpec, ids: list[uuid.UUID]
) -> list[tuple[str, uuid.UUID]]:
    """(reader, id) that :func:`.apply.read_back` reads for each of these records."""
    rows = uow.documents.held(spec.name, ids, _owner_column(spec))
    current = [i for i in ids if i in rows]  # a record gone since reads nothing
    while spec.read_via_owner:
        owner, owner_entity = spec.owner, spec.owner_entity
        if owner is None or owner_entity is None:
            return []
        owners = [rows[i][owner] for i in current if rows[i][owner] is not None]
        spec, current = spec_of(owner_entity), list(dict.fromkeys(owners))
        if spec.read_via_owner:
            rows = uow.documents.held(spec.name, current, _owner_column(spec))
            current = [i for i in current if i in rows]
    if spec.reader is None:
        return []
    return [(spec.reader, i) for i in current]


def _owner_column(spec: EntitySpec) -> list[str]:
    return [spec.owner] if spec.read_via_owner and spec.owner is not None else []
