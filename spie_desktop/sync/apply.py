"""Storing one record from the server, merging it with local changes when there are some.

Used by the pull (each record of a page) and by the push (the server's record that came back
with a ``conflict``). All writes go through ``uow.sync``: the remote state is never journalled;
what is left of local work after a merge is journalled as one new change, pushed next.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from spie_desktop.storage.repositories.sync_apply import MERGED

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
    sync = uow.sync
    counts = counts or ApplyCounts()
    sync.observe(remote.hlc)  # our next stamps sort after what we have seen
    base = sync.base(remote.entity, remote.entity_id)
    if base is not None and base.version >= remote.version and not force:
        return Outcome.SKIPPED
    pending = sync.pending_ids_for(remote.entity, remote.entity_id)
    local = sync.local_doc(remote.entity, remote.entity_id)
    if not pending:
        return _overwrite(uow, remote, local, arriving or set(), pdf, counts)
    base_doc = None if base is None or base.deleted else base.doc
    result = merge(remote.entity, base_doc or {}, local, None if remote.deleted else remote.fields)
    sync.set_status(pending, MERGED)
    _store_merge(uow, remote, result, pdf, counts)
    sync.set_base(remote.entity, remote.entity_id, remote.version, remote.fields, remote.deleted)
    return Outcome.MERGED


def _overwrite(
    uow: UnitOfWork,
    remote: Remote,
    local: dict[str, Any] | None,
    arriving: set[tuple[str, str]],
    pdf: bytes | None,
    counts: ApplyCounts,
) -> Outcome:
    sync = uow.sync
    if remote.deleted:
        if local is not None:
            sync.delete_local(remote.entity, remote.entity_id)
        sync.set_base(remote.entity, remote.entity_id, remote.version, {}, True)
        sync.unpark(remote.entity, remote.entity_id)
        return Outcome.APPLIED
    extra: dict[str, Any] | None = None
    if remote.entity == "plan_pdfs" and local is None:
        if pdf is None:
            return _park(uow, remote, "blob")
        extra = {"pdf": pdf}
    if local is None and sync.missing_parent(remote.entity, remote.fields, arriving):
        return _park(uow, remote, "parent")
    if remote.entity == "answers" and not _settle_answer_twin(uow, remote, counts):
        sync.set_base(remote.entity, remote.entity_id, remote.version, remote.fields, False)
        return Outcome.APPLIED  # a duplicate answer that loses: its deletion is journalled
    sync.store_doc(
        remote.entity,
        remote.entity_id,
        remote.fields,
        hlc=remote.hlc,
        min_version=remote.version,
        extra=extra,
    )
    sync.set_base(remote.entity, remote.entity_id, remote.version, remote.fields, False)
    sync.unpark(remote.entity, remote.entity_id)
    return Outcome.APPLIED


def _park(uow: UnitOfWork, remote: Remote, reason: str) -> Outcome:
    uow.sync.park(remote.entity, remote.entity_id, remote.as_dict(), reason)
    return Outcome.PARKED


def _store_merge(
    uow: UnitOfWork, remote: Remote, result: MergeResult, pdf: bytes | None, counts: ApplyCounts
) -> None:
    sync = uow.sync
    entity, entity_id = remote.entity, remote.entity_id
    for conflict in result.conflicts:
        sync.add_conflict(
            entity, entity_id, conflict.field, conflict.local, conflict.server, remote.version
        )
        counts.conflicts += 1
    if result.doc is None:
        sync.delete_local(entity, entity_id)
        if result.to_push.get(DELETED_FIELD):
            sync.journal(
                entity,
                entity_id,
                {},
                version=remote.version + 1,
                base_version=remote.version,
                deleted=True,
            )
        return
    extra = {"pdf": pdf} if pdf is not None else None
    version = sync.store_doc(
        entity, entity_id, result.doc, hlc=remote.hlc, min_version=remote.version, extra=extra
    )
    if result.to_push:
        fields = dict(result.doc) if result.resurrect else result.to_push
        sync.journal(entity, entity_id, fields, version=version, base_version=remote.version)
    if result.sibling is not None:
        _add_sibling(uow, entity_id, result.sibling)


def _add_sibling(uow: UnitOfWork, plan_id: uuid.UUID, draft: dict[str, Any]) -> None:
    """A concurrent edit of a signed plan: kept as a new draft plan (a normal local change)."""
    sibling_id = uuid.uuid4()
    draft = {**draft, "supersedes_id": str(plan_id)}
    sync = uow.sync
    version = sync.store_doc("plans", sibling_id, draft, hlc=sync.stamp(), min_version=1)
    stored = sync.local_doc("plans", sibling_id) or draft
    sync.journal("plans", sibling_id, stored, version=version, base_version=None)


def _settle_answer_twin(uow: UnitOfWork, remote: Remote, counts: ApplyCounts) -> bool:
    """Two devices answered the same question of the same interview as two records. The one
    with the smaller id is kept everywhere (whatever the order they arrive in); the other's
    value waits as a conflict on the kept one, and the other record is deleted on the server.
    Returns True when ``remote`` is the one to store."""
    sync = uow.sync
    twin = sync.answer_twin(
        str(remote.fields.get("interview_id")), str(remote.fields.get("key")), remote.entity_id
    )
    if twin is None:
        return True
    twin_doc = sync.local_doc("answers", twin) or {}
    keep_remote = str(remote.entity_id) < str(twin)
    winner = remote.entity_id if keep_remote else twin
    if twin_doc.get("value") != remote.fields.get("value"):
        sync.add_conflict(
            "answers",
            winner,
            "value",
            twin_doc.get("value"),
            remote.fields.get("value"),
            remote.version,
        )
        counts.conflicts += 1
    if keep_remote:
        sync.set_status(sync.pending_ids_for("answers", twin), MERGED)
        sync.delete_local("answers", twin)
        twin_base = sync.base("answers", twin)
        if twin_base is not None and not twin_base.deleted:
            _journal_deletion(uow, twin, twin_base.version)
    else:
        _journal_deletion(uow, remote.entity_id, remote.version)
    return keep_remote


def _journal_deletion(uow: UnitOfWork, entity_id: uuid.UUID, server_version: int) -> None:
    uow.sync.journal(
        "answers",
        entity_id,
        {},
        version=server_version + 1,
        base_version=server_version,
        deleted=True,
    )
