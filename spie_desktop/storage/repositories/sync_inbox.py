"""The sync engine's bookkeeping beside the records: conflicts waiting for a person, pulled
records parked until what they need arrives, and the pull checkpoint."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from spie_desktop.domain.records import utc_now

from ..models import SyncConflictRow, SyncParkedRow, table_of
from .base import Repository
from .bulk_rows import in_chunks, upsert_rows
from .meta import MetaRepository

CONFLICTS = table_of(SyncConflictRow)
PARKED = table_of(SyncParkedRow)
CHECKPOINT_KEY = "sync_since"
#: Why a pulled record is parked. PARENT and BLOB wait for something still to come; REFUSED
#: (this device cannot store it: a required field missing, a value of the wrong type) and
#: UNKNOWN_ENTITY (an entity this version does not synchronise) wait for a newer version of
#: the record or of the application, and are listed in the conflict inbox meanwhile.
PARENT, BLOB, REFUSED, UNKNOWN_ENTITY = "parent", "blob", "refused", "unknown_entity"


@dataclass(frozen=True)
class ParkedRecord:
    entity: str
    entity_id: uuid.UUID
    version: int
    reason: str


@dataclass(frozen=True)
class ConflictRecord:
    id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    field: str
    local_value: Any
    server_value: Any
    server_version: int
    detected_at: datetime
    resolved_at: datetime | None
    resolution: str | None


class SyncInboxRepository(Repository):
    # -- conflicts ------------------------------------------------------------------------------

    def add_conflict(
        self,
        entity: str,
        entity_id: uuid.UUID,
        field: str,
        local_value: Any,
        server_value: Any,
        server_version: int,
    ) -> uuid.UUID:
        """Keep a losing local value; an open conflict on the same field is replaced (the
        newest server value is what the counsellor must compare with)."""
        k = CONFLICTS.c
        self._session.execute(
            delete(CONFLICTS).where(
                k.entity == entity,
                k.entity_id == entity_id,
                k.field == field,
                k.resolved_at.is_(None),
            )
        )
        conflict_id = uuid.uuid4()
        self._session.execute(
            insert(CONFLICTS).values(
                id=conflict_id,
                entity=entity,
                entity_id=entity_id,
                field=field,
                local_value=local_value,
                server_value=server_value,
                server_version=server_version,
                detected_at=utc_now(),
                resolved_at=None,
                resolution=None,
            )
        )
        return conflict_id

    def conflicts(self, *, open_only: bool = True) -> list[ConflictRecord]:
        stmt = select(CONFLICTS).order_by(CONFLICTS.c.detected_at, CONFLICTS.c.id)
        if open_only:
            stmt = stmt.where(CONFLICTS.c.resolved_at.is_(None))
        return [ConflictRecord(**row._mapping) for row in self._session.execute(stmt)]

    def conflict(self, conflict_id: uuid.UUID) -> ConflictRecord | None:
        row = self._session.execute(select(CONFLICTS).where(CONFLICTS.c.id == conflict_id)).first()
        return None if row is None else ConflictRecord(**row._mapping)

    def close_conflict(self, conflict_id: uuid.UUID, resolution: str) -> None:
        self._session.execute(
            update(CONFLICTS)
            .where(CONFLICTS.c.id == conflict_id)
            .values(resolved_at=utc_now(), resolution=resolution)
        )

    def forget_conflict(self, conflict_id: uuid.UUID) -> None:
        """Delete a conflict and the values it kept (its record was forgotten)."""
        self._session.execute(delete(CONFLICTS).where(CONFLICTS.c.id == conflict_id))

    # -- parked records -------------------------------------------------------------------------

    def park(self, entity: str, entity_id: uuid.UUID, record: dict[str, Any], reason: str) -> None:
        stmt = sqlite_insert(PARKED).values(
            entity=entity, entity_id=entity_id, record=record, reason=reason
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[PARKED.c.entity, PARKED.c.entity_id],
            set_={"record": record, "reason": reason},
        )
        self._session.execute(stmt)

    def park_many(self, entity: str, parked: list[tuple[uuid.UUID, dict[str, Any], str]]) -> None:
        """:meth:`park` for many records of one entity, (id, record, reason) each: one
        statement."""
        rows = [
            {"entity": entity, "entity_id": i, "record": record, "reason": reason}
            for i, record, reason in parked
        ]
        upsert_rows(self._session, PARKED, rows, ("entity", "entity_id"))

    def unpark_many(self, entity: str, entity_ids: Collection[uuid.UUID]) -> None:
        for chunk in in_chunks(entity_ids):
            self._session.execute(
                delete(PARKED).where(PARKED.c.entity == entity, PARKED.c.entity_id.in_(chunk))
            )

    def parked(self) -> list[dict[str, Any]]:
        stmt = select(PARKED.c.record).order_by(PARKED.c.entity, PARKED.c.entity_id)
        records: list[Any] = list(self._session.execute(stmt).scalars())
        return [dict(r) for r in records]

    def parked_records(self, reasons: frozenset[str] | None = None) -> list[ParkedRecord]:
        """Parked records (without their documents), optionally only for some reasons."""
        c = PARKED.c
        stmt = select(c.entity, c.entity_id, c.record, c.reason).order_by(c.entity, c.entity_id)
        if reasons is not None:
            stmt = stmt.where(c.reason.in_(sorted(reasons)))
        return [
            ParkedRecord(str(row[0]), uuid.UUID(str(row[1])), _version_of(row[2]), str(row[3]))
            for row in self._session.execute(stmt)
        ]

    def unpark(self, entity: str, entity_id: uuid.UUID) -> None:
        self._session.execute(
            delete(PARKED).where(PARKED.c.entity == entity, PARKED.c.entity_id == entity_id)
        )

    def parked_versions(self) -> dict[tuple[str, str], int]:
        """(entity, id) -> the server version of each parked live record."""
        stmt = select(PARKED.c.entity, PARKED.c.entity_id, PARKED.c.record)
        return {
            (str(row[0]), str(row[1])): _version_of(row[2])
            for row in self._session.execute(stmt)
            if not (isinstance(row[2], dict) and row[2].get("deleted"))
        }

    # -- checkpoint -----------------------------------------------------------------------------

    def checkpoint(self) -> int:
        value = self._meta_get(CHECKPOINT_KEY)
        return int(value) if value else 0

    def set_checkpoint(self, since: int) -> None:
        self._meta_set(CHECKPOINT_KEY, str(since))

    def _meta_get(self, key: str) -> str | None:
        return MetaRepository(self._ctx).get(key)

    def _meta_set(self, key: str, value: str) -> None:
        MetaRepository(self._ctx).set(key, value)


def _version_of(record: Any) -> int:
    try:
        return int(record.get("version", 0)) if isinstance(record, dict) else 0
    except (TypeError, ValueError):
        return 0
