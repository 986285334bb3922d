"""Multi-agency case reviews: the sessions, and the cases put to them.

Revision ID: 0005_case_reviews
Revises: 0004_follow_up_details
Create Date: 2026-12-05 22:00:00

``case_reviews`` holds a session (when, where, who takes part: name, structure and role only);
``case_review_cases`` a person's situation flagged for a review, under a random pseudonymous
reference, with the question put to the group and the group's decisions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_case_reviews"
down_revision = "0004_follow_up_details"
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
        "case_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("structure_id", sa.String(length=36), nullable=True),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_reviews")),
    )
    with op.batch_alter_table("case_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_reviews_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "case_review_cases",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("review_id", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("include_sex", sa.Boolean(), nullable=False),
        sa.Column("decisions", sa.JSON(), nullable=False),
        sa.Column("flagged_at", sa.DateTime(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        *_record_columns(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_case_review_cases_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["case_reviews.id"],
            name=op.f("fk_case_review_cases_review_id_case_reviews"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_review_cases")),
    )
    with op.batch_alter_table("case_review_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_case_review_cases_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_review_cases_review_id"), ["review_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_case_review_cases_reference"), ["reference"], unique=False
        )


def downgrade() -> None:
    op.drop_table("case_review_cases")
    op.drop_table("case_reviews")
