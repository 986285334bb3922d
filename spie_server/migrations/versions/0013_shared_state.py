"""State every server process shares through the database instead of its own memory or disk:
the fingerprint of the server secret (so a host with another secret, or none, refuses to start
instead of making its own) and when each scheduled job last started (so N processes run the
daily retention once, not N times).

An existing database records the fingerprint its territory keys are already wrapped with.

Revision ID: 0013_shared_state
Revises: 0011_sharing_guard
Create Date: 2026-12-06
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0013_shared_state"
down_revision = "0011_sharing_guard"
branch_labels = None
depends_on = None

_FINGERPRINT = 8


def upgrade() -> None:
    op.create_table(
        "server_secret",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fingerprint", sa.LargeBinary(length=_FINGERPRINT), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_secret")),
    )
    op.create_table(
        "scheduled_runs",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduled_runs")),
    )
    wrapped = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT data_key FROM territories WHERE data_key IS NOT NULL ORDER BY id LIMIT 1"
            )
        )
        .scalar()
    )
    if wrapped is not None:  # a wrapped key starts with its wrapper's fingerprint (sealing.py)
        table = sa.table(
            "server_secret",
            sa.column("id", sa.Integer()),
            sa.column("fingerprint", sa.LargeBinary()),
            sa.column("recorded_at", sa.DateTime()),
        )
        now = datetime.now(UTC).replace(tzinfo=None)
        op.bulk_insert(
            table, [{"id": 1, "fingerprint": bytes(wrapped[:_FINGERPRINT]), "recorded_at": now}]
        )


def downgrade() -> None:
    op.drop_table("scheduled_runs")
    op.drop_table("server_secret")
