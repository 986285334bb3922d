"""The merge base: per record, the last version the territory server confirmed, with its
whole document (what a three-way merge starts from), and what follows from it — the digests
compared with the server's integrity report and the per-record sync state of a list."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..entities import ENTITY_SPECS
from ..models import SyncBaseRow, table_of
from .base import OUTBOX, Repository
from .bulk_rows import in_chunks, upsert_rows
from .sync_inbox import CONFLICTS, PARKED, SyncInboxRepository

BASE = table_of(SyncBaseRow)


@dataclass(frozen=True)
class BaseDoc:
    version: int
    deleted: bool
    doc: dict[str, Any]


class MergeBaseRepository(Repository):
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

    def bases_of(self, entity: str, ids: Collection[uuid.UUID]) -> dict[uuid.UUID, BaseDoc]:
        """The merge bases of these records that exist, by id (one query per chunk)."""
        c = BASE.c
        found: dict[uuid.UUID, BaseDoc] = {}
        for chunk in in_chunks(ids):
            stmt = select(c.entity_id, c.version, c.deleted, c.doc).where(
                c.entity == entity, c.entity_id.in_(chunk)
            )
            for row in self._session.execute(stmt):
                found[row[0]] = BaseDoc(int(row[1]), bool(row[2]), dict(row[3]))
        return found

    def set_bases(
        self, entity: str, bases: list[tuple[uuid.UUID, int, dict[str, Any], bool]]
    ) -> None:
        """:meth:`set_base` for many records of one entity, (id, version, doc, deleted) each:
        one statement."""
        rows = [
            {"entity": entity, "entity_id": i, "version": v, "deleted": d, "doc": doc}
            for i, v, doc, d in bases
        ]
        upsert_rows(self._session, BASE, rows, ("entity", "entity_id"))

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
        versions.update(SyncInboxRepository(self._ctx).parked_versions())
        lines: dict[str, list[str]] = {}
        for (entity, entity_id), version in versions.items():
            lines.setdefault(entity, []).append(f"{entity_id}:{version}\n")
        return {
            entity: (len(items), hashlib.sha256("".join(sorted(items)).encode()).hexdigest())
            for entity, items in lines.items()
        }

    def _held_ids(self) -> set[tuple[str, str]]:
        held: set[tuple[str, str]] = set()
        for name, spec in ENTITY_SPECS.items():
            ids: list[Any] = list(self._session.execute(select(spec.table.c.id)).scalars())
            held.update((name, str(v)) for v in ids)
        stmt = select(PARKED.c.entity, PARKED.c.entity_id)
        held.update((str(row[0]), str(row[1])) for row in self._session.execute(stmt))
        return held

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
