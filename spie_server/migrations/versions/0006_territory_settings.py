"""Territory settings: a territory's alert thresholds, sent to its devices at sync.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "territory_settings",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("alert_rules", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name=op.f("fk_territory_settings_territory_id_territories"),
        ),
        sa.PrimaryKeyConstraint("territory_id", name=op.f("pk_territory_settings")),
    )


def downgrade() -> None:
    op.drop_table("territory_settings")
