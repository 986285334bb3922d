"""Identifiers as 16-byte blobs instead of 36-character text.

Revision ID: 0013_binary_ids
Revises: 0012_signature_method
Create Date: 2026-12-06 08:00:00

Every UUID column (primary keys, foreign keys, authors, outbox and sync ids) becomes a BLOB
holding the UUID's 16 bytes: answers, keyed by their interview, carried their ids three or
four times over in rows and indexes. Each table is rebuilt as SQLite documents it (a new
table, the rows copied with their ids converted, the old one dropped, the new one renamed,
its indexes made again); the outbox's AUTOINCREMENT counter is carried over, so a device
sequence number is never reused.

A store with data must be converted with foreign keys OFF (dropping a parent table with
them ON would cascade-delete its children): ``storage.copy_upgrade`` runs this migration on
a copy of the file, verifies it and swaps it in. A new, empty store runs it directly.
The conversion tells the hook under ``schema.ROWS_HOOK`` (if the caller set one) how many
rows it has converted, every few thousand rows: unlocking shows it.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import Any

from alembic import op
from sqlalchemy import Connection

from spie_desktop.storage.schema import ROWS_HOOK, RowsHook

revision = "0013_binary_ids"
down_revision = "0012_signature_method"
branch_labels = None
depends_on = None

# Frozen: the UUID columns of revision 0012, every one declared VARCHAR(36).
ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "structures": ("id", "updated_by"),
    "counsellors": ("id", "structure_id", "updated_by"),
    "people": ("id", "updated_by"),
    "consents": ("id", "person_id", "recorded_by", "updated_by"),
    "interviews": ("id", "person_id", "social_counsellor_id", "emploi_counsellor_id", "updated_by"),
    "answers": ("id", "interview_id", "author_id", "updated_by"),
    "plans": ("id", "person_id", "interview_id", "supersedes_id", "updated_by"),
    "objectives": ("id", "plan_id", "updated_by"),
    "actions": ("id", "objective_id", "updated_by"),
    "signatures": ("id", "plan_id", "counsellor_id", "updated_by"),
    "plan_pdfs": ("id", "plan_id", "updated_by"),
    "signing_keys": ("id", "counsellor_id"),
    "follow_up_events": ("id", "person_id", "action_id", "updated_by"),
    "case_reviews": ("id", "structure_id", "author_id", "updated_by"),
    "case_review_cases": ("id", "person_id", "review_id", "author_id", "updated_by"),
    "purges": ("id", "person_id", "updated_by"),
    "immersions": ("id", "person_id", "action_id", "renewal_of", "updated_by"),
    "employers": ("id", "updated_by"),
    "evaluations": ("id", "updated_by"),
    "audit_events": ("id", "actor_id", "entity_id", "updated_by"),
    "outbox": ("op_id", "entity_id"),
    "sync_base": ("entity_id",),
    "sync_conflicts": ("id", "entity_id"),
    "sync_parked": ("entity_id",),
}
CONVERT = "spie_convert_id"
NEW_SUFFIX = "__0013"
ROWS_PER_REPORT = 2_000


def uuid_bytes(value: Any) -> bytes | None:
    """The 16 bytes of a stored id. Anything that is not a UUID raises: the conversion then
    stops and the store stays as it was, rather than storing a broken id."""
    if value is None:
        return None
    if isinstance(value, bytes) and len(value) == 16:
        return value
    return uuid.UUID(str(value)).bytes


def uuid_text(value: Any) -> str | None:
    """The canonical text of a stored id (for the downgrade)."""
    if value is None:
        return None
    if isinstance(value, bytes) and len(value) == 16:
        return str(uuid.UUID(bytes=value))
    return str(uuid.UUID(str(value)))


def upgrade() -> None:
    _rebuild_all(uuid_bytes, "VARCHAR(36)", "BLOB")


def downgrade() -> None:
    _rebuild_all(uuid_text, "BLOB", "VARCHAR(36)")


def _rebuild_all(convert: Callable[[Any], Any], old_type: str, new_type: str) -> None:
    bind = op.get_bind()
    driver = bind.connection.driver_connection
    assert driver is not None
    if _foreign_keys_on(bind) and _holds_rows(bind):
        raise RuntimeError("0013_binary_ids must run with foreign keys off (storage.copy_upgrade)")
    on_rows = _rows_hook()
    rows = {
        table: int(bind.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one())
        for table in ID_COLUMNS
    }
    total, done = sum(rows.values()), 0
    # Dropping the outbox drops its AUTOINCREMENT counter: put every counter back as it was.
    counters = bind.exec_driver_sql("SELECT name, seq FROM sqlite_sequence").all()
    for table, columns in ID_COLUMNS.items():
        if on_rows is None:
            driver.create_function(CONVERT, 1, convert, deterministic=True)
        else:
            counted = _counting(convert, len(columns), done, total, on_rows)
            driver.create_function(CONVERT, 1, counted)
        _rebuild(bind, table, columns, old_type, new_type)
        done += rows[table]
        if on_rows is not None:
            on_rows(done, total)
    bind.exec_driver_sql("DELETE FROM sqlite_sequence")
    for name, seq in counters:
        bind.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (name, seq))


def _rows_hook() -> RowsHook | None:
    config = op.get_context().config
    return None if config is None else config.attributes.get(ROWS_HOOK)


def _counting(
    convert: Callable[[Any], Any], per_row: int, before: int, total: int, on_rows: RowsHook
) -> Callable[[Any], Any]:
    """``convert``, telling ``on_rows`` every :data:`ROWS_PER_REPORT` rows: SQLite calls it
    once per id column of each row, NULLs included."""
    calls = 0
    every = per_row * ROWS_PER_REPORT

    def counted(value: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls % every == 0:
            on_rows(before + calls // per_row, total)
        return convert(value)

    return counted


def _foreign_keys_on(bind: Connection) -> bool:
    return bool(bind.exec_driver_sql("PRAGMA foreign_keys").scalar())


def _holds_rows(bind: Connection) -> bool:
    return any(
        bind.exec_driver_sql(f'SELECT 1 FROM "{table}" LIMIT 1').first() for table in ID_COLUMNS
    )


def _rebuild(
    bind: Connection, table: str, id_columns: tuple[str, ...], old_type: str, new_type: str
) -> None:
    create: str = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    indexes = [
        str(sql)
        for (sql,) in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    columns = [str(row[1]) for row in bind.exec_driver_sql(f'PRAGMA table_info("{table}")')]
    new_table = table + NEW_SUFFIX
    bind.exec_driver_sql(_retyped(str(create), table, new_table, id_columns, old_type, new_type))
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f'{CONVERT}("{c}")' if c in id_columns else f'"{c}"' for c in columns)
    bind.exec_driver_sql(f'INSERT INTO "{new_table}" ({names}) SELECT {values} FROM "{table}"')
    bind.exec_driver_sql(f'DROP TABLE "{table}"')
    bind.exec_driver_sql(f'ALTER TABLE "{new_table}" RENAME TO "{table}"')
    for sql in indexes:
        bind.exec_driver_sql(sql)


def _retyped(
    create: str,
    table: str,
    new_table: str,
    id_columns: tuple[str, ...],
    old_type: str,
    new_type: str,
) -> str:
    """The table's own CREATE statement, renamed, its id columns declared ``new_type``."""
    # SQLAlchemy wrote the name bare; a table SQLite renamed has it quoted.
    heads = [f"CREATE TABLE {table} (", f'CREATE TABLE "{table}" (']
    head = next((h for h in heads if create.startswith(h)), None)
    if head is None:
        raise RuntimeError(f"unexpected definition of {table}")
    ddl = f'CREATE TABLE "{new_table}" (' + create[len(head) :]
    for column in id_columns:
        pattern = rf'([(,]\s*)("?{column}"?) {re.escape(old_type)}(?=[ ,\n])'
        ddl, count = re.subn(pattern, rf"\1\2 {new_type}", ddl)
        if count != 1:
            raise RuntimeError(f"{table}.{column} is not an id column of type {old_type}")
    return ddl
