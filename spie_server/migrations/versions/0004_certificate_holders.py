"""Certificates: the counsellor's field, and revocation (superseded certificates).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("field", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("revocation_reason", sa.String(length=32), nullable=True))
    op.create_index(
        op.f("ix_certificates_account_id"), "certificates", ["account_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_certificates_account_id"), table_name="certificates")
    with op.batch_alter_table("certificates") as batch:
        batch.drop_column("revocation_reason")
        batch.drop_column("revoked_at")
        batch.drop_column("field")
