"""Writing many rows in few statements, the fast way for each database.

PostgreSQL: the rows travel as one JSON parameter expanded by ``json_populate_recordset``, so
a batch of 500 changes costs one round trip and one tiny, cacheable SQL text per table (a
multi-row VALUES list would be a huge statement that psycopg parses again each time). Those
texts go to the driver as they are (``exec_driver_sql``): nothing to compile or to key a
cache with, and the JSON is written by orjson, several times faster than the standard module
(the cost of a push's writes was mostly these two).
SQLite: a plain executemany, which is in-process and cheap.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Table, any_, bindparam, insert, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.types import TypeEngine


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    insert_into_tables(session, [(table, rows)])


def insert_into_tables(session: Session, parts: list[tuple[Table, list[dict[str, Any]]]]) -> None:
    """Rows into several tables; on PostgreSQL in one statement (one round trip: the inserts
    but the last are data-modifying CTEs), each table's rows as one JSON parameter."""
    parts = [(table, rows) for table, rows in parts if rows]
    if not parts:
        return
    if session.get_bind().dialect.name != "postgresql":
        for table, rows in parts:
            session.connection().execute(insert(table), rows)
        return
    inserts = []
    params: dict[str, str] = {}
    for index, (table, rows) in enumerate(parts):
        columns = ", ".join(f'"{name}"' for name in rows[0])
        inserts.append(
            f"INSERT INTO {table.name} ({columns}) SELECT {columns} "
            f"FROM json_populate_recordset(NULL::{table.name}, %(rows_{index})s)"
        )
        params[f"rows_{index}"] = _as_json(rows)
    ctes = ", ".join(f"i{index} AS ({sql})" for index, sql in enumerate(inserts[:-1]))
    sql = (f"WITH {ctes} " if ctes else "") + inserts[-1]
    session.connection().exec_driver_sql(sql, params)


def update_rows(
    session: Session, table: Table, keys: Sequence[str], rows: list[dict[str, Any]]
) -> int:
    """Update rows matched by their ``keys`` columns; return how many were updated."""
    if not rows:
        return 0
    values = [name for name in rows[0] if name not in keys]
    if session.get_bind().dialect.name == "postgresql":
        assignments = ", ".join(f'"{name}" = n."{name}"' for name in values)
        matches = " AND ".join(f't."{name}" = n."{name}"' for name in keys)
        result = session.connection().exec_driver_sql(
            f"UPDATE {table.name} AS t SET {assignments} "
            f"FROM json_populate_recordset(NULL::{table.name}, %(rows)s) AS n WHERE {matches}",
            {"rows": _as_json(rows)},
        )
        return int(result.rowcount)
    statement = (
        update(table)
        .where(*(table.c[name] == bindparam(f"k_{name}") for name in keys))
        .values({name: bindparam(name) for name in values})
    )
    params = [{**{f"k_{k}": r[k] for k in keys}, **{v: r[v] for v in values}} for r in rows]
    session.connection().execute(statement, params)
    return len(rows)  # SQLite's executemany rowcount is unreliable; keys were read under lock


def one_of(
    session: Session,
    column: ColumnElement[Any] | InstrumentedAttribute[Any],
    values: list[Any],
    sqltype: TypeEngine[Any],
) -> ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``= ANY(array)``: one parameter, one cached text."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(sqltype)))
    return column.in_(values)


def _as_json(rows: list[dict[str, Any]]) -> str:
    try:
        return orjson.dumps(rows, default=_plain).decode()
    except TypeError:
        # What orjson refuses (an integer past 64 bits, a lone surrogate): the standard module
        # writes it as before, and PostgreSQL answers as it did.
        return json.dumps(rows, default=_plain, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> str:
    if isinstance(value, bytes):
        return "\\x" + value.hex()  # bytea's hex input form (sealed documents)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
