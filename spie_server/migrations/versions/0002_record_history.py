"""Every version of every record kept, record owners, held deletions.

Backfill: each record's owner is the structure of the device that wrote its earliest known
version (its creator when version 1 is in history, else the last writer: the best guess left);
the current version of every record not yet in ``record_versions`` is copied there, so history
starts from the migration for entities that were not versioned before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_BACKFILL_OWNER = """
UPDATE records SET owner_structure = (
    SELECT d.structure FROM devices d WHERE d.id = COALESCE(
        (SELECT v.device_id FROM record_versions v
         WHERE v.territory_id = records.territory_id AND v.entity = records.entity
           AND v.entity_id = records.entity_id
         ORDER BY v.version LIMIT 1),
        records.device_id))
"""

_BACKFILL_HISTORY = """
INSERT INTO record_versions
    (territory_id, entity, entity_id, version, doc, deleted, hlc, device_id, seq, stored_at)
SELECT r.territory_id, r.entity, r.entity_id, r.version, r.doc, r.deleted, r.hlc, r.device_id,
       r.seq, r.updated_at
FROM records r
WHERE NOT EXISTS (
    SELECT 1 FROM record_versions v
    WHERE v.territory_id = r.territory_id AND v.entity = r.entity
      AND v.entity_id = r.entity_id AND v.version = r.version)
"""


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("owner_structure", sa.String(length=200), nullable=True))
    op.create_index(
        "ix_record_versions_device", "record_versions", ["device_id", "stored_at"], unique=False
    )
    op.create_table(
        "held_deletions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("held_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_deletions")),
    )
    op.create_index(
        op.f("ix_held_deletions_territory_id"), "held_deletions", ["territory_id"], unique=False
    )
    op.execute(_BACKFILL_OWNER)
    op.execute(_BACKFILL_HISTORY)


def downgrade() -> None:
    op.drop_index(op.f("ix_held_deletions_territory_id"), table_name="held_deletions")
    op.drop_table("held_deletions")
    op.drop_index("ix_record_versions_device", table_name="record_versions")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("owner_structure")
