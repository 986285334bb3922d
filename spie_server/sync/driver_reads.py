"""The push's lookups on PostgreSQL, written for the driver and sent as they are.

Each push of 20 changes runs these reads once: built as SQLAlchemy statements they cost more
in Python (building the statement, keying the compiled cache, the ORM's execution path) than
PostgreSQL spends answering them. Here they are plain SQL texts with ``%(name)s`` parameters
(``Connection.exec_driver_sql``: nothing to compile; the same text each time, so psycopg
prepares it). Identifiers come from the models, never from a request. SQLite keeps the
SQLAlchemy statements of the callers (push.py, people_of.py, purge.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias, cast

from sqlalchemy import Row
from sqlalchemy.orm import Session

from spie_server.models import Batch, Op, PurgedId, Record, table_of

#: A row of any columns (read by name or position).
AnyRow: TypeAlias = Row[*tuple[Any, ...]]

_RECORDS = table_of(Record).name
_OPS = table_of(Op).name
_BATCHES = table_of(Batch).name
_PURGED = table_of(PurgedId).name


def rows(session: Session, sql: str, params: Mapping[str, Any]) -> Sequence[AnyRow]:
    return session.connection().exec_driver_sql(sql, dict(params)).all()


def seen_before(
    session: Session, territory: int, op_ids: list[uuid.UUID], batch_id: uuid.UUID, marker: str
) -> Sequence[AnyRow]:
    """The ops recorded for ``op_ids``, and the batch as one more row whose status is
    ``marker`` (push._seen_before)."""
    sql = (
        "SELECT op_id, payload_hash, status, seq, version, reason_code, reason_message"
        f" FROM {_OPS} WHERE territory_id = %(t)s AND op_id = ANY(%(ids)s)"
        " UNION ALL SELECT batch_id, payload_hash, %(marker)s::varchar, NULL::bigint,"
        f" NULL::integer, NULL::varchar, NULL::varchar FROM {_BATCHES}"
        " WHERE territory_id = %(t)s AND batch_id = %(batch)s"
    )
    params = {"t": territory, "ids": op_ids, "marker": marker, "batch": batch_id}
    return rows(session, sql, params)


def current_records(
    session: Session, territory: int, by_entity: Mapping[str, list[uuid.UUID]]
) -> Sequence[AnyRow]:
    """The stored records among ``by_entity``, row-locked, in key order (push._current_records)."""
    wanted, params = _keys(by_entity)
    sql = (
        "SELECT entity, entity_id, version, doc, deleted, hlc, device_id, seq"
        f" FROM {_RECORDS} WHERE territory_id = %(t)s AND {wanted}"
        " ORDER BY entity, entity_id FOR UPDATE"
    )
    return rows(session, sql, {**params, "t": territory})


def people_of_records(
    session: Session, territory: int, by_entity: Mapping[str, list[uuid.UUID]]
) -> Sequence[Row[str, uuid.UUID, uuid.UUID | None]]:
    """(entity, entity_id, person_id) of the stored records among ``by_entity`` that have
    a person (people_of.people_on_server)."""
    wanted, params = _keys(by_entity)
    sql = (
        f"SELECT entity, entity_id, person_id FROM {_RECORDS}"
        f" WHERE territory_id = %(t)s AND person_id IS NOT NULL AND {wanted}"
    )
    found = rows(session, sql, {**params, "t": territory})
    return cast("Sequence[Row[str, uuid.UUID, uuid.UUID | None]]", found)


def purged_digests(session: Session, territory: int, digests: list[str]) -> list[str]:
    """Those of ``digests`` a purge recorded (purge.purged_among)."""
    sql = f"SELECT id_sha256 FROM {_PURGED} WHERE territory_id = %(t)s AND id_sha256 = ANY(%(d)s)"
    return [row[0] for row in rows(session, sql, {"t": territory, "d": digests})]


def _keys(by_entity: Mapping[str, list[uuid.UUID]]) -> tuple[str, dict[str, Any]]:
    """``(entity = … AND entity_id = ANY(…)) OR …``: per entity, one array parameter (the
    primary key's index serves each)."""
    parts: list[str] = []
    params: dict[str, Any] = {}
    for n, (entity, ids) in enumerate(sorted(by_entity.items())):
        parts.append(f"(entity = %(e{n})s AND entity_id = ANY(%(i{n})s))")
        params[f"e{n}"], params[f"i{n}"] = entity, list(ids)
    return "(" + " OR ".join(parts) + ")", params
