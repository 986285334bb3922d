"""Many rows in one statement: executemany of an insert, update or upsert compiled once per
table and columns, values converted column by column with the columns' own types (UUIDs,
UTC datetimes, JSON), so that SQLAlchemy's per-row parameter handling does not cost more
than SQLCipher's own work; and lists of ids cut for ``IN (...)``."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Dialect, Table, bindparam, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

#: Ids per ``IN (...)`` list: far under SQLite's limit on bound parameters.
IN_CHUNK = 500


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> int:
    """One executemany of an insert compiled once, values converted column by column
    with the columns' own types (UUID text, UTC datetimes, JSON): SQLAlchemy's
    per-row parameter handling would cost more than SQLCipher's work. Every row must have
    the same keys (one mapping made them all)."""
    if not rows:
        return 0
    connection = session.connection()
    sql, order = _insert_sql(table, tuple(sorted(rows[0])), connection.dialect)
    if sorted(order) != sorted(rows[0]):
        raise ValueError(f"bulk rows for {table.name} do not match its insert statement")
    _execute_many(session, table, sql, order, rows)
    return len(rows)


def update_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> int:
    """One executemany of an update by ``id``, compiled once, values converted as
    :func:`insert_rows` converts them. Every row holds ``id`` and the same other keys."""
    if not rows:
        return 0
    connection = session.connection()
    names = tuple(sorted(n for n in rows[0] if n != "id"))
    sql, order = _update_sql(table, names, connection.dialect)
    _execute_many(session, table, sql, order, rows)
    return len(rows)


def upsert_rows(
    session: Session, table: Table, rows: list[dict[str, Any]], index: tuple[str, ...]
) -> int:
    """One executemany of an insert that overwrites the row already holding the same
    ``index`` values, converted as :func:`insert_rows` converts them."""
    if not rows:
        return 0
    connection = session.connection()
    sql, order = _upsert_sql(table, tuple(sorted(rows[0])), index, connection.dialect)
    _execute_many(session, table, sql, order, rows)
    return len(rows)


@functools.lru_cache(maxsize=256)
def _upsert_sql(
    table: Table, names: tuple[str, ...], index: tuple[str, ...], dialect: Dialect
) -> tuple[str, list[str]]:
    stmt = sqlite_insert(table).values({n: bindparam(n) for n in names})
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c[n] for n in index],
        set_={n: stmt.excluded[n] for n in names if n not in index},
    )
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), list(compiled.positiontup or ())


@functools.lru_cache(maxsize=256)
def _insert_sql(table: Table, names: tuple[str, ...], dialect: Dialect) -> tuple[str, list[str]]:
    compiled = insert(table).values({n: bindparam(n) for n in names}).compile(dialect=dialect)
    return str(compiled), list(compiled.positiontup or ())


@functools.lru_cache(maxsize=256)
def _update_sql(table: Table, names: tuple[str, ...], dialect: Dialect) -> tuple[str, list[str]]:
    """An update of ``names`` where ``id`` is the row's (its parameter is named ``id``)."""
    stmt = (
        update(table)
        .where(table.c.id == bindparam("row_id", type_=table.c.id.type))
        .values({n: bindparam(n, type_=table.c[n].type) for n in names})
    )
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), ["id" if n == "row_id" else n for n in compiled.positiontup or ()]


def _execute_many(
    session: Session, table: Table, sql: str, order: list[str], rows: list[dict[str, Any]]
) -> None:
    connection = session.connection()
    columns = []
    for name in order:
        values = [row[name] for row in rows]
        process = table.c[name].type.bind_processor(connection.dialect)
        columns.append(values if process is None else list(map(process, values)))
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def in_chunks(values: Iterable[Any], size: int = IN_CHUNK) -> Iterator[list[Any]]:
    """``values`` cut into lists short enough for one ``IN (...)`` of SQLite."""
    items = list(values)
    for start in range(0, len(items), size):
        yield items[start : start + size]
