"""Storing one record from the server, merging it with local changes when there are some.

Used by the pull (each record of a page) and by the push (the server's record that came back
with a ``conflict``). Records are stored through ``uow.documents`` and are never journalled;
what is left of local work after a merge is journalled (``uow.outbox``) as one new change,
pushed next. What an entity needs beyond that (a blob, twins, a signed state) is read from its
spec (:mod:`spie_desktop.storage.entities`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from spie_desktop.domain.errors import SpieError
from spie_desktop.storage.entities import spec_of
from spie_desktop.storage.repositories.outbox import MERGED
from spie_desktop.storage.repositories.sync_inbox import BLOB, PARENT, REFUSED, UNKNOWN_ENTITY

from .merge import DELETED_FIELD, MergeResult, merge

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork


class Outcome(StrEnum):
    APPLIED = "applied"
    MERGED = "merged"  # local changes were folded in (maybe with conflicts)
    SKIPPED = "skipped"  # already held (an echo of our own change)
    PARKED = "parked"  # waits for a parent record or its PDF


@dataclass(frozen=True)
class Remote:
    """A record as the server holds it (a pull item, or ``current`` of a conflict)."""

    entity: str
    entity_id: uuid.UUID
    version: int
    fields: dict[str, Any]
    hlc: str
    deleted: bool
    origin_device: str | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Remote:
        return cls(
            entity=str(data["entity"]),
            entity_id=uuid.UUID(str(data["entity_id"])),
            version=int(data["version"]),
            fields=dict(data.get("fields") or {}),
            hlc=str(data.get("hlc") or ""),
            deleted=bool(data.get("deleted", False)),
            origin_device=None if data.get("origin_device") is None else str(data["origin_device"]),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "entity_id": str(self.entity_id),
            "version": self.version,
            "fields": self.fields,
            "hlc": self.hlc,
            "deleted": self.deleted,
            "origin_device": self.origin_device,
        }


@dataclass
class ApplyCounts:
    conflicts: int = 0
    #: Ids of the records forgotten on a pulled tombstone (their traces are scrubbed after).
    forgotten: set[uuid.UUID] = field(default_factory=set)

    def copy(self) -> ApplyCounts:
        return ApplyCounts(self.conflicts, set(self.forgotten))

    def restore(self, saved: ApplyCounts) -> None:
        self.conflicts, self.forgotten = saved.conflicts, set(saved.forgotten)


#: What a record the store refuses raises (a reference to a record this device does not
#: hold, a value of the wrong shape): the record is parked, not lost.
REFUSALS = (SQLAlchemyError, ValueError, TypeError, KeyError, ArithmeticError, SpieError)


def apply_guarded(
    uow: UnitOfWork, remote: Remote, pdf: bytes | None, counts: ApplyCounts, force: bool
) -> Outcome:
    """Apply one record in a savepoint: a record the store refuses (a reference to a record
    this device does not hold, a value of the wrong shape, an entity it does not know) is
    parked, not lost, and does not stop the page."""
    if not uow.documents.knows(remote.entity):
        if remote.deleted:
            uow.inbox.unpark(remote.entity, remote.entity_id)
            return Outcome.SKIPPED
        uow.inbox.park(remote.entity, remote.entity_id, remote.as_dict(), UNKNOWN_ENTITY)
        return Outcome.PARKED
    try:
        with uow.session.begin_nested():
            outcome = apply_remote(uow, remote, pdf=pdf, counts=counts, force=force)
            if outcome in (Outcome.APPLIED, Outcome.MERGED) and not remote.deleted:
                read_back(uow, remote.entity, remote.entity_id)
            return outcome
    except REFUSALS:
        uow.inbox.park(remote.entity, remote.entity_id, remote.as_dict(), REFUSED)
        return Outcome.PARKED


def read_back(uow: UnitOfWork, entity: str, entity_id: uuid.UUID) -> None:
    """Read a stored record as the application will (through its owner's aggregate, for the
    parts of a plan): raises if a value does not fit the domain (an unknown status...)."""
    spec = spec_of(entity)
    doc = uow.documents.local_doc(entity, entity_id)
    if doc is None:
        return
    while spec.read_via_owner:
        owner, owner_entity = spec.owner, spec.owner_entity
        if owner is None or owner_entity is None or not doc.get(owner):
            return
        spec, entity_id = spec_of(owner_entity), uuid.UUID(str(doc[owner]))
        if spec.read_via_owner:
            doc = uow.documents.local_doc(spec.name, entity_id) or {}
    if spec.reader is not None:
        reader: Callable[[uuid.UUID], object] = getattr(uow, spec.reader).get
        reader(entity_id)


def apply_remote(
    uow: UnitOfWork,
    remote: Remote,
    *,
    arriving: set[tuple[str, str]] | None = None,
    pdf: bytes | None = None,
    counts: ApplyCounts | None = None,
    force: bool = False,
) -> Outcome:
    """Store ``remote`` locally, merging with pending local changes. ``force``: the server
    says this is its current state even if our base claims as much (conflict answers)."""
    counts = counts or ApplyCounts()
    uow.documents.observe(remote.hlc)  # our next stamps sort after what we have seen
    base = uow.merge_base.base(remote.entity, remote.entity_id)
    if base is not None and base.version >= remote.version and not force:
        return Outcome.SKIPPED
    pending = uow.outbox.pending_ids_for(remote.entity, remote.entity_id)
    local = uow.documents.local_doc(remote.entity, remote.entity_id)
    if not pending:
        return _overwrite(uow, remote, local, arriving or set(), pdf, counts)
    base_doc = None if base is None or base.deleted else base.doc
    result = merge(remote.entity, base_doc or {}, local, None if remote.deleted else remote.fields)
    uow.outbox.set_status(pending, MERGED)
    _store_merge(uow, remote, result, pdf, counts)
    uow.merge_base.set_base(
        remote.entity, remote.entity_id, remote.version, remote.fields, remote.deleted
    )
    return Outcome.MERGED


def _overwrite(
    uow: UnitOfWork,
    remote: Remote,
    local: dict[str, Any] | None,
    arriving: set[tuple[str, str]],
    pdf: bytes | None,
    counts: ApplyCounts,
) -> Outcome:
    docs, bases = uow.documents, uow.merge_base
    spec = spec_of(remote.entity)
    if remote.deleted:
        if local is not None:
            docs.delete_local(remote.entity, remote.entity_id)
        bases.set_base(remote.entity, remote.entity_id, remote.version, {}, True)
        uow.inbox.unpark(remote.entity, remote.entity_id)
        return Outcome.APPLIED
    extra: dict[str, Any] | None = None
    if spec.blob is not None and local is None:
        if pdf is None:
            return _park(uow, remote, BLOB)
        extra = {spec.blob.column: pdf}
    if local is None and docs.missing_parent(remote.entity, remote.fields, arriving):
        return _park(uow, remote, PARENT)
    if spec.twins is not None and not _settle_twin(uow, remote, counts):
        bases.set_base(remote.entity, remote.entity_id, remote.version, remote.fields, False)
        return Outcome.APPLIED  # a duplicate record that loses: its deletion is journalled
    docs.store_doc(
        remote.entity,
        remote.entity_id,
        remote.fields,
        hlc=remote.hlc,
        min_version=remote.version,
        extra=extra,
    )
    bases.set_base(remote.entity, remote.entity_id, remote.version, remote.fields, False)
    uow.inbox.unpark(remote.entity, remote.entity_id)
    return Outcome.APPLIED


def _park(uow: UnitOfWork, remote: Remote, reason: str) -> Outcome:
    uow.inbox.park(remote.entity, remote.entity_id, remote.as_dict(), reason)
    return Outcome.PARKED


def _store_merge(
    uow: UnitOfWork, remote: Remote, result: MergeResult, pdf: bytes | None, counts: ApplyCounts
) -> None:
    entity, entity_id = remote.entity, remote.entity_id
    for conflict in result.conflicts:
        uow.inbox.add_conflict(
            entity, entity_id, conflict.field, conflict.local, conflict.server, remote.version
        )
        counts.conflicts += 1
    if result.doc is None:
        uow.documents.delete_local(entity, entity_id)
        if result.to_push.get(DELETED_FIELD):
            uow.outbox.journal(
                entity,
                entity_id,
                {},
                version=remote.version + 1,
                base_version=remote.version,
                deleted=True,
            )
        return
    blob = spec_of(entity).blob
    extra = {blob.column: pdf} if blob is not None and pdf is not None else None
    version = uow.documents.store_doc(
        entity, entity_id, result.doc, hlc=remote.hlc, min_version=remote.version, extra=extra
    )
    if result.to_push:
        fields = dict(result.doc) if result.resurrect else result.to_push
        uow.outbox.journal(entity, entity_id, fields, version=version, base_version=remote.version)
    if result.sibling is not None:
        _add_sibling(uow, entity, entity_id, result.sibling)


def _add_sibling(uow: UnitOfWork, entity: str, signed_id: uuid.UUID, draft: dict[str, Any]) -> None:
    """A concurrent edit of a signed plan: kept as a new draft plan (a normal local change)."""
    sibling_id = uuid.uuid4()
    draft = {**draft, "supersedes_id": str(signed_id)}
    docs = uow.documents
    version = docs.store_doc(entity, sibling_id, draft, hlc=docs.stamp(), min_version=1)
    stored = docs.local_doc(entity, sibling_id) or draft
    uow.outbox.journal(entity, sibling_id, stored, version=version, base_version=None)


def _settle_twin(uow: UnitOfWork, remote: Remote, counts: ApplyCounts) -> bool:
    """Two devices made the same record twice (answered the same question of the same
    interview as two records). The one with the smaller id is kept everywhere (whatever the
    order they arrive in); the other's value waits as a conflict on the kept one, and the other
    record is deleted on the server. Returns True when ``remote`` is the one to store."""
    entity, docs = remote.entity, uow.documents
    twins = spec_of(entity).twins
    assert twins is not None
    twin = docs.twin(entity, remote.fields, remote.entity_id)
    if twin is None:
        return True
    twin_doc = docs.local_doc(entity, twin) or {}
    keep_remote = str(remote.entity_id) < str(twin)
    winner = remote.entity_id if keep_remote else twin
    if twin_doc.get(twins.value) != remote.fields.get(twins.value):
        uow.inbox.add_conflict(
            entity,
            winner,
            twins.value,
            twin_doc.get(twins.value),
            remote.fields.get(twins.value),
            remote.version,
        )
        counts.conflicts += 1
    if keep_remote:
        uow.outbox.set_status(uow.outbox.pending_ids_for(entity, twin), MERGED)
        docs.delete_local(entity, twin)
        twin_base = uow.merge_base.base(entity, twin)
        if twin_base is not None and not twin_base.deleted:
            _journal_deletion(uow, entity, twin, twin_base.version)
    else:
        _journal_deletion(uow, entity, remote.entity_id, remote.version)
    return keep_remote


def _journal_deletion(
    uow: UnitOfWork, entity: str, entity_id: uuid.UUID, server_version: int
) -> None:
    uow.outbox.journal(
        entity,
        entity_id,
        {},
        version=server_version + 1,
        base_version=server_version,
        deleted=True,
    )
