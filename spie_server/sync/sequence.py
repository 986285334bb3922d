"""Server sequence numbers: monotonic across the server, and gap-safe for pulls.

A pull asks for ``seq > since`` within one territory, so a page must never show seq N while a
smaller seq of the same territory is still uncommitted (the puller would skip it for good).
Sequence numbers are therefore drawn at the end of a push, under a per-territory lock held
until commit: within a territory, commit order is sequence order. On PostgreSQL the numbers
come from the ``change_seq`` sequence (safe with any number of workers) and the lock is a
transaction-level advisory lock; on SQLite ``BEGIN IMMEDIATE`` already serialises writers and a
counter row stands in for the sequence.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

TERRITORY_LOCK_BASE = 0x5E1E_0000_0000


#: The lock comes from a materialised CTE joined to every row, so it is held before the first
#: ``nextval`` is evaluated; one round trip for both.
_LOCK_AND_DRAW = text(
    "WITH held AS MATERIALIZED (SELECT pg_advisory_xact_lock(:k)) "
    "SELECT nextval('change_seq') FROM generate_series(1, :n), held"
)


def lock_and_draw(session: Session, territory_id: int, count: int) -> list[int]:
    """Take the territory's sequence lock (until commit), then ``count`` fresh numbers."""
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            _LOCK_AND_DRAW, {"k": TERRITORY_LOCK_BASE + territory_id, "n": count}
        )
        return sorted(int(r[0]) for r in rows)
    if count == 0:
        return []
    last: int = session.execute(
        text("UPDATE counters SET value = value + :n WHERE name = 'change_seq' RETURNING value"),
        {"n": count},
    ).scalar_one()
    return list(range(int(last) - count + 1, int(last) + 1))
