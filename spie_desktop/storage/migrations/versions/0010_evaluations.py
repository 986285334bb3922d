"""The people's own evaluations, and the token that links one person's evaluations.

Revision ID: 0010_evaluations
Revises: 0009_offers
Create Date: 2026-12-06 02:00:00

``evaluations`` holds what a person answered when handed the screen (structure, month, step,
a random token, the answers): no person, counsellor or interview id. ``people.evaluation_token``
keeps the person's token so that their later evaluations carry the same one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_evaluations"
down_revision = "0009_offers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "evaluations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("structure", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("wants_groups", sa.Boolean(), nullable=True),
        sa.Column("suggestion", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluations")),
    )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evaluation_token", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("evaluation_token")
    op.drop_table("evaluations")
