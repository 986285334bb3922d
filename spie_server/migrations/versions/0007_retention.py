"""Retention: a territory's rules for forgetting a person's file (months after the end of
support, months without activity), beside its alert thresholds.

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


def downgrade() -> None:
    with op.batch_alter_table("territory_settings") as batch:
        batch.drop_column("retention")
