"""Tombstones: the ``purges`` table, one row per person whose file was forgotten.

Revision ID: 0006_purges
Revises: 0005_case_reviews
Create Date: 2026-12-05 22:00:00

A ``purges`` record carries no identity (the person's id, why, the day); it is pushed to the
territory server (erasure on request) or pulled from it (retention, or another device's
erasure), and every device then forgets that person. No foreign key: the person is gone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_purges"
down_revision = "0005_case_reviews"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "purges",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("purged_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=36), nullable=True),
        sa.Column("hlc", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purges")),
    )
    with op.batch_alter_table("purges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_purges_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("purges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_purges_person_id"))
    op.drop_table("purges")
