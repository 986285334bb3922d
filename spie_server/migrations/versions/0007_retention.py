"""Retention: a territory's rules for forgetting a person's file (months after the end of
support, months without activity), beside its alert thresholds; and the ids of purged records,
so that no device brings a purged file back (as digests: not even the ids stay).

Revision ID: 0007_retention
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_retention"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("territory_settings") as batch:
        batch.add_column(sa.Column("retention", sa.JSON(), nullable=True))
    op.create_table(
        "purged_ids",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("id_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("territory_id", "id_sha256", name=op.f("pk_purged_ids")),
    )


def downgrade() -> None:
    op.drop_table("purged_ids")
    with op.batch_alter_table("territory_settings") as batch:
        batch.drop_column("retention")
