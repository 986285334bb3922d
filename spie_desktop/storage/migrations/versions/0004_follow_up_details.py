"""Follow-up events say what their kind records: a contact's channel, a contract, a check-in.

Revision ID: 0004_follow_up_details
Revises: 0003_sync
Create Date: 2026-12-05 20:00:00

``follow_up_events.details`` holds plain JSON values (null for the events recorded before).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_follow_up_details"
down_revision = "0003_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Frozen: plain SQLAlchemy types, so later changes to the models cannot alter this file.
    with op.batch_alter_table("follow_up_events") as batch:
        batch.add_column(sa.Column("details", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("follow_up_events") as batch:
        batch.drop_column("details")
