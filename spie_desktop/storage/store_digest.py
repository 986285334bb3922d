"""What a store holds, table by table: a row count and a digest of every row's content.

Ids are normalised to their canonical text whether stored as 36-character text (before
revision 0013) or as 16 bytes (since), so a store before and after a conversion of its ids
has the same digests exactly when no row, column or value was lost or changed. Row order
does not count (a rebuilt table may give its rows new rowids); the schema revision
(``alembic_version``) is left out: changing it is the point of an upgrade.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from . import catalogue_rows as catalogue_rows  # its tables on the one metadata
from .column_types import UUIDBytes
from .models import Base

UNCOMPARED = frozenset({"alembic_version"})
Digests = dict[str, tuple[int, str]]
#: ``on_rows`` hears of the rows read every this many rows, and at the end of each table.
ROWS_PER_REPORT = 2_000
RowsRead = Callable[[int], None]


def id_columns() -> dict[str, frozenset[str]]:
    """The columns holding a UUID, table by table, as the row classes declare them."""
    return {
        table.name: frozenset(c.name for c in table.columns if isinstance(c.type, UUIDBytes))
        for table in Base.metadata.sorted_tables
    }


def table_columns(conn: Any) -> dict[str, list[str]]:
    """Every real table (virtual tables are covered by their shadow tables) → its columns."""
    names = [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
        if name not in UNCOMPARED
    ]
    return {
        name: sorted(str(row[1]) for row in conn.execute(f'PRAGMA table_info("{name}")'))
        for name in names
    }


def row_counts(conn: Any, shape: dict[str, list[str]]) -> dict[str, int]:
    """Table name → its number of rows, over the tables of ``shape``."""
    return {
        table: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]) for table in shape
    }


def content_digests(
    conn: Any, shape: dict[str, list[str]] | None = None, on_rows: RowsRead | None = None
) -> Digests:
    """Table name → (rows, SHA-256 of its rows' normalised content), over ``shape`` (the
    tables and columns of an older store: what a migration adds is not compared), by
    default every table and column of this one. A table of ``shape`` missing here raises.
    ``on_rows(n)`` hears of ``n`` more rows read (see :data:`ROWS_PER_REPORT`)."""
    ids = id_columns()
    shape = table_columns(conn) if shape is None else shape
    heard = on_rows or (lambda _rows: None)
    return {
        table: _table_digest(conn, table, columns, ids.get(table, frozenset()), heard)
        for table, columns in shape.items()
    }


def _table_digest(
    conn: Any, table: str, columns: list[str], id_names: frozenset[str], on_rows: RowsRead
) -> tuple[int, str]:
    listed = ", ".join(f'"{c}"' for c in columns)
    is_id = [c in id_names for c in columns]
    row_digests = []
    for row in conn.execute(f'SELECT {listed} FROM "{table}"'):
        values = tuple(
            _id_text(value) if flag else value for value, flag in zip(row, is_id, strict=True)
        )
        row_digests.append(hashlib.sha256(repr(values).encode()).digest())
        if len(row_digests) % ROWS_PER_REPORT == 0:
            on_rows(ROWS_PER_REPORT)
    if len(row_digests) % ROWS_PER_REPORT:
        on_rows(len(row_digests) % ROWS_PER_REPORT)
    row_digests.sort()
    whole = hashlib.sha256(repr(columns).encode())
    for digest in row_digests:
        whole.update(digest)
    return len(row_digests), whole.hexdigest()


def _id_text(value: Any) -> Any:
    """The canonical text of an id however stored; anything else as it is (so that a value
    the conversion would have altered shows as a difference)."""
    try:
        if isinstance(value, bytes) and len(value) == 16:
            return str(uuid.UUID(bytes=value))
        if isinstance(value, str):
            return str(uuid.UUID(value))
    except ValueError:
        pass
    return value
