"""The offer catalogue: data·inclusion structures and services imported for each territory,
and each territory's offer change sequence.

Revision ID: 0008_offers
Revises: 0007_retention
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_offers"
down_revision = "0007_retention"
branch_labels = None
depends_on = None


def _catalogue_table(name: str, *extra: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("record_id", sa.String(length=300), nullable=False),
        *extra,
        sa.Column("doc", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["territory_id"], ["territories.id"], name=op.f(f"fk_{name}_territory_id_territories")
        ),
        sa.PrimaryKeyConstraint("territory_id", "source", "record_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_territory_seq", name, ["territory_id", "seq"])


def upgrade() -> None:
    _catalogue_table("offer_structures")
    _catalogue_table(
        "offer_services", sa.Column("structure_id", sa.String(length=300), nullable=False)
    )
    op.create_table(
        "offer_counters",
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["territory_id"],
            ["territories.id"],
            name=op.f("fk_offer_counters_territory_id_territories"),
        ),
        sa.PrimaryKeyConstraint("territory_id", name=op.f("pk_offer_counters")),
    )


def downgrade() -> None:
    op.drop_table("offer_counters")
    op.drop_index("ix_offer_services_territory_seq", table_name="offer_services")
    op.drop_table("offer_services")
    op.drop_index("ix_offer_structures_territory_seq", table_name="offer_structures")
    op.drop_table("offer_structures")
