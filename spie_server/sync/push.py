"""Applying a pushed batch: one transaction, one answer per change.

Phase 1 reads (and on PostgreSQL row-locks) what the batch touches and decides each change in
order; phase 2 claims and draws sequence numbers (sequence.py: pushes of one territory do not
wait for one another, pulls stop at the watermark) and writes. A replay finds every op_id
already recorded and answers ``duplicate`` without writing anything.

Rows are read as columns and written with Core statements (bulk.py: one statement per table,
the history, ops and batch rows together in one round trip), never as ORM objects: a push of
20 changes is a dozen round trips whatever its size. Each change is checked once, here
(rules.py and validation.py); the route has already parsed the batch into its model.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import cast

from sqlalchemy import (
    BigInteger,
    Integer,
    Row,
    String,
    Uuid,
    and_,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from spie_protocol.messages import (
    Change,
    ChangeResult,
    PushBatch,
    PushResponse,
    Reason,
    ServerRecord,
)
from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.models import Batch, Op, Record
from spie_server.sealing import keys_for
from spie_server.settings import DEFAULT_DELETIONS_PER_HOUR
from spie_server.sync import driver_reads
from spie_server.sync.bulk import one_of
from spie_server.sync.deletion_guard import KEEPS_RECORD, DeletionGuard
from spie_server.sync.driver_reads import AnyRow
from spie_server.sync.purge import TOMBSTONE, owner_references, purge_people, purged_among
from spie_server.sync.push_write import PushPlan, write_plan
from spie_server.sync.rules import Applied, Conflict, RecordState, Rejected, decide
from spie_server.sync.sharing_guard import SharingGuard
from spie_server.sync.validation import known_entity
from spie_server.territory.devices import AuthenticatedDevice

Key = tuple[str, uuid.UUID]
#: An ``ops`` row read back (op_id, payload_hash, status, seq, version, reason_code/message).
KnownOp = Row[uuid.UUID, str, str, int | None, int | None, str | None, str | None]

#: A change to a record of a file that was purged (the device has not pulled the tombstone).
PURGED = "purged"


def encode_change(change: Change) -> bytes:
    """The change as canonical JSON: its size is checked and its hash identifies it."""
    data = change.model_dump(mode="json")
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate must reach the per-change check (invalid_text), not fail the batch.
    return text.encode("utf-8", "surrogatepass")


def batch_hash(batch: PushBatch, change_hashes: list[str]) -> str:
    digest = hashlib.sha256(f"{batch.batch_id}|{batch.territory}|".encode())
    for item in change_hashes:
        digest.update(item.encode("ascii"))
    return digest.hexdigest()


def push_batch(
    session: Session,
    device: AuthenticatedDevice,
    batch: PushBatch,
    deletions_per_hour: int = DEFAULT_DELETIONS_PER_HOUR,
) -> PushResponse:
    if batch.territory is not None and batch.territory != device.territory_code:
        raise ApiError(403, "territory_mismatch", "a device may only write into its own territory")
    territory = device.territory_id
    encoded = [encode_change(c) for c in batch.changes]
    hashes = [hashlib.sha256(e).hexdigest() for e in encoded]
    whole = batch_hash(batch, hashes)
    previous, known = _seen_before(session, territory, batch)
    if previous is not None and previous != whole:
        raise ApiError(409, "batch_id_reused", "this batch_id was used for different changes")
    current = _current_records(session, territory, batch.changes, known)
    sizes = [len(e) for e in encoded]
    guard = DeletionGuard(session, device, deletions_per_hour, batch.changes)
    forgotten = _naming_purged(session, territory, batch.changes, known)
    sharing = SharingGuard(session, territory, device.structure, batch.changes, set(known))
    plan = _decide_all(
        batch.changes, hashes, sizes, known, dict(current), device.id, (guard, sharing), forgotten
    )
    if plan.applied or plan.rejected or previous is None:
        write_plan(session, device, batch, whole, plan, hashes, current, new_batch=previous is None)
        _purge_erased(session, territory, plan)
    return PushResponse(
        batch_id=batch.batch_id, replayed=previous is not None, results=plan.results
    )


def _purge_erased(session: Session, territory: int, plan: PushPlan) -> None:
    """A stored tombstone takes its person's records with it, in the push's transaction."""
    people = {
        uuid.UUID(str(change.fields["person_id"]))
        for _, change, _ in plan.applied
        if change.entity == TOMBSTONE
    }
    if people:
        purged = purge_people(session, territory, people)
        log_event("erasure", territory_id=territory, people=len(people), records=purged.records)


def _naming_purged(
    session: Session, territory: int, changes: list[Change], known: dict[uuid.UUID, KnownOp]
) -> set[uuid.UUID]:
    """The op_ids of changes to a purged record, or to one that belongs to a purged record
    (a device that has not pulled the tombstone yet): the file must not come back."""
    links = owner_references()
    named: dict[uuid.UUID, set[uuid.UUID]] = {}
    for change in changes:
        if change.op_id in known or change.entity == TOMBSTONE or not known_entity(change):
            continue
        ids = {change.entity_id}
        for name in links.get(change.entity, {}):
            try:
                ids.add(uuid.UUID(str(change.fields[name])))
            except (KeyError, ValueError):
                continue
        named[change.op_id] = ids
    purged = purged_among(session, territory, set().union(*named.values()))
    return {op_id for op_id, ids in named.items() if ids & purged}


#: ``status`` of the row that stands for the batch itself in ``_seen_before``'s answer.
_BATCH_ROW = "~batch"


def _seen_before(
    session: Session, territory: int, batch: PushBatch
) -> tuple[str | None, dict[uuid.UUID, KnownOp]]:
    """The hash of the batch if it was received before, and the ops already recorded for
    its changes' op_ids: one round trip (the batch comes as one more row, marked)."""
    ids = list({c.op_id for c in batch.changes})
    previous: str | None = None
    known: dict[uuid.UUID, KnownOp] = {}
    for row in cast("list[KnownOp]", _seen_rows(session, territory, batch, ids)):
        if row.status == _BATCH_ROW:
            previous = row.payload_hash
        else:
            known[row.op_id] = row
    return previous, known


def _seen_rows(
    session: Session, territory: int, batch: PushBatch, ids: list[uuid.UUID]
) -> Sequence[AnyRow]:
    if _on_postgresql(session):
        return driver_reads.seen_before(session, territory, ids, batch.batch_id, _BATCH_ROW)
    ops = select(
        Op.op_id,
        Op.payload_hash,
        Op.status,
        Op.seq,
        Op.version,
        Op.reason_code,
        Op.reason_message,
    ).where(Op.territory_id == territory, one_of(session, Op.op_id, ids, Uuid()))
    batches = select(
        Batch.batch_id,
        Batch.payload_hash,
        literal(_BATCH_ROW, String),
        null().cast(BigInteger),
        null().cast(Integer),
        null().cast(String),
        null().cast(String),
    ).where(Batch.territory_id == territory, Batch.batch_id == batch.batch_id)
    return session.execute(union_all(ops, batches)).all()


def _on_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _current_records(
    session: Session, territory: int, changes: list[Change], known: dict[uuid.UUID, KnownOp]
) -> dict[Key, RecordState | None]:
    keys = sorted(
        {(c.entity, c.entity_id) for c in changes if c.op_id not in known and known_entity(c)}
    )
    states: dict[Key, RecordState | None] = dict.fromkeys(keys)
    if not keys:
        return states
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, entity_id in keys:
        by_entity.setdefault(entity, []).append(entity_id)
    key = keys_for(session, territory)
    for row in _record_rows(session, territory, by_entity):
        doc = key.open_doc(row.entity, row.entity_id, row.version, row.doc)
        states[(row.entity, row.entity_id)] = RecordState(
            row.version, doc, row.deleted, row.hlc, row.device_id, row.seq
        )
    return states


def _record_rows(
    session: Session, territory: int, by_entity: dict[str, list[uuid.UUID]]
) -> Sequence[AnyRow]:
    """The stored records among ``by_entity``, in key order; row-locked on PostgreSQL."""
    if _on_postgresql(session):
        return driver_reads.current_records(session, territory, by_entity)
    wanted = or_(
        *(
            and_(Record.entity == entity, one_of(session, Record.entity_id, ids, Uuid()))
            for entity, ids in sorted(by_entity.items())
        )
    )
    query = (
        select(
            Record.entity,
            Record.entity_id,
            Record.version,
            Record.doc,
            Record.deleted,
            Record.hlc,
            Record.device_id,
            Record.seq,
        )
        .where(Record.territory_id == territory, wanted)
        .order_by(Record.entity, Record.entity_id)
    )
    return session.execute(query).all()


def _decide_all(
    changes: list[Change],
    hashes: list[str],
    sizes: list[int],
    known: dict[uuid.UUID, KnownOp],
    states: dict[Key, RecordState | None],
    device_id: uuid.UUID,
    guards: tuple[DeletionGuard, SharingGuard],
    forgotten: set[uuid.UUID],
) -> PushPlan:
    plan = PushPlan()
    guard, sharing = guards
    seen: dict[uuid.UUID, tuple[str, ChangeResult]] = {}
    for change, digest, size in zip(changes, hashes, sizes, strict=True):
        earlier = known.get(change.op_id)
        if earlier is not None:
            plan.results.append(
                _replayed(change, digest, earlier.payload_hash, _op_result(earlier))
            )
            continue
        if change.op_id in seen:
            first_hash, first = seen[change.op_id]
            plan.results.append(_replayed(change, digest, first_hash, first))
            continue
        key = (change.entity, change.entity_id)
        decision = decide(change, states.get(key), device_id, size)
        if change.op_id in forgotten:
            decision = Rejected(PURGED, "this person's file was purged: it cannot come back")
        # Before the deletion guard: a file the device does not follow holds nothing for it.
        decision = sharing.screen(change, decision, device_id, size)
        if isinstance(decision, Applied) and (change.deleted or change.entity == TOMBSTONE):
            decision = guard.check(change) or decision
        if isinstance(decision, Applied):
            states[key] = decision.state
            plan.applied.append((len(plan.results), change, decision.state))
            result = ChangeResult(
                op_id=change.op_id, status="applied", version=decision.state.version
            )
            seen[change.op_id] = (digest, result)
        elif isinstance(decision, Conflict):
            result = ChangeResult(
                op_id=change.op_id, status="conflict", current=_server_record(key, decision.current)
            )
        else:
            plan.rejected.append((change, decision))
            result = _rejected(change.op_id, decision)
            kept = states.get(key)
            if decision.code in KEEPS_RECORD and kept is not None:
                result.current = _server_record(key, kept)
            seen[change.op_id] = (digest, result)
        plan.results.append(result)
    return plan


def _replayed(change: Change, digest: str, first_hash: str, first: ChangeResult) -> ChangeResult:
    if digest != first_hash:
        return _rejected(
            change.op_id, Rejected("op_id_reused", "this op_id was used for a different change")
        )
    if first.status not in ("applied", "rejected"):
        return first
    return first.model_copy(update={"status": "duplicate", "previous": first.status})


def _op_result(op: KnownOp) -> ChangeResult:
    if op.status == "applied":
        return ChangeResult(op_id=op.op_id, status="applied", seq=op.seq, version=op.version)
    reason = Reason(code=op.reason_code or "rejected", message=op.reason_message or "")
    return ChangeResult(op_id=op.op_id, status="rejected", reason=reason)


def _rejected(op_id: uuid.UUID, rejected: Rejected) -> ChangeResult:
    reason = Reason(code=rejected.code, message=rejected.message)
    return ChangeResult(op_id=op_id, status="rejected", reason=reason)


def _server_record(key: Key, state: RecordState) -> ServerRecord:
    return ServerRecord(
        seq=state.seq,
        entity=key[0],
        entity_id=key[1],
        version=state.version,
        fields=state.doc,
        hlc=state.hlc,
        origin_device=state.device_id,
        deleted=state.deleted,
    )
