"""The follow-up events' person index also holds what a path reads of each event.

Revision ID: 0014_event_path_index
Revises: 0013_binary_ids
Create Date: 2026-12-06 14:20:00

The point de situation reads every event of the store, grouped by person. With an index on
``person_id`` alone, that read either scans the whole table (every column of every row
decrypted) or looks each row up from the index, one page at a time. An index on
(person_id, kind, occurred_at, details) holds everything the path needs, in person order:
SQLite groups by person while scanning it, with no sort and no table lookup. It replaces
the ``person_id`` index (its leading column answers the same lookups), so writing an event
still maintains the same number of indexes.
"""

from __future__ import annotations

from alembic import op

revision = "0014_event_path_index"
down_revision = "0013_binary_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_follow_up_events_path",
        "follow_up_events",
        ["person_id", "kind", "occurred_at", "details"],
    )
    op.drop_index("ix_follow_up_events_person_id", table_name="follow_up_events")


def downgrade() -> None:
    op.create_index("ix_follow_up_events_person_id", "follow_up_events", ["person_id"])
    op.drop_index("ix_follow_up_events_path", table_name="follow_up_events")
