"""Applying a pushed batch: one transaction, one answer per change.

Phase 1 reads (and on PostgreSQL row-locks) what the batch touches and decides each change in
order; phase 2 takes the territory's sequence lock, draws sequence numbers and writes. A replay
finds every op_id already recorded and answers ``duplicate`` without writing anything.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Uuid, and_, or_, select
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
from spie_server.models import Base, Batch, Op, Record, RecordVersion, table_of, utc_now
from spie_server.sealing import keys_for, seal_doc_rows
from spie_server.settings import DEFAULT_DELETIONS_PER_HOUR
from spie_server.sync.bulk import insert_rows, one_of, update_rows
from spie_server.sync.deletion_guard import KEEPS_RECORD, DeletionGuard
from spie_server.sync.people_of import is_sensitive
from spie_server.sync.purge import TOMBSTONE, owner_references, purge_people, purged_among
from spie_server.sync.rules import Applied, Conflict, RecordState, Rejected, decide, with_seq
from spie_server.sync.sequence import lock_and_draw
from spie_server.sync.sharing import after_push, people_of_written
from spie_server.sync.sharing_guard import SharingGuard
from spie_server.sync.validation import known_entity
from spie_server.territory.devices import AuthenticatedDevice

Key = tuple[str, uuid.UUID]

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


@dataclass
class _Plan:
    """What phase 1 decided and phase 2 must write."""

    results: list[ChangeResult] = field(default_factory=list)
    applied: list[tuple[int, Change, RecordState]] = field(default_factory=list)
    rejected: list[tuple[Change, Rejected]] = field(default_factory=list)


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
    previous = session.get(Batch, (territory, batch.batch_id))
    if previous is not None and previous.payload_hash != whole:
        raise ApiError(409, "batch_id_reused", "this batch_id was used for different changes")
    known = _known_ops(session, territory, batch.changes)
    current = _current_records(session, territory, batch.changes, known)
    sizes = [len(e) for e in encoded]
    guard = DeletionGuard(session, device, deletions_per_hour, batch.changes)
    forgotten = _naming_purged(session, territory, batch.changes, known)
    sharing = SharingGuard(session, territory, device.structure, batch.changes, set(known))
    plan = _decide_all(
        batch.changes, hashes, sizes, known, dict(current), device.id, (guard, sharing), forgotten
    )
    if plan.applied or plan.rejected or previous is None:
        _write(session, device, batch, whole, plan, hashes, current, new_batch=previous is None)
        _purge_erased(session, territory, plan)
    return PushResponse(
        batch_id=batch.batch_id, replayed=previous is not None, results=plan.results
    )


def _purge_erased(session: Session, territory: int, plan: _Plan) -> None:
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
    session: Session, territory: int, changes: list[Change], known: dict[uuid.UUID, Op]
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


def _known_ops(session: Session, territory: int, changes: list[Change]) -> dict[uuid.UUID, Op]:
    if not changes:
        return {}
    ids = list({c.op_id for c in changes})
    rows = session.scalars(
        select(Op).where(Op.territory_id == territory, one_of(session, Op.op_id, ids, Uuid()))
    )
    return {op.op_id: op for op in rows}


def _current_records(
    session: Session, territory: int, changes: list[Change], known: dict[uuid.UUID, Op]
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
    wanted = or_(
        *(
            and_(Record.entity == entity, one_of(session, Record.entity_id, ids, Uuid()))
            for entity, ids in sorted(by_entity.items())
        )
    )
    query = (
        select(Record)
        .where(Record.territory_id == territory, wanted)
        .order_by(Record.entity, Record.entity_id)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    key = keys_for(session, territory)
    for row in session.scalars(query):
        doc = key.open_doc(row.entity, row.entity_id, row.version, row.doc)
        states[(row.entity, row.entity_id)] = RecordState(
            row.version, doc, row.deleted, row.hlc, row.device_id, row.seq
        )
    return states


def _decide_all(
    changes: list[Change],
    hashes: list[str],
    sizes: list[int],
    known: dict[uuid.UUID, Op],
    states: dict[Key, RecordState | None],
    device_id: uuid.UUID,
    guards: tuple[DeletionGuard, SharingGuard],
    forgotten: set[uuid.UUID],
) -> _Plan:
    plan = _Plan()
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


def _op_result(op: Op) -> ChangeResult:
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


def _write(
    session: Session,
    device: AuthenticatedDevice,
    batch: PushBatch,
    whole_hash: str,
    plan: _Plan,
    hashes: list[str],
    originals: dict[Key, RecordState | None],
    *,
    new_batch: bool,
) -> None:
    """Phase 2: draw sequence numbers under the territory lock, then write in few statements."""
    territory = device.territory_id
    now = utc_now()
    seqs = lock_and_draw(session, territory, len(plan.applied))
    final: dict[Key, RecordState] = {}
    versions: list[dict[str, Any]] = []
    ops: list[dict[str, Any]] = []
    hash_of = {c.op_id: h for c, h in zip(batch.changes, hashes, strict=True)}
    common = {
        "territory_id": territory,
        "device_id": device.id,
        "batch_id": batch.batch_id,
        "at": now,
    }
    for (index, change, state), seq in zip(plan.applied, seqs, strict=True):
        stored = with_seq(state, seq)
        final[(change.entity, change.entity_id)] = stored
        plan.results[index] = plan.results[index].model_copy(update={"seq": seq})
        versions.append(_row(territory, (change.entity, change.entity_id), stored, stored_at=now))
        ops.append(
            {
                **common,
                "op_id": change.op_id,
                "payload_hash": hash_of[change.op_id],
                "status": "applied",
                "seq": seq,
                "version": stored.version,
                "reason_code": None,
                "reason_message": None,
            }
        )
    for change, rejected in plan.rejected:
        ops.append(
            {
                **common,
                "op_id": change.op_id,
                "payload_hash": hash_of[change.op_id],
                "status": "rejected",
                "seq": None,
                "version": None,
                "reason_code": rejected.code,
                "reason_message": rejected.message[:500],
            }
        )
    written = {k: (st.deleted, st.doc) for k, st in final.items()}
    found = people_of_written(session, territory, written)
    created = _store_records(session, territory, final, originals, now, device.structure, found)
    after_push(session, territory, written, found, created)
    seal_doc_rows(keys_for(session, territory), versions)
    _insert_many(session, RecordVersion, versions)
    _insert_many(session, Op, ops)
    if new_batch:
        _insert_many(
            session,
            Batch,
            [
                {
                    "territory_id": territory,
                    "batch_id": batch.batch_id,
                    "device_id": device.id,
                    "payload_hash": whole_hash,
                    "changes": len(batch.changes),
                    "received_at": now,
                }
            ],
        )


def _row(territory: int, key: Key, state: RecordState, **extra: Any) -> dict[str, Any]:
    return {
        "territory_id": territory,
        "entity": key[0],
        "entity_id": key[1],
        "version": state.version,
        "doc": state.doc,
        "deleted": state.deleted,
        "hlc": state.hlc,
        "device_id": state.device_id,
        "seq": state.seq,
        **extra,
    }


def _insert_many(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    insert_rows(session, table_of(model), rows)


def _store_records(
    session: Session,
    territory: int,
    final: dict[Key, RecordState],
    originals: dict[Key, RecordState | None],
    now: Any,
    owner: str,
    found: Mapping[Key, uuid.UUID],
) -> set[Key]:
    """Insert the new records (with their person) and update the others; returns the new."""
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    for key, state in final.items():
        row = _row(territory, key, state, updated_at=now)
        if originals.get(key) is not None:
            changed_rows.append(row)
        else:
            new_rows.append(
                {
                    **row,
                    "owner_structure": owner,
                    "person_id": found.get(key),
                    "sensitive": not state.deleted and is_sensitive(key[0], state.doc),
                }
            )
    seal_doc_rows(keys_for(session, territory), new_rows + changed_rows)
    _insert_many(session, Record, new_rows)
    keys = ("territory_id", "entity", "entity_id")
    if update_rows(session, table_of(Record), keys, changed_rows) != len(changed_rows):
        raise RuntimeError("a record vanished during a push")
    return {key for key in final if originals.get(key) is None}
