"""Indexes that keep a push's sharing work proportional to what it changed
(sync/sharing_index.py): the counsellors each person's file names, and the records each
orphan waits for.

Existing files are indexed (sync/sharing_backfill.py), which needs the server secret to open
their documents: ``spie_server.db.upgrade`` passes it.

Revision ID: 0011_sharing_guard
Revises: 0010_sharing
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from spie_server.migrations.sealed_backfill import backfill_sealed_records
from spie_server.sync.sharing_backfill import backfill_indexes

revision = "0011_sharing_guard"
down_revision = "0010_sharing"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_counsellors",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("counsellor_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint(
            "territory_id", "counsellor_id", "person_id", name=op.f("pk_person_counsellors")
        ),
    )
    op.create_index(
        "ix_person_counsellors_person", "person_counsellors", ["territory_id", "person_id"]
    )
    op.create_table(
        "orphan_parents",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint(
            "territory_id", "parent_id", "entity", "entity_id", name=op.f("pk_orphan_parents")
        ),
    )
    op.create_index(
        "ix_orphan_parents_record", "orphan_parents", ["territory_id", "entity", "entity_id"]
    )
    backfill_sealed_records(backfill_indexes, "records to index")


def downgrade() -> None:
    op.drop_index("ix_orphan_parents_record", table_name="orphan_parents")
    op.drop_table("orphan_parents")
    op.drop_index("ix_person_counsellors_person", table_name="person_counsellors")
    op.drop_table("person_counsellors")
