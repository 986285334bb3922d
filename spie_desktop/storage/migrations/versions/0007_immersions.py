"""Immersions (PMSMP conventions) and the employers that host them.

Revision ID: 0007_immersions
Revises: 0006_purges
Create Date: 2026-12-05 23:00:00

``immersions`` holds a convention for a plan action (host company, tutor, periods, objective,
trade, assessment); ``employers`` the companies that hosted or hired, with no person data.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_immersions"
down_revision = "0006_purges"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("hlc", sa.String(length=40), nullable=False),
    ]


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "immersions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("company_address", sa.Text(), nullable=False),
        sa.Column("company_commune", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=200), nullable=False),
        sa.Column("tutor_name", sa.String(length=200), nullable=False),
        sa.Column("tutor_function", sa.String(length=200), nullable=False),
        sa.Column("tutor_phone", sa.String(length=40), nullable=False),
        sa.Column("tutor_email", sa.String(length=200), nullable=False),
        sa.Column("periods", sa.JSON(), nullable=False),
        sa.Column("weekly_minutes", sa.Integer(), nullable=True),
        sa.Column("objective", sa.String(length=16), nullable=False),
        sa.Column("trade_code", sa.String(length=8), nullable=False),
        sa.Column("trade_label", sa.String(length=200), nullable=False),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("renewal_of", sa.String(length=36), nullable=True),
        sa.Column("assessment", sa.JSON(), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_immersions_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_immersions")),
    )
    with op.batch_alter_table("immersions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_immersions_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_immersions_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_immersions_siret"), ["siret"], unique=False)

    op.create_table(
        "employers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=220), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("sector", sa.String(length=200), nullable=False),
        sa.Column("commune", sa.String(length=200), nullable=False),
        sa.Column("trades", sa.JSON(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("contact_email", sa.String(length=200), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employers")),
    )
    with op.batch_alter_table("employers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employers_key"), ["key"], unique=False)


def downgrade() -> None:
    op.drop_table("employers")
    op.drop_table("immersions")
