"""Sync state: the server's copy of each record (merge base), conflicts, rejected changes.

Revision ID: 0003_sync
Revises: 0002_signing_keys
Create Date: 2026-11-28 10:00:00

``sync_base`` holds, per record, the last version the territory server confirmed and its
whole document: the base of the three-way merge when a local change meets a remote one.
``sync_conflicts`` keeps every local value that lost against the server's, until a
counsellor resolves it. ``sync_parked`` keeps pulled records that cannot be stored yet (a
parent record or a PDF still missing). ``outbox.error`` says why the server refused a change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sync"
down_revision = "0002_signing_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "sync_base",
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("doc", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_base")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("local_value", sa.JSON(), nullable=True),
        sa.Column("server_value", sa.JSON(), nullable=True),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflicts_entity_id", ["entity_id"], unique=False)
    op.create_table(
        "sync_parked",
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_sync_parked")),
    )
    op.add_column("outbox", sa.Column("error", sa.Text(), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_entity_id", ["entity_id"], unique=False)


def downgrade() -> None:
    raise RuntimeError("the store is never migrated downwards")
