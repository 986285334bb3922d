"""The language each person reads their consent and plan in.

Revision ID: 0011_person_language
Revises: 0010_evaluations
Create Date: 2026-12-06 02:30:00

``people.language`` is a BCP 47 code; every person recorded before reads French.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_person_language"
down_revision = "0010_evaluations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    with op.batch_alter_table("people") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=35), nullable=False, server_default="fr")
        )


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("language")
