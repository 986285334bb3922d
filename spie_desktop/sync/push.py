"""Push: the outbox, in small gzip batches, until nothing is pending.

A batch is *formed* once and stored (meta ``sync_inflight``) before it is sent, so that every
retry — in this run or the next, after the link or the laptop died — sends the very same
bytes: same ``batch_id``, same ``op_id``s. The server then answers ``duplicate`` for what it
already applied, and nothing is applied twice. Only the answer marks an outbox entry: sent
(applied / duplicate), error (rejected, with the reason) or merged (conflict: the server's
record is merged here and what remains of the local change is journalled anew).

Several pending entries of one record travel as one change (their fields folded in order),
based on the last server version this device knows (``sync_base``): one change per record
per batch, so a conflict can never be followed by a later change that happens to match.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.repositories.base import SENT
from spie_desktop.storage.repositories.outbox import ERROR, OutboxEntry

from .apply import ApplyCounts, Remote, apply_remote
from .errors import CorruptResponse, PayloadTooLarge, RequestRefused
from .pull import retry_parked
from .refusals import restore_refused

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

INFLIGHT_KEY = "sync_inflight"
GROUP_NAMESPACE = uuid.UUID("6c0f3f0e-8f6b-4d1e-9a43-5b1f2a7c9d10")


@dataclass
class Batch:
    batch_id: str
    changes: list[dict[str, Any]]
    groups: list[list[str]]  # outbox op_ids behind each change
    blobs: list[str] = field(default_factory=list)  # sha256 of PDFs to upload first
    blobs_done: list[str] = field(default_factory=list)

    @property
    def payload(self) -> dict[str, Any]:
        return {"batch_id": self.batch_id, "changes": self.changes}

    def to_json(self) -> str:
        return json.dumps(self.__dict__, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Batch:
        return cls(**json.loads(text))


@dataclass
class PushResult:
    pushed: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    conflicts: int = 0
    merged: int = 0  # changes that met a newer server version and were merged here
    kept: dict[str, int] = field(default_factory=dict)  # refused deletions put back, by code


def inflight(uow: UnitOfWork) -> Batch | None:
    text = uow.meta.get(INFLIGHT_KEY)
    return Batch.from_json(text) if text else None


def save_inflight(uow: UnitOfWork, batch: Batch | None) -> None:
    uow.meta.set(INFLIGHT_KEY, batch.to_json() if batch else "")


def form_batch(uow: UnitOfWork, max_changes: int, max_bytes: int) -> Batch | None:
    """The next batch from the pending outbox (stored as in flight), or None if empty."""
    entries = uow.outbox.pending(limit=max_changes * 4)
    grouped: dict[tuple[str, uuid.UUID], list[OutboxEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.entity, entry.entity_id), []).append(entry)
    batch = Batch(batch_id=str(uuid.uuid4()), changes=[], groups=[])
    size = 0
    for (entity, entity_id), group in grouped.items():
        if len(batch.changes) >= max_changes or (batch.changes and size >= max_bytes):
            break
        change = _change_of(uow, entity, entity_id, group)
        if change is None:  # deleting what the server never had: nothing to send
            uow.outbox.set_status([e.op_id for e in group], SENT)
            continue
        size += len(json.dumps(change, separators=(",", ":")))
        batch.changes.append(change)
        batch.groups.append([str(e.op_id) for e in group])
        blob = ENTITY_SPECS[entity].blob if entity in ENTITY_SPECS else None
        if blob is not None and not change["deleted"]:
            batch.blobs.append(str(change["fields"][blob.hash_field]))
    if not batch.changes:
        return None
    save_inflight(uow, batch)
    return batch


def _change_of(
    uow: UnitOfWork, entity: str, entity_id: uuid.UUID, group: list[OutboxEntry]
) -> dict[str, Any] | None:
    base = uow.merge_base.base(entity, entity_id)
    deleted = group[-1].op == "delete"
    if deleted and (base is None or base.deleted):
        return None
    fields: dict[str, Any] = {}
    if not deleted:
        for entry in group:
            fields.update(entry.fields)
        if base is None or base.deleted:  # a creation (or re-creation) carries everything
            fields = {**fields, **(uow.documents.local_doc(entity, entity_id) or {})}
    base_version = None if base is None else base.version
    if len(group) == 1:
        op_id = str(group[0].op_id)
    else:
        op_id = str(uuid.uuid5(GROUP_NAMESPACE, ",".join(str(e.op_id) for e in group)))
    return {
        "op_id": op_id,
        "entity": entity,
        "entity_id": str(entity_id),
        "base_version": base_version,
        "version": (base_version or 0) + 1,
        "fields": fields,
        "hlc": group[-1].hlc,
        "deleted": deleted,
    }


def split_inflight(uow: UnitOfWork, batch: Batch, error: Exception) -> int:
    """The server refused the whole batch (413, or 422 for one bad change): forget it — the
    server wrote nothing — so that smaller batches are formed. A single change that is
    refused alone is marked in error. Returns the batch size to use next."""
    save_inflight(uow, None)
    if len(batch.changes) > 1:
        return max(1, len(batch.changes) // 2)
    reason = "too_large" if isinstance(error, PayloadTooLarge) else "refused"
    if isinstance(error, RequestRefused):
        reason = error.code
    uow.outbox.set_status([uuid.UUID(i) for i in batch.groups[0]], ERROR, f"{reason}: {error}")
    return 1


def apply_answer(
    uow: UnitOfWork, batch: Batch, answer: dict[str, Any], counts: ApplyCounts
) -> PushResult:
    """Record the server's verdict on each change, in the caller's transaction."""
    outcome = PushResult()
    results = answer.get("results") if isinstance(answer, dict) else None
    if not isinstance(results, list) or len(results) != len(batch.changes):
        raise CorruptResponse("the push answer does not list every change")
    outbox = uow.outbox
    for change, op_ids, result in zip(batch.changes, batch.groups, results, strict=True):
        entries = [uuid.UUID(i) for i in op_ids]
        entity = change["entity"]
        status = result.get("status")
        if status == "duplicate":
            status = result.get("previous") or "applied"
        if status == "applied":
            _note_applied(uow, change, int(result["version"]))
            outbox.set_status(entries, SENT)
            outcome.pushed[entity] = outcome.pushed.get(entity, 0) + 1
        elif status == "rejected":
            reason = result.get("reason") or {}
            text = f"{reason.get('code', 'rejected')}: {reason.get('message', '')}"[:500]
            outbox.set_status(entries, ERROR, text)
            outcome.rejected += 1
            code = restore_refused(uow, change, result, counts)
            if code is not None:
                outcome.kept[code] = outcome.kept.get(code, 0) + 1
        elif status == "conflict" and result.get("current"):
            before = counts.conflicts
            apply_remote(uow, Remote.of(result["current"]), counts=counts, force=True)
            outcome.conflicts += counts.conflicts - before
            outcome.merged += 1
        # else: a conflict without the server's record: left pending for the next run
    if outcome.kept:  # a record put back may be the parent another one waits for
        retry_parked(uow, {}, counts)
    save_inflight(uow, None)
    return outcome


def _note_applied(uow: UnitOfWork, change: dict[str, Any], version: int) -> None:
    entity, entity_id = change["entity"], uuid.UUID(change["entity_id"])
    base = uow.merge_base.base(entity, entity_id)
    if base is not None and base.version >= version:
        return
    if change["deleted"]:
        uow.merge_base.set_base(entity, entity_id, version, {}, True)
        return
    doc = dict(base.doc) if base is not None and not base.deleted else {}
    doc.update(change["fields"])
    uow.merge_base.set_base(entity, entity_id, version, doc, False)


def pending_count(uow: UnitOfWork) -> int:
    return uow.outbox.count_pending()


PushSteps = Generator[object, None, PushResult]
