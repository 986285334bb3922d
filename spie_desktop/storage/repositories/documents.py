"""Local records as documents, for the sync engine: read, store (remote records, never
journalled: a pulled change must not travel back), delete, and the few edits a counsellor
makes through sync (resolving a conflict), which are journalled like any local change.

Every entity is handled alike, through its spec (:mod:`..entities`) and the one mapping
between a row and its wire document (:mod:`.sync_rows`).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import delete, insert, select, update

from spie_desktop.domain.records import utc_now

from ..entities import ENTITY_SPECS, is_synced, spec_of
from .base import UPSERT, Repository, jsonable, write_outbox
from .bulk_rows import in_chunks, insert_rows, update_rows
from .outbox import OutboxRepository
from .sync_rows import row_values, table_for, to_doc, typed_value


class LocalDocumentRepository(Repository):
    def stamp(self) -> str:
        """A fresh HLC timestamp of this device."""
        return self._ctx.clock.now()

    def observe(self, remote_hlc: str) -> None:
        """Fold a remote timestamp into this device's clock (ignored if malformed)."""
        with contextlib.suppress(ValueError):
            self._ctx.clock.observe(remote_hlc)

    def knows(self, entity: str) -> bool:
        """True when this version of the application synchronises ``entity``."""
        return is_synced(entity)

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
        values.update({name: typed[name] for name in spec_of(entity).derived})
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

    def delete_local(self, entity: str, entity_id: uuid.UUID) -> None:
        table = table_for(entity)
        self._session.execute(delete(table).where(table.c.id == entity_id))

    def delete_with_journal(self, entity: str, entity_id: uuid.UUID) -> None:
        """A counsellor's own deletion (resolving a conflict), journalled."""
        version = self.local_version(entity, entity_id)
        if version is None:
            return
        self.delete_local(entity, entity_id)
        OutboxRepository(self._ctx).journal(
            entity, entity_id, {}, version=version + 1, base_version=version, deleted=True
        )

    def blob_bytes(self, digest: str) -> bytes | None:
        """Stored blob bytes (a signed PDF) by their hash, to upload them."""
        for spec in ENTITY_SPECS.values():
            if spec.blob is None:
                continue
            column, named = spec.table.c[spec.blob.column], spec.table.c[spec.blob.hash_field]
            value = self._session.execute(select(column).where(named == digest)).scalar()
            if value is not None:
                return bytes(value)
        return None

    def missing_parent(
        self, entity: str, doc: dict[str, Any], arriving: set[tuple[str, str]]
    ) -> str | None:
        """The first parent entity a record points to that holds no such row (nor will
        after this page: ``arriving`` lists (entity, id) of the page's live records)."""
        for column, parent in spec_of(entity).parents:
            value = doc.get(column)
            if value is None or (parent, str(value)) in arriving:
                continue
            table = table_for(parent)
            found = self._session.execute(
                select(table.c.id).where(table.c.id == uuid.UUID(str(value)))
            ).first()
            if found is None:
                return parent
        return None

    def twin(self, entity: str, doc: dict[str, Any], other_than: uuid.UUID) -> uuid.UUID | None:
        """Another record with the same twin key as ``doc`` (the same question of the same
        interview, for answers), if the entity has twins and there is one."""
        twins = spec_of(entity).twins
        if twins is None:
            return None
        table = table_for(entity)
        conditions = [table.c.id != other_than]
        for column in twins.key:
            conditions.append(table.c[column] == typed_value(table.c[column].type, doc.get(column)))
        value = self._session.execute(select(table.c.id).where(*conditions)).scalar()
        return None if value is None else uuid.UUID(str(value))

    # -- many records at once (a pulled page) --------------------------------------------------

    def held(
        self, entity: str, ids: Collection[uuid.UUID], columns: Iterable[str] = ()
    ) -> dict[uuid.UUID, dict[str, Any]]:
        """The ``version`` (and ``columns``) of the rows of these ids that are held here."""
        table = table_for(entity)
        wanted = [table.c.id, table.c.version, *(table.c[name] for name in columns)]
        found: dict[uuid.UUID, dict[str, Any]] = {}
        for chunk in in_chunks(ids):
            for row in self._session.execute(select(*wanted).where(table.c.id.in_(chunk))):
                found[row[0]] = dict(row._mapping)
        return found

    def existing_ids(self, entity: str, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """Those of ``ids`` that have a row here."""
        return set(self.held(entity, ids))

    def twin_rows(
        self, entity: str, first_key_values: Collection[Any]
    ) -> dict[uuid.UUID, tuple[Any, ...]]:
        """The twin key of every row whose first key column is one of these values (the
        answers of these interviews), by id."""
        twins = spec_of(entity).twins
        if twins is None:
            return {}
        table = table_for(entity)
        keys = [table.c[column] for column in twins.key]
        found: dict[uuid.UUID, tuple[Any, ...]] = {}
        for chunk in in_chunks(first_key_values):
            stmt = select(table.c.id, *keys).where(keys[0].in_(chunk))
            for row in self._session.execute(stmt):
                found[row[0]] = tuple(row[1:])
        return found

    def insert_rows(self, entity: str, rows: list[dict[str, Any]]) -> None:
        """Insert whole rows (``id``, ``version``, ``hlc`` and column values), in one
        statement per set of keys, in order (no outbox: records from the server)."""
        for batch in _same_keys(rows):
            insert_rows(self._session, table_for(entity), batch)

    def update_rows(self, entity: str, rows: list[dict[str, Any]]) -> None:
        """Overwrite rows by ``id``, in one statement per set of keys, in order (no outbox)."""
        for batch in _same_keys(rows):
            update_rows(self._session, table_for(entity), batch)

    def delete_many(self, entity: str, ids: Collection[uuid.UUID]) -> None:
        table = table_for(entity)
        for chunk in in_chunks(ids):
            self._session.execute(delete(table).where(table.c.id.in_(chunk)))


def _same_keys(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Consecutive runs of rows with the same keys (one statement each), order kept."""
    runs: list[list[dict[str, Any]]] = []
    for row in rows:
        if runs and runs[-1][0].keys() == row.keys():
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs
