"""Phase 2 of a push (push.py decides, this writes): claim and draw sequence numbers, then
write the records, their history, the ops and the batch with Core statements, a few rows per
statement and few statements per push (bulk.py)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from spie_protocol.messages import Change, ChangeResult, PushBatch
from spie_server.models import Base, Batch, Op, Record, RecordVersion, table_of, utc_now
from spie_server.sealing import keys_for, seal_doc_rows
from spie_server.sync.bulk import insert_into_tables, insert_rows, update_rows
from spie_server.sync.people_of import is_sensitive
from spie_server.sync.rules import RecordState, Rejected, with_seq
from spie_server.sync.sequence import lock_and_draw
from spie_server.sync.sharing import after_push, people_of_written
from spie_server.territory.devices import AuthenticatedDevice

Key = tuple[str, uuid.UUID]


@dataclass
class PushPlan:
    """What phase 1 decided and phase 2 must write."""

    results: list[ChangeResult] = field(default_factory=list)
    applied: list[tuple[int, Change, RecordState]] = field(default_factory=list)
    rejected: list[tuple[Change, Rejected]] = field(default_factory=list)


def write_plan(
    session: Session,
    device: AuthenticatedDevice,
    batch: PushBatch,
    whole_hash: str,
    plan: PushPlan,
    hashes: list[str],
    originals: dict[Key, RecordState | None],
    *,
    new_batch: bool,
) -> None:
    """Phase 2: claim and draw sequence numbers, then write in few statements.

    Rows go in key order (records, versions, ops): concurrent pushes that insert the same
    keys (a replay racing its original) wait on each other in one order, never in a cycle.
    """
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
    versions.sort(key=lambda r: (r["entity"], r["entity_id"], r["version"]))
    ops.sort(key=lambda r: r["op_id"])
    seal_doc_rows(keys_for(session, territory), versions)
    batches = [
        {
            "territory_id": territory,
            "batch_id": batch.batch_id,
            "device_id": device.id,
            "payload_hash": whole_hash,
            "changes": len(batch.changes),
            "received_at": now,
        }
    ]
    insert_into_tables(
        session,
        [
            (table_of(RecordVersion), versions),
            (table_of(Op), ops),
            (table_of(Batch), batches if new_batch else []),
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
    for key, state in sorted(final.items(), key=lambda item: item[0]):
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
