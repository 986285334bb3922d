"""Seal record documents and blob chunks at rest under a per-territory data key.

Adds each territory's wrapped data key and turns ``records.doc``, ``record_versions.doc`` and
``blob_chunks.data`` into ciphertext (spie_server/sealing.py). Rows already in the database are
converted in place, which needs the server secret: ``spie_server.db.upgrade`` passes it (the
server and every ``spie-server`` command do), and an upgrade without it stops with a clear
message before changing anything when there are rows to convert.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from spie_server.sealing import TerritoryKey, new_data_key, territory_key, wrap_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_territories = sa.table(
    "territories",
    sa.column("id", sa.Integer),
    sa.column("data_key_id", sa.Integer),
    sa.column("data_key", sa.LargeBinary),
)
_DOC_TABLES = ("records", "record_versions")


def _doc_table(name: str, column: str, kind: sa.types.TypeEngine[Any]) -> sa.TableClause:
    return sa.table(
        name,
        sa.column("territory_id", sa.Integer),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Uuid),
        sa.column("version", sa.Integer),
        sa.column(column, kind),
    )


def _chunk_table(column: str, kind: sa.types.TypeEngine[Any]) -> sa.TableClause:
    return sa.table(
        "blob_chunks",
        sa.column("territory_id", sa.Integer),
        sa.column("sha256", sa.String),
        sa.column("offset", sa.BigInteger),
        sa.column(column, kind),
    )


def _secret() -> bytes:
    secret: Callable[[], bytes] | None = context.config.attributes.get("secret")
    if secret is None:
        raise RuntimeError(
            "the database holds territories whose data must be sealed or opened with the "
            "server secret: run `spie-server db upgrade` with the server's --data-dir"
        )
    return secret()


def _has_territories() -> bool:
    return op.get_bind().execute(sa.text("SELECT 1 FROM territories LIMIT 1")).first() is not None


def upgrade() -> None:
    secret = _secret() if _has_territories() else None
    with op.batch_alter_table("territories") as batch:
        batch.add_column(sa.Column("data_key_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("data_key", sa.LargeBinary(), nullable=True))
    for name in _DOC_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("sealed_doc", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("blob_chunks") as batch:
        batch.add_column(sa.Column("sealed_data", sa.LargeBinary(), nullable=True))
    if secret is not None:
        _seal_existing(secret)
    for name in _DOC_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("doc")
            batch.alter_column(
                "sealed_doc",
                new_column_name="doc",
                existing_type=sa.LargeBinary(),
                nullable=False,
            )
    with op.batch_alter_table("blob_chunks") as batch:
        batch.drop_column("data")
        batch.alter_column(
            "sealed_data", new_column_name="data", existing_type=sa.LargeBinary(), nullable=False
        )


def downgrade() -> None:
    secret = _secret() if _has_territories() else None
    for name in _DOC_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("plain_doc", sa.JSON(), nullable=True))
    with op.batch_alter_table("blob_chunks") as batch:
        batch.add_column(sa.Column("plain_data", sa.LargeBinary(), nullable=True))
    if secret is not None:
        _open_existing(secret)
    for name in _DOC_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("doc")
            batch.alter_column(
                "plain_doc", new_column_name="doc", existing_type=sa.JSON(), nullable=False
            )
    with op.batch_alter_table("blob_chunks") as batch:
        batch.drop_column("data")
        batch.alter_column(
            "plain_data", new_column_name="data", existing_type=sa.LargeBinary(), nullable=False
        )
    # Not through a batch: on SQLite that rebuilds the table, which the rows of devices,
    # enrolment codes and records refer to (SQLite 3.35+ drops a column in place).
    op.execute("ALTER TABLE territories DROP COLUMN data_key")
    op.execute("ALTER TABLE territories DROP COLUMN data_key_id")


def _seal_existing(secret: bytes) -> None:
    bind = op.get_bind()
    keys: dict[int, TerritoryKey] = {}
    territory_ids: list[int] = list(bind.execute(sa.select(_territories.c.id)).scalars())
    for territory_id in territory_ids:
        wrapped = wrap_key(secret, territory_id, 1, new_data_key())
        bind.execute(
            _territories.update()
            .where(_territories.c.id == territory_id)
            .values(data_key_id=1, data_key=wrapped)
        )
        keys[territory_id] = territory_key(secret, territory_id, 1, wrapped)
    for name in _DOC_TABLES:
        plain = _doc_table(name, "doc", sa.JSON())
        sealed = _doc_table(name, "sealed_doc", sa.LargeBinary())
        for row in bind.execute(sa.select(plain)).all():
            key = keys[row.territory_id]
            bind.execute(
                sealed.update()
                .where(*_same_doc(sealed, row))
                .values(sealed_doc=key.seal_doc(row.entity, row.entity_id, row.version, row.doc))
            )
    plain_chunks = _chunk_table("data", sa.LargeBinary())
    sealed_chunks = _chunk_table("sealed_data", sa.LargeBinary())
    for row in bind.execute(sa.select(plain_chunks)).all():
        key = keys[row.territory_id]
        bind.execute(
            sealed_chunks.update()
            .where(*_same_chunk(sealed_chunks, row))
            .values(sealed_data=key.seal_chunk(row.sha256, row.offset, row.data))
        )


def _open_existing(secret: bytes) -> None:
    bind = op.get_bind()
    keys = {
        row.id: territory_key(secret, row.id, row.data_key_id, row.data_key)
        for row in bind.execute(sa.select(_territories)).all()
    }
    for name in _DOC_TABLES:
        sealed = _doc_table(name, "doc", sa.LargeBinary())
        plain = _doc_table(name, "plain_doc", sa.JSON())
        for row in bind.execute(sa.select(sealed)).all():
            doc = keys[row.territory_id].open_doc(row.entity, row.entity_id, row.version, row.doc)
            bind.execute(plain.update().where(*_same_doc(plain, row)).values(plain_doc=doc))
    sealed_chunks = _chunk_table("data", sa.LargeBinary())
    plain_chunks = _chunk_table("plain_data", sa.LargeBinary())
    for row in bind.execute(sa.select(sealed_chunks)).all():
        data = keys[row.territory_id].open_chunk(row.sha256, row.offset, row.data)
        bind.execute(
            plain_chunks.update().where(*_same_chunk(plain_chunks, row)).values(plain_data=data)
        )


def _same_doc(table: sa.TableClause, row: Any) -> list[sa.ColumnElement[bool]]:
    return [
        table.c.territory_id == row.territory_id,
        table.c.entity == row.entity,
        table.c.entity_id == row.entity_id,
        table.c.version == row.version,
    ]


def _same_chunk(table: sa.TableClause, row: Any) -> list[sa.ColumnElement[bool]]:
    return [
        table.c.territory_id == row.territory_id,
        table.c.sha256 == row.sha256,
        table.c.offset == row.offset,
    ]
