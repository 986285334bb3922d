"""Sharing follows the person: each record's person, who follows whom, the notices of files a
structure stopped following, and whose file each signed PDF belongs to (sync/sharing.py).

Existing records are given their person and their followers (sync/sharing_backfill.py), which
needs the server secret to open their documents: ``spie_server.db.upgrade`` passes it.

Revision ID: 0010_sharing
Revises: 0009_managers
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from spie_server.migrations.sealed_backfill import backfill_sealed_records
from spie_server.sync.sharing_backfill import backfill

revision = "0010_sharing"
down_revision = "0009_managers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("person_id", sa.Uuid(), nullable=True))
        batch.add_column(
            sa.Column("sensitive", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_records_territory_person", ["territory_id", "person_id"])
    op.create_table(
        "followers",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("structure", sa.String(length=200), nullable=False),
        sa.Column("sees_sensitive", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint(
            "territory_id", "person_id", "structure", name=op.f("pk_followers")
        ),
    )
    op.create_table(
        "unshares",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("structure", sa.String(length=200), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("territory_id", "structure", "person_id", name=op.f("pk_unshares")),
    )
    op.create_index("ix_unshares_structure_seq", "unshares", ["territory_id", "structure", "seq"])
    op.create_table(
        "blob_people",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("territory_id", "sha256", "person_id", name=op.f("pk_blob_people")),
    )
    backfill_sealed_records(backfill, "records whose person must be read")


def downgrade() -> None:
    op.drop_table("blob_people")
    op.drop_index("ix_unshares_structure_seq", table_name="unshares")
    op.drop_table("unshares")
    op.drop_table("followers")
    with op.batch_alter_table("records") as batch:
        batch.drop_index("ix_records_territory_person")
        batch.drop_column("sensitive")
        batch.drop_column("person_id")
