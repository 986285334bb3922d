"""Record history: every version the server stored, and new versions written by an administrator.

Each push appends the versions it stores to ``record_versions`` (never updated), so whatever a
device writes can be undone. A version written by an administrator (a restore, a device undo,
an approved deletion) is a NEW version with a new sequence number, so every device pulls it;
it carries no device (``device_id`` NULL), so that no device leaves it out as its own echo.
Who follows the people those records belong to is recomputed in the same transaction
(sharing.after_admin_write), so the new version reaches exactly its followers.
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.entities import ENTITIES
from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Record, RecordVersion, utc_now
from spie_server.sealing import keys_for
from spie_server.sync.sequence import lock_and_draw
from spie_server.sync.sharing import after_admin_write
from spie_server.territory.territories import get_territory

SERVER_NODE = "server"
_HLC = re.compile(r"^([0-9]{15})-([0-9]{5})-")


@dataclass(frozen=True)
class Version:
    version: int
    deleted: bool
    device_id: uuid.UUID | None
    seq: int
    stored_at: datetime
    doc: dict[str, Any]


@dataclass(frozen=True)
class NewVersion:
    """What an administrator writes over a record's current version."""

    entity: str
    entity_id: uuid.UUID
    doc: dict[str, Any]
    deleted: bool


def versions_of(
    session: Session, territory_id: int, entity: str, entity_id: uuid.UUID
) -> list[Version]:
    """Every stored version of one record, oldest first."""
    rows = session.execute(
        select(
            RecordVersion.version,
            RecordVersion.deleted,
            RecordVersion.device_id,
            RecordVersion.seq,
            RecordVersion.stored_at,
            RecordVersion.doc,
        )
        .where(
            RecordVersion.territory_id == territory_id,
            RecordVersion.entity == entity,
            RecordVersion.entity_id == entity_id,
        )
        .order_by(RecordVersion.version)
    ).all()
    key = keys_for(session, territory_id)
    return [
        Version(
            r[0], bool(r[1]), r[2], int(r[3]), r[4], key.open_doc(entity, entity_id, r[0], r[5])
        )
        for r in rows
    ]


def current_record(
    session: Session, territory_id: int, entity: str, entity_id: uuid.UUID
) -> Record | None:
    query = select(Record).where(
        Record.territory_id == territory_id,
        Record.entity == entity,
        Record.entity_id == entity_id,
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalars(query).first()


def server_hlc(previous: str) -> str:
    """A timestamp after ``previous`` (and not before now), from the server's own node."""
    now_ms = time.time_ns() // 1_000_000
    match = _HLC.match(previous)
    if match is None:
        return f"{now_ms:015d}-00000-{SERVER_NODE}"
    last_ms, counter = int(match.group(1)), int(match.group(2))
    if now_ms > last_ms:
        return f"{now_ms:015d}-00000-{SERVER_NODE}"
    if counter < 99_999:
        return f"{last_ms:015d}-{counter + 1:05d}-{SERVER_NODE}"
    return f"{last_ms + 1:015d}-00000-{SERVER_NODE}"


def write_versions(session: Session, territory_id: int, changes: list[NewVersion]) -> list[int]:
    """Write each change as its record's next version; return the new versions, in order.

    Records come back parents first and go away children first, so a device applying one
    page at a time never meets an interview whose person it does not hold.
    """
    if not changes:
        return []
    order = sorted(range(len(changes)), key=lambda i: _write_rank(changes[i]))
    seqs = lock_and_draw(session, territory_id, len(changes))
    now = utc_now()
    sealing = keys_for(session, territory_id)
    versions = [0] * len(changes)
    for index, seq in zip(order, seqs, strict=True):
        change = changes[index]
        record = current_record(session, territory_id, change.entity, change.entity_id)
        if record is None:
            raise ApiError(404, "unknown_record", f"no {change.entity} record {change.entity_id}")
        record.version += 1
        doc = {} if change.deleted else dict(change.doc)
        record.doc = sealing.seal_doc(record.entity, record.entity_id, record.version, doc)
        record.deleted = change.deleted
        record.hlc = server_hlc(record.hlc)
        record.device_id = None
        record.seq = seq
        record.updated_at = now
        session.add(
            RecordVersion(
                territory_id=territory_id,
                entity=record.entity,
                entity_id=record.entity_id,
                version=record.version,
                doc=record.doc,
                deleted=record.deleted,
                hlc=record.hlc,
                device_id=None,
                seq=seq,
                stored_at=now,
            )
        )
        versions[index] = record.version
    session.flush()
    written = {(c.entity, c.entity_id): (c.deleted, {} if c.deleted else c.doc) for c in changes}
    after_admin_write(session, territory_id, written)
    return versions


def _write_rank(change: NewVersion) -> tuple[int, int]:
    rank = ENTITIES.index(change.entity) if change.entity in ENTITIES else len(ENTITIES)
    return (1, -rank) if change.deleted else (0, rank)


@dataclass(frozen=True)
class Restored:
    entity: str
    entity_id: uuid.UUID
    from_version: int
    version: int | None  # None: the record already held that version's document


def restore_record(
    session: Session,
    territory_code: str,
    entity: str,
    entity_id: str,
    version: int | None = None,
) -> Restored:
    """Bring back a record as it was at ``version`` (default: its last live version)."""
    territory = get_territory(session, territory_code)
    key = _uuid(entity_id)
    record = current_record(session, territory.id, entity, key)
    if record is None:
        raise ApiError(404, "unknown_record", f"territory {territory_code} has no {entity} {key}")
    history = versions_of(session, territory.id, entity, key)
    live = [v for v in history if not v.deleted]
    if version is None:
        if not live:
            raise ApiError(404, "no_live_version", "the history holds no live version of it")
        target = live[-1]
    else:
        found = [v for v in history if v.version == version]
        if not found:
            raise ApiError(404, "unknown_version", f"the history holds no version {version}")
        target = found[0]
        if target.deleted:
            raise ApiError(400, "deleted_version", f"version {version} is a deletion")
    held = next((v for v in history if v.version == record.version), None)
    if not record.deleted and held is not None and held.doc == target.doc:
        return Restored(entity, key, target.version, None)
    (written,) = write_versions(session, territory.id, [NewVersion(entity, key, target.doc, False)])
    record_event(
        session,
        "record_restored",
        territory_id=territory.id,
        entity=entity,
        entity_id=str(key),
        from_version=target.version,
        version=written,
    )
    return Restored(entity, key, target.version, written)


def history_of(session: Session, territory_code: str, entity: str, entity_id: str) -> list[Version]:
    territory = get_territory(session, territory_code)
    history = versions_of(session, territory.id, entity, _uuid(entity_id))
    if not history:
        raise ApiError(404, "unknown_record", f"territory {territory_code} has no such record")
    return history


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ApiError(400, "bad_record_id", f"{text!r} is not a record id") from None
