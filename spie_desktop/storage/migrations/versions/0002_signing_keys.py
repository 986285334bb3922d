"""Signing identities: one key pair and certificate per counsellor, the key wrapped.

Revision ID: 0002_signing_keys
Revises: 0001_initial
Create Date: 2026-11-27 22:40:00

Stores created before this revision get their counsellors' identities lazily, at first
signing (services.signing_keys).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_signing_keys"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    op.create_table(
        "signing_keys",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("counsellor_id", sa.String(length=36), nullable=False),
        sa.Column("wrapped_key", sa.LargeBinary(), nullable=False),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.Column("chain_pem", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["counsellor_id"],
            ["counsellors.id"],
            name=op.f("fk_signing_keys_counsellor_id_counsellors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_keys")),
    )
    with op.batch_alter_table("signing_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signing_keys_counsellor_id"), ["counsellor_id"], unique=False
        )


def downgrade() -> None:
    raise RuntimeError("the store is never migrated downwards")
