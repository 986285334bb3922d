"""Push: the outbox, in small gzip batches, until nothing is pending.

A batch is *formed* once and stored before it is sent: meta ``sync_inflight`` holds the
serialised :class:`~spie_protocol.messages.PushBatch`, the very bytes every retry sends — in
this run or the next, after the link or the laptop died — and ``sync_inflight_groups`` what
this device needs to read the answer (the outbox entries behind each change, the PDFs to
upload first). The server then answers ``duplicate`` for what it already applied, and nothing
is applied twice. A batch stored by an older version (one JSON object holding both) is read
and stored again in this form; one that cannot be read is dropped and formed again from the
outbox, whose entries stay pending until an answer marks them: the re-formed changes keep
their ``op_id``s (an outbox entry's own, or one derived from the entries of a group), so the
server still recognises what it applied. Only the answer marks an outbox entry: sent
(applied / duplicate), error (rejected, with the reason) or merged (conflict: the server's
record is merged here and what remains of the local change is journalled anew).

Several pending entries of one record travel as one change (their fields folded in order),
based on the last server version this device knows (``sync_base``): one change per record
per batch, so a conflict can never be followed by a later change that happens to match.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.repositories.base import SENT
from spie_desktop.storage.repositories.outbox import ERROR, OutboxEntry
from spie_protocol.messages import Change, ChangeResult, PushBatch, PushResponse

from .apply import ApplyCounts, Remote, apply_remote
from .errors import CorruptResponse, PayloadTooLarge, RequestRefused
from .pull import retry_parked
from .refusals import ERASURE_HELD, is_held_erasure, restore_refused

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

INFLIGHT_KEY = "sync_inflight"  # the serialised PushBatch, exactly as sent
GROUPS_KEY = "sync_inflight_groups"  # how to read its answer
GROUP_NAMESPACE = uuid.UUID("6c0f3f0e-8f6b-4d1e-9a43-5b1f2a7c9d10")


@dataclass
class Batch:
    body: bytes  # the serialised PushBatch: every attempt sends these bytes
    message: PushBatch
    groups: list[list[str]]  # outbox op_ids behind each change
    blobs: list[str] = field(default_factory=list)  # sha256 of PDFs to upload first
    blobs_done: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, message: PushBatch, groups: list[list[str]], blobs: list[str]) -> Batch:
        return cls(message.model_dump_json().encode("utf-8"), message, groups, blobs)

    @property
    def changes(self) -> list[Change]:
        return self.message.changes

    def bookkeeping(self) -> str:
        book = {"groups": self.groups, "blobs": self.blobs, "blobs_done": self.blobs_done}
        return json.dumps(book, separators=(",", ":"))


@dataclass
class PushResult:
    pushed: dict[str, int] = field(default_factory=dict)
    rejected: int = 0
    conflicts: int = 0
    merged: int = 0  # changes that met a newer server version and were merged here
    kept: dict[str, int] = field(default_factory=dict)  # refused deletions put back, by code


def inflight(uow: UnitOfWork) -> Batch | None:
    """The batch formed and not yet answered, if any (in a writing unit of work: a batch in
    an older format is stored again, an unreadable one dropped)."""
    text = uow.meta.get(INFLIGHT_KEY)
    if not text:
        return None
    try:
        book = uow.meta.get(GROUPS_KEY)
        batch = _stored(text, book) if book else _legacy(text)
    except (ValueError, KeyError, TypeError, ValidationError):
        batch = None
    if batch is None:
        log.warning("unreadable in-flight batch dropped: formed again from the outbox")
        save_inflight(uow, None)
        return None
    if not book:
        save_inflight(uow, batch)
    return batch


def _stored(text: str, book_text: str) -> Batch | None:
    message = PushBatch.model_validate_json(text)
    book = json.loads(book_text)
    groups = [[str(i) for i in g] for g in book["groups"]]
    if len(groups) != len(message.changes):
        return None
    blobs = [str(s) for s in book.get("blobs", [])]
    done = [str(s) for s in book.get("blobs_done", [])]
    return Batch(text.encode("utf-8"), message, groups, blobs, done)


def _legacy(text: str) -> Batch | None:
    """A batch stored before the wire contract was typed: ``{batch_id, changes, groups,
    blobs, blobs_done}``. Its changes are the same ``PushBatch`` once parsed, and the server
    identifies a batch by its parsed content, so sending it re-serialised is a replay."""
    data = json.loads(text)
    message = PushBatch.model_validate({"batch_id": data["batch_id"], "changes": data["changes"]})
    groups = [[str(i) for i in g] for g in data["groups"]]
    if len(groups) != len(message.changes):
        return None
    batch = Batch.of(message, groups, [str(s) for s in data.get("blobs", [])])
    batch.blobs_done = [str(s) for s in data.get("blobs_done", [])]
    return batch


def save_inflight(uow: UnitOfWork, batch: Batch | None) -> None:
    uow.meta.set(INFLIGHT_KEY, batch.body.decode("utf-8") if batch else "")
    uow.meta.set(GROUPS_KEY, batch.bookkeeping() if batch else "")


def form_batch(uow: UnitOfWork, max_changes: int, max_bytes: int) -> Batch | None:
    """The next batch from the pending outbox (stored as in flight), or None if empty."""
    entries = uow.outbox.pending(limit=max_changes * 4)
    grouped: dict[tuple[str, uuid.UUID], list[OutboxEntry]] = {}
    for entry in entries:
        grouped.setdefault((entry.entity, entry.entity_id), []).append(entry)
    changes: list[Change] = []
    groups: list[list[str]] = []
    blobs: list[str] = []
    size = 0
    for (entity, entity_id), group in grouped.items():
        if len(changes) >= max_changes or (changes and size >= max_bytes):
            break
        try:
            change = _change_of(uow, entity, entity_id, group)
        except ValidationError as error:  # the server would refuse the whole batch for it
            reason = f"invalid_change: {error.error_count()} problem(s)"
            uow.outbox.set_status([e.op_id for e in group], ERROR, reason)
            continue
        if change is None:  # deleting what the server never had: nothing to send
            uow.outbox.set_status([e.op_id for e in group], SENT)
            continue
        size += len(change.model_dump_json())
        changes.append(change)
        groups.append([str(e.op_id) for e in group])
        blob = ENTITY_SPECS[entity].blob if entity in ENTITY_SPECS else None
        if blob is not None and not change.deleted:
            blobs.append(str(change.fields[blob.hash_field]))
    if not changes:
        return None
    batch = Batch.of(PushBatch(batch_id=uuid.uuid4(), changes=changes), groups, blobs)
    save_inflight(uow, batch)
    return batch


def _change_of(
    uow: UnitOfWork, entity: str, entity_id: uuid.UUID, group: list[OutboxEntry]
) -> Change | None:
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
        op_id = group[0].op_id
    else:
        op_id = uuid.uuid5(GROUP_NAMESPACE, ",".join(str(e.op_id) for e in group))
    return Change.model_validate(
        {
            "op_id": op_id,
            "entity": entity,
            "entity_id": entity_id,
            "base_version": base_version,
            "version": (base_version or 0) + 1,
            "fields": fields,
            "hlc": group[-1].hlc,
            "deleted": deleted,
        }
    )


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
    uow: UnitOfWork, batch: Batch, answer: PushResponse, counts: ApplyCounts
) -> PushResult:
    """Record the server's verdict on each change, in the caller's transaction."""
    outcome = PushResult()
    results = answer.results
    if answer.batch_id != batch.message.batch_id or len(results) != len(batch.changes):
        raise CorruptResponse("the push answer does not list every change")
    outbox = uow.outbox
    for change, op_ids, result in zip(batch.changes, batch.groups, results, strict=True):
        entries = [uuid.UUID(i) for i in op_ids]
        entity = change.entity
        status = result.status
        if status == "duplicate":
            status = result.previous or "applied"
        if status == "applied" and result.version is not None:
            _note_applied(uow, change, result.version)
            outbox.set_status(entries, SENT)
            outcome.pushed[entity] = outcome.pushed.get(entity, 0) + 1
        elif status == "rejected":
            reason = result.reason
            code, message = (reason.code, reason.message) if reason else ("rejected", "")
            outbox.set_status(entries, ERROR, f"{code}: {message}"[:500])
            if is_held_erasure(change, result):  # waits for an administrator: not refused
                outcome.kept[ERASURE_HELD] = outcome.kept.get(ERASURE_HELD, 0) + 1
                continue
            outcome.rejected += 1
            kept = restore_refused(uow, change, result, counts)
            if kept is not None:
                outcome.kept[kept] = outcome.kept.get(kept, 0) + 1
        elif status == "conflict" and result.current is not None:
            before = counts.conflicts
            apply_remote(uow, _remote(result), counts=counts, force=True)
            outcome.conflicts += counts.conflicts - before
            outcome.merged += 1
        # else: a conflict without the server's record: left pending for the next run
    if outcome.kept:  # a record put back may be the parent another one waits for
        retry_parked(uow, {}, counts)
    save_inflight(uow, None)
    return outcome


def _remote(result: ChangeResult) -> Remote:
    assert result.current is not None
    return Remote.of(result.current.model_dump(mode="json"))


def _note_applied(uow: UnitOfWork, change: Change, version: int) -> None:
    entity, entity_id = change.entity, change.entity_id
    base = uow.merge_base.base(entity, entity_id)
    if base is not None and base.version >= version:
        return
    if change.deleted:
        uow.merge_base.set_base(entity, entity_id, version, {}, True)
        return
    doc = dict(base.doc) if base is not None and not base.deleted else {}
    doc.update(change.fields)
    uow.merge_base.set_base(entity, entity_id, version, doc, False)


def pending_count(uow: UnitOfWork) -> int:
    return uow.outbox.count_pending()


PushSteps = Generator[object, None, PushResult]
