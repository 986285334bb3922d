"""The offer catalogue on the device, and the offer linked to a plan action.

Revision ID: 0009_offers
Revises: 0008_event_kind_index
Create Date: 2026-12-05 23:00:00

``catalogue_structures`` and ``catalogue_services`` hold the territory's data·inclusion
records (read-only, never pushed); ``offer_search_index`` is their FTS5 full-text index
(folded French text, rowid = the service's ``key``). ``actions.linked_offer`` keeps the
offer as it stood when linked.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_offers"
down_revision = "0008_event_kind_index"
branch_labels = None
depends_on = None


def _place_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("code_insee", sa.String(length=5), nullable=True),
        sa.Column("commune_key", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
    ]


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "catalogue_structures",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        *_place_columns(),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_catalogue_structures")),
        sa.UniqueConstraint("source", "id", name="uq_catalogue_structures_source_id"),
    )
    op.create_table(
        "catalogue_services",
        sa.Column("key", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("structure_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("thematiques", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("publics", sa.Text(), nullable=False),
        sa.Column("frais", sa.String(length=64), nullable=False),
        sa.Column("modes_accueil", sa.String(length=64), nullable=False),
        *_place_columns(),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_catalogue_services")),
        sa.UniqueConstraint("source", "id", name="uq_catalogue_services_source_id"),
    )
    for table in ("catalogue_structures", "catalogue_services"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_code_insee"), ["code_insee"])
            batch_op.create_index(batch_op.f(f"ix_{table}_commune_key"), ["commune_key"])
    with op.batch_alter_table("catalogue_services", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_catalogue_services_structure_id"), ["structure_id"])
        batch_op.create_index(
            "ix_catalogue_services_search",
            [
                "thematiques",
                "type",
                "publics",
                "frais",
                "modes_accueil",
                "latitude",
                "longitude",
                "name",
            ],
        )
    op.execute(
        "CREATE VIRTUAL TABLE offer_search_index USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("linked_offer", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("linked_offer")
    op.execute("DROP TABLE offer_search_index")
    op.drop_table("catalogue_services")
    op.drop_table("catalogue_structures")
