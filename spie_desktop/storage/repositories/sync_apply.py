"""What the sync engine writes: remote records applied without outbox, the merge base,
conflicts, parked records, the pull checkpoint and the outbox statuses.

Remote records are written at row level on the entity tables with the same document mapping
as the outbox (:mod:`.sync_rows`), and are never journalled: a pulled change must not travel
back. A merge result that still holds local changes is journalled as a normal change.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from spie_desktop.domain.records import utc_now

from ..models import OutboxRow, SyncBaseRow, table_of
from .base import DELETE, PENDING, SENT, UPSERT, jsonable, write_outbox
from .outbox import OutboxEntry
from .sync_inbox import CONFLICTS, PARKED, ConflictRecord, SyncInboxRepository
from .sync_rows import SYNCED_TABLES, parents_of, row_values, table_for, to_doc

OUTBOX = table_of(OutboxRow)
BASE = table_of(SyncBaseRow)
ERROR = "error"
MERGED = "merged"  # folded into a merge result, which is journalled anew


@dataclass(frozen=True)
class BaseDoc:
    version: int
    deleted: bool
    doc: dict[str, Any]


class SyncRepository(SyncInboxRepository):
    def stamp(self) -> str:
        """A fresh HLC timestamp of this device."""
        return self._ctx.clock.now()

    def observe(self, remote_hlc: str) -> None:
        """Fold a remote timestamp into this device's clock (ignored if malformed)."""
        with contextlib.suppress(ValueError):
            self._ctx.clock.observe(remote_hlc)

    # -- local rows -----------------------------------------------------------------------------

    def knows(self, entity: str) -> bool:
        """True when this version of the application synchronises ``entity``."""
        return entity in SYNCED_TABLES

    def local_doc(self, entity: str, entity_id: uuid.UUID) -> dict[str, Any] | None:
        table = table_for(entity)
        row = self._session.execute(select(table).where(table.c.id == entity_id)).first()
        return None if row is None else to_doc(entity, row._mapping)

    def local_version(self, entity: str, entity_id: uuid.UUID) -> int | None:
        table = table_for(entity)
        stmt = select(table.c.version).where(table.c.id == entity_id)
        value = self._session.execute(stmt).scalar()
        return None if value is None else int(value)

    def store_doc(
        self,
        entity: str,
        entity_id: uuid.UUID,
        doc: dict[str, Any],
        *,
        hlc: str,
        min_version: int,
        extra: dict[str, Any] | None = None,
    ) -> int:
        """Insert or overwrite the local row from ``doc`` (no outbox); returns its version.

        The local version only grows (open editors then see the record changed): it becomes
        the larger of ``min_version`` and the stored version + 1.
        """
        table = table_for(entity)
        values = row_values(entity, doc, utc_now())
        if extra:
            values.update(extra)
        current = self.local_version(entity, entity_id)
        if current is None:
            version = max(min_version, 1)
            self._session.execute(
                insert(table).values(id=entity_id, version=version, hlc=hlc, **values)
            )
        else:
            version = max(min_version, current + 1)
            self._session.execute(
                update(table)
                .where(table.c.id == entity_id)
                .values(version=version, hlc=hlc, **values)
            )
        return version

    def edit_field(self, entity: str, entity_id: uuid.UUID, field: str, value: Any) -> int:
        """A counsellor's own change to one field (resolving a conflict): the row's next
        version, journalled like any local change. Returns the new version."""
        table = table_for(entity)
        version = self.local_version(entity, entity_id)
        if version is None:
            raise LookupError(f"no {entity} record {entity_id}")
        typed = row_values(
            entity, {**(self.local_doc(entity, entity_id) or {}), field: value}, utc_now()
        )
        now, actor, hlc = utc_now(), self._ctx.actor_id, self.stamp()
        values: dict[str, Any] = {field: typed[field]}
        if entity == "people":
            values["search_name"] = typed["search_name"]
        self._session.execute(
            update(table)
            .where(table.c.id == entity_id)
            .values(version=version + 1, updated_at=now, updated_by=actor, hlc=hlc, **values)
        )
        fields = {
            field: jsonable(typed[field]),
            "updated_at": jsonable(now),
            "updated_by": jsonable(actor),
        }
        write_outbox(
            self._ctx,
            entity=entity,
            entity_id=entity_id,
            op=UPSERT,
            version=version + 1,
            base_version=version,
            fields=fields,
            hlc=hlc,
        )
        return version + 1

    def delete_with_journal(self, entity: str, entity_id: uuid.UUID) -> None:
        """A counsellor's own deletion (resolving a conflict), journalled."""
        version = self.local_version(entity, entity_id)
        if version is None:
            return
        self.delete_local(entity, entity_id)
        self.journal(entity, entity_id, {}, version=version + 1, base_version=version, deleted=True)

    def pdf_bytes(self, sha256: str) -> bytes | None:
        """A stored signed PDF by its hash (to upload it)."""
        pdfs = SYNCED_TABLES["plan_pdfs"]
        value = self._session.execute(select(pdfs.c.pdf).where(pdfs.c.sha256 == sha256)).scalar()
        return None if value is None else bytes(value)

    def delete_local(self, entity: str, entity_id: uuid.UUID) -> None:
        table = table_for(entity)
        self._session.execute(delete(table).where(table.c.id == entity_id))

    def missing_parent(
        self, entity: str, doc: dict[str, Any], arriving: set[tuple[str, str]]
    ) -> str | None:
        """The first parent table a record points to that holds no such row (nor will
        after this page: ``arriving`` lists (table, id) of the page's live records)."""
        for column, parent in parents_of(entity):
            value = doc.get(column)
            if value is None or (parent, str(value)) in arriving:
                continue
            table = SYNCED_TABLES[parent]
            found = self._session.execute(
                select(table.c.id).where(table.c.id == uuid.UUID(str(value)))
            ).first()
            if found is None:
                return parent
        return None

    def answer_twin(self, interview_id: str, key: str, other_than: uuid.UUID) -> uuid.UUID | None:
        """Another answer row for the same question of the same interview, if any."""
        table = SYNCED_TABLES["answers"]
        stmt = select(table.c.id).where(
            table.c.interview_id == uuid.UUID(interview_id),
            table.c.key == key,
            table.c.id != other_than,
        )
        value = self._session.execute(stmt).scalar()
        return None if value is None else uuid.UUID(str(value))

    # -- merge base -----------------------------------------------------------------------------

    def base(self, entity: str, entity_id: uuid.UUID) -> BaseDoc | None:
        c = BASE.c
        row = self._session.execute(
            select(c.version, c.deleted, c.doc).where(c.entity == entity, c.entity_id == entity_id)
        ).first()
        return None if row is None else BaseDoc(int(row[0]), bool(row[1]), dict(row[2]))

    def set_base(
        self, entity: str, entity_id: uuid.UUID, version: int, doc: dict[str, Any], deleted: bool
    ) -> None:
        stmt = sqlite_insert(BASE).values(
            entity=entity, entity_id=entity_id, version=version, deleted=deleted, doc=doc
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[BASE.c.entity, BASE.c.entity_id],
            set_={"version": version, "deleted": deleted, "doc": doc},
        )
        self._session.execute(stmt)

    def digests(self) -> dict[str, tuple[int, str]]:
        """Per entity: (count, SHA-256 of sorted ``id:version`` lines) over the live records
        this device holds as the server confirmed them, like the server's integrity report.

        A parked record counts at the version it was received in (it is held, as received):
        one this device cannot store must not make every sync download its entity again.
        """
        versions: dict[tuple[str, str], int] = {}
        stmt = select(BASE.c.entity, BASE.c.entity_id, BASE.c.version).where(
            BASE.c.deleted.is_(False)
        )
        held = self._held_ids()
        for row in self._session.execute(stmt):
            key = (str(row[0]), str(row[1]))
            if key in held:
                versions[key] = int(row[2])
        versions.update(self.parked_versions())
        lines: dict[str, list[str]] = {}
        for (entity, entity_id), version in versions.items():
            lines.setdefault(entity, []).append(f"{entity_id}:{version}\n")
        return {
            entity: (len(items), hashlib.sha256("".join(sorted(items)).encode()).hexdigest())
            for entity, items in lines.items()
        }

    def _held_ids(self) -> set[tuple[str, str]]:
        held: set[tuple[str, str]] = set()
        for name, table in SYNCED_TABLES.items():
            ids: list[Any] = list(self._session.execute(select(table.c.id)).scalars())
            held.update((name, str(v)) for v in ids)
        stmt = select(PARKED.c.entity, PARKED.c.entity_id)
        held.update((str(row[0]), str(row[1])) for row in self._session.execute(stmt))
        return held

    # -- outbox ---------------------------------------------------------------------------------

    def pending(self, limit: int, after_seq: int = 0) -> list[OutboxEntry]:
        c = OUTBOX.c
        stmt = (
            select(OUTBOX)
            .where(c.status == PENDING, c.device_seq > after_seq)
            .order_by(c.device_seq)
            .limit(limit)
        )
        return [OutboxEntry(**row._mapping) for row in self._session.execute(stmt)]

    def entries(self, op_ids: Iterable[uuid.UUID]) -> list[OutboxEntry]:
        ids = list(op_ids)
        stmt = select(OUTBOX).where(OUTBOX.c.op_id.in_(ids)).order_by(OUTBOX.c.device_seq)
        return [OutboxEntry(**row._mapping) for row in self._session.execute(stmt)]

    def pending_ids_for(self, entity: str, entity_id: uuid.UUID) -> list[uuid.UUID]:
        c = OUTBOX.c
        stmt = select(c.op_id).where(
            c.entity == entity, c.entity_id == entity_id, c.status == PENDING
        )
        values: list[Any] = list(self._session.execute(stmt).scalars())
        return [uuid.UUID(str(v)) for v in values]

    def set_status(
        self, op_ids: Iterable[uuid.UUID], status: str, error: str | None = None
    ) -> None:
        ids = list(op_ids)
        if ids:
            self._session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.op_id.in_(ids), OUTBOX.c.status == PENDING)
                .values(status=status, error=error, sent_at=utc_now() if status == SENT else None)
            )

    def journal(
        self,
        entity: str,
        entity_id: uuid.UUID,
        fields: dict[str, Any],
        *,
        version: int,
        base_version: int | None,
        deleted: bool = False,
    ) -> None:
        """A change made by sync itself (a merge result, a sibling draft), to be pushed."""
        write_outbox(
            self._ctx,
            entity=entity,
            entity_id=entity_id,
            op=DELETE if deleted else UPSERT,
            version=version,
            base_version=base_version,
            fields=fields,
            hlc=self._ctx.clock.now(),
        )

    def status_counts(self) -> dict[str, int]:
        stmt = select(OUTBOX.c.status, func.count()).group_by(OUTBOX.c.status)
        return {str(row[0]): int(row[1]) for row in self._session.execute(stmt)}

    def record_states(self, entity_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
        """For each id: the outbox statuses of its changes, "synced" if the server confirmed
        a version, "conflict" if it has an open conflict. Three indexed queries per list."""
        ids = list(entity_ids)
        states: dict[uuid.UUID, set[str]] = {i: set() for i in ids}
        if not ids:
            return states
        c = OUTBOX.c
        stmt = select(c.entity_id, c.status).where(c.entity_id.in_(ids)).distinct()
        for entity_id, status in self._session.execute(stmt):
            states[uuid.UUID(str(entity_id))].add(str(status))
        stmt1 = select(BASE.c.entity_id).where(BASE.c.entity_id.in_(ids))
        for entity_id in self._session.execute(stmt1).scalars():
            states[uuid.UUID(str(entity_id))].add("synced")
        k = CONFLICTS.c
        stmt2 = select(k.entity_id).where(k.entity_id.in_(ids), k.resolved_at.is_(None))
        for entity_id in self._session.execute(stmt2).scalars():
            states[uuid.UUID(str(entity_id))].add("conflict")
        return states


__all__ = ["ERROR", "MERGED", "PENDING", "SENT", "BaseDoc", "ConflictRecord", "SyncRepository"]
