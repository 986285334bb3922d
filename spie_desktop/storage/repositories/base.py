"""What every repository shares: the unit of work's session, actor and clock; the outbox
journal of changes; and the generic add/save/get of one versioned record.

Repositories speak SQLAlchemy Core against the ORM models' tables: each write is one explicit
statement, nothing is cached between units of work, and no ORM object ever leaves storage.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Row, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.records import Record, utc_now

from ..entities import ENTITY_SPECS, label_fr
from ..errors import StaleRecord
from ..hlc import HybridClock
from ..models import OutboxRow, table_of
from .bulk_rows import in_chunks, insert_rows

D = TypeVar("D", bound=Record)
OUTBOX = table_of(OutboxRow)
UPSERT = "upsert"
DELETE = "delete"
PENDING = "pending"
SENT = "sent"
#: Columns every record row carries; not the entity's own fields.
RECORD_COLUMNS = frozenset({"id", "version", "updated_at", "updated_by", "hlc"})
# Built once: constructing statements costs more than running them on the autosave path.
_OUTBOX_INSERT = insert(OUTBOX)


@dataclass
class Context:
    """The part of a unit of work that repositories need."""

    session: Session
    actor_id: uuid.UUID | None
    clock: HybridClock


def jsonable(value: Any) -> Any:
    """A value as it travels in the outbox: UUIDs and dates as text, tuples as lists."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    raise TypeError(f"cannot put {type(value).__name__} in the outbox")


def write_outbox(
    ctx: Context,
    *,
    entity: str,
    entity_id: uuid.UUID,
    op: str,
    version: int,
    base_version: int | None,
    fields: dict[str, Any],
    hlc: str,
) -> None:
    """Journal one change; the caller's transaction makes it atomic with the change."""
    ctx.session.execute(
        _OUTBOX_INSERT,
        outbox_entry(
            entity=entity,
            entity_id=entity_id,
            op=op,
            version=version,
            base_version=base_version,
            fields=fields,
            hlc=hlc,
        ),
    )


def outbox_entry(
    *,
    entity: str,
    entity_id: uuid.UUID,
    op: str,
    version: int,
    base_version: int | None,
    fields: dict[str, Any],
    hlc: str,
) -> dict[str, Any]:
    """The outbox row journalling one change."""
    return {
        "op_id": uuid.uuid4(),
        "op": op,
        "entity": entity,
        "entity_id": entity_id,
        "version": version,
        "base_version": base_version,
        "fields": fields,
        "hlc": hlc,
        "created_at": utc_now(),
        "sent_at": None,
        "status": PENDING,
    }


class Repository:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    @property
    def _session(self) -> Session:
        return self._ctx.session


class RecordRepository(Repository, ABC, Generic[D]):
    """add / save / get for one table whose rows map to one domain dataclass."""

    table: ClassVar[Table]

    @property
    def entity(self) -> str:
        return self.table.name

    @property
    def _derived(self) -> frozenset[str]:
        """Columns computed from other columns (a folded name): stored, never journalled."""
        spec = ENTITY_SPECS.get(self.entity)
        return frozenset(spec.derived) if spec is not None else frozenset()

    @abstractmethod
    def _to_row(self, item: D) -> dict[str, Any]:
        """The entity's own columns (everything but id/version/updated_*/hlc)."""

    @abstractmethod
    def _from_row(self, row: Row[Any]) -> D:
        """The domain object stored in ``row``."""

    def _derive(self, values: dict[str, Any]) -> dict[str, Any]:
        spec = ENTITY_SPECS.get(self.entity)
        return spec.derive(values) if spec is not None else {}

    def new_row(self, item: D, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Every column of the row that stores a new ``item`` (plus ``extra`` columns), with
        a fresh HLC stamp. Stamps ``item.updated_by`` with the actor if it has none.

        The one mapping shared by :meth:`add` and the bulk loader of demo data.
        """
        if item.updated_by is None:
            item.updated_by = self._ctx.actor_id
        values = self._to_row(item)
        if extra:
            values.update(extra)
        row = {
            "id": item.id,
            "hlc": self._ctx.clock.now(),
            "version": item.version,
            "updated_at": item.updated_at,
            "updated_by": item.updated_by,
        }
        row.update(values)
        row.update(self._derive(values))
        return row

    def _insert(self, item: D, extra: dict[str, Any] | None = None) -> None:
        """Insert ``item`` (plus ``extra`` columns, journalled too) and journal it."""
        row = self.new_row(item, extra)
        self._session.execute(insert(self.table).values(**row))
        self._session.execute(_OUTBOX_INSERT, self._journal_entry(item, row))

    def _journal_entry(self, item: D, row: dict[str, Any]) -> dict[str, Any]:
        skipped = RECORD_COLUMNS | self._derived
        fields = {k: jsonable(v) for k, v in row.items() if k not in skipped}
        fields.update(updated_at=jsonable(item.updated_at), updated_by=jsonable(item.updated_by))
        return outbox_entry(
            entity=self.entity,
            entity_id=item.id,
            op=UPSERT,
            version=item.version,
            base_version=None,
            fields=fields,
            hlc=row["hlc"],
        )

    def _current(self, item_id: uuid.UUID) -> Row[Any] | None:
        return self._session.execute(select(self.table).where(self.table.c.id == item_id)).first()

    def _changes(self, current: Row[Any], item: D) -> dict[str, Any]:
        values = self._to_row(item)
        now = current._mapping
        return {k: v for k, v in values.items() if jsonable(now[k]) != jsonable(v)}

    def _update(self, item: D, changed: dict[str, Any], expected_version: int) -> None:
        """Write ``changed`` as the next version of ``item``, then stamp ``item`` in place."""
        new_version = expected_version + 1
        now = utc_now()
        actor = self._ctx.actor_id
        hlc = self._ctx.clock.now()
        stored = dict(changed)
        if self._derived:
            stored.update(self._derive(self._to_row(item)))
        result = self._session.execute(
            update(self.table)
            .where(self.table.c.id == item.id, self.table.c.version == expected_version)
            .values(version=new_version, updated_at=now, updated_by=actor, hlc=hlc, **stored)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleRecord(self.entity, expected_version, None)
        fields = {k: jsonable(v) for k, v in changed.items()}
        fields.update(updated_at=jsonable(now), updated_by=jsonable(actor))
        write_outbox(
            self._ctx,
            entity=self.entity,
            entity_id=item.id,
            op=UPSERT,
            version=new_version,
            base_version=expected_version,
            fields=fields,
            hlc=hlc,
        )
        item.version, item.updated_at, item.updated_by = new_version, now, actor

    def _delete(self, item_id: uuid.UUID, version: int) -> None:
        hlc = self._ctx.clock.now()
        self._session.execute(delete(self.table).where(self.table.c.id == item_id))
        write_outbox(
            self._ctx,
            entity=self.entity,
            entity_id=item_id,
            op=DELETE,
            version=version + 1,
            base_version=version,
            fields={},
            hlc=hlc,
        )

    # -- public -------------------------------------------------------------------------------

    def add(self, item: D) -> D:
        """Store a new record (version 1, or the version it came with) and journal it."""
        self._insert(item)
        return item

    def add_many(self, items: Sequence[D]) -> None:
        """Store many new records, each journalled exactly as :meth:`add` journals one, in
        two multi-row statements (a list import: thousands of records in one transaction)."""
        if not items:
            return
        rows = [self.new_row(item) for item in items]
        insert_rows(self._session, self.table, rows)
        entries = [self._journal_entry(item, row) for item, row in zip(items, rows, strict=True)]
        insert_rows(self._session, OUTBOX, entries)

    def save(self, item: D) -> D:
        """Store the changes to ``item`` as its next version.

        Raises :class:`StaleRecord` if the stored version is not ``item.version`` (someone
        else saved in between). Saving an unchanged record writes nothing.
        """
        current = self._current(item.id)
        if current is None:
            raise self._not_found()
        if current._mapping["version"] != item.version:
            raise StaleRecord(self.entity, item.version, current._mapping["version"])
        changed = self._changes(current, item)
        if changed:
            self._update(item, changed, item.version)
        return item

    def get(self, item_id: uuid.UUID) -> D:
        row = self._current(item_id)
        if row is None:
            raise self._not_found()
        return self._from_row(row)

    def get_many(self, item_ids: Sequence[uuid.UUID]) -> list[D]:
        """:meth:`get` of each id (NotFound if one is missing), one query per chunk."""
        return [self._from_row(row) for row in self._rows_of(item_ids)]

    def _rows_of(self, item_ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
        rows: list[Row[Any]] = []
        for chunk in in_chunks(dict.fromkeys(item_ids)):
            rows += self._session.execute(select(self.table).where(self.table.c.id.in_(chunk)))
        if len(rows) != len(set(item_ids)):
            raise self._not_found()
        return rows

    def find(self, item_id: uuid.UUID) -> D | None:
        row = self._current(item_id)
        return None if row is None else self._from_row(row)

    def _not_found(self) -> NotFound:
        return NotFound(
            say("{entity} introuvable.", entity=label_fr(self.entity)),
            f"{self.entity} record not found",
        )

    def _select_where(self, *conditions: Any, order_by: Any = None) -> list[D]:
        stmt = select(self.table).where(*conditions)
        if order_by is not None:
            stmt = (
                stmt.order_by(*order_by) if isinstance(order_by, tuple) else stmt.order_by(order_by)
            )
        return [self._from_row(row) for row in self._session.execute(stmt)]


def meta_columns(row: Row[Any]) -> dict[str, Any]:
    m = row._mapping
    return {
        "id": m["id"],
        "version": m["version"],
        "updated_at": m["updated_at"],
        "updated_by": m["updated_by"],
    }
