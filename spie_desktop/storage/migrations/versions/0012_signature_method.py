"""How each signature was given: drawn on the pad, or typed and confirmed on the keyboard.

Revision ID: 0012_signature_method
Revises: 0011_person_language
Create Date: 2026-12-06 05:45:00

``signatures.method`` is "drawn" or "typed"; every signature recorded before was drawn.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_signature_method"
down_revision = "0011_person_language"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    with op.batch_alter_table("signatures") as batch:
        batch.add_column(
            sa.Column("method", sa.String(length=8), nullable=False, server_default="drawn")
        )


def downgrade() -> None:
    with op.batch_alter_table("signatures") as batch:
        batch.drop_column("method")
