"""Server sequence numbers: drawn freely by concurrent writers, published gap-free to pulls.

A pull asks for ``seq > since`` within one territory, so a page must never show seq N while a
smaller seq of the same territory may still be committed later: the puller would move its
``since`` past it and skip it for good.

**PostgreSQL.** Writers of one territory do not wait for one another. A transaction that
needs numbers first publishes a *claim*, then draws them from the ``change_seq`` sequence
(cache 1, so strictly increasing across sessions):

- the claim is a shared, transaction-level advisory lock whose key carries the territory and
  the sequence's last value *before* the draw (the claim's floor: every number the
  transaction draws afterwards is greater). PostgreSQL shows it in ``pg_locks`` to every
  session at once and drops it when the transaction ends — committed, rolled back, or its
  connection lost — so a claim can never outlive its transaction;
- a pull first computes the territory's **watermark** in one statement: ``S``, the
  sequence's last value, then — after it, the subquery depends on it — the smallest floor
  ``F`` among the territory's claims; the watermark is ``min(S, F)``. The page is then read,
  in a later statement (READ COMMITTED: a snapshot taken after the watermark), up to it.

Why nothing below the watermark can appear later: a number ``n <= S`` was drawn before
``S`` was read, by a transaction that held its claim (floor ``< n``) since before drawing.
If that claim was still held when the claims were read, the watermark is at most its floor,
below ``n``. If it was gone, the transaction had ended before that read: committed, so the
page's later snapshot sees its rows, or rolled back, so ``n`` is abandoned for good. Numbers
above ``S`` are not served yet. A slow push therefore only holds pulls back at its own floor
(until it ends), and never holds back the other pushes.

The claim's key is ``CLAIM_TAG | territory << 44 | floor`` (a bigint advisory key: in
``pg_locks`` its high half is ``classid`` and its low half ``objid``): territories below
2^18 and sequence numbers below 2^44 (checked). The same statement takes the territory's
guard lock in shared mode: ``spie-server`` key rotation takes it exclusively, so no push
writes under the old key while the documents are re-sealed.

**SQLite** serialises writers (``BEGIN IMMEDIATE``): commit order is draw order, so a counter
row stands in for the sequence and its committed value is the watermark.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The territory's guard lock (plus its id): shared by writers, exclusive for key rotation.
TERRITORY_LOCK_BASE = 0x5E1E_0000_0000
#: Claim keys: this tag bit, then the territory id, then the claim's floor.
CLAIM_TAG = 1 << 62
FLOOR_BITS = 44
MAX_TERRITORY_ID = (1 << (62 - FLOOR_BITS)) - 1
MAX_SEQ = (1 << FLOOR_BITS) - 1

_LAST_VALUE = "coalesce(pg_sequence_last_value('change_seq'), 0)"

#: The claim comes from a materialised CTE joined to every drawn row, so it is held before
#: the first ``nextval`` is evaluated; one round trip for both.
_CLAIM_AND_DRAW = text(
    "WITH claim AS MATERIALIZED ("
    " SELECT pg_advisory_xact_lock_shared(CAST(:guard AS bigint)),"
    f" pg_advisory_xact_lock_shared(CAST(:claim AS bigint) + {_LAST_VALUE}))"
    " SELECT nextval('change_seq') FROM generate_series(1, :n), claim"
)

#: ``S`` first (a materialised CTE), then the claims: the subquery reads ``s.last`` so it
#: runs after it. Claims of this territory: classid in [tag | territory << 12, + 4096).
_WATERMARK = text(
    f"WITH s AS MATERIALIZED (SELECT {_LAST_VALUE} AS last)"
    " SELECT least(s.last, ("
    "  SELECT min(((l.classid::bigint & 4095) << 32) | l.objid::bigint) FROM pg_locks AS l"
    "  WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND s.last >= 0"
    "   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    "   AND l.classid::bigint >= :low AND l.classid::bigint < :low + 4096"
    " )) FROM s"
)


_COUNTER = text("SELECT value FROM counters WHERE name = 'change_seq'")


def _claim_base(territory_id: int) -> int:
    if not 0 < territory_id <= MAX_TERRITORY_ID:
        raise ValueError(f"territory id {territory_id} does not fit a sequence claim")
    return CLAIM_TAG | territory_id << FLOOR_BITS


def lock_and_draw(session: Session, territory_id: int, count: int) -> list[int]:
    """Claim (until the transaction ends) and draw ``count`` fresh numbers, ascending.

    Never waits for another writer of the territory (only for a key rotation)."""
    if session.get_bind().dialect.name == "postgresql":
        if count == 0:
            return []
        rows = session.execute(
            _CLAIM_AND_DRAW,
            {
                "guard": TERRITORY_LOCK_BASE + territory_id,
                "claim": _claim_base(territory_id),
                "n": count,
            },
        )
        seqs = sorted(int(r[0]) for r in rows)
        if seqs[-1] > MAX_SEQ:
            raise RuntimeError("change_seq passed 2^44: sequence claims cannot name it")
        return seqs
    if count == 0:
        return []
    last: int = session.execute(
        text("UPDATE counters SET value = value + :n WHERE name = 'change_seq' RETURNING value"),
        {"n": count},
    ).scalar_one()
    return list(range(int(last) - count + 1, int(last) + 1))


def watermark(session: Session, territory_id: int) -> int:
    """The highest seq a pull of the territory may serve now: every number up to it is
    committed (and visible to the caller's next statement) or abandoned. Call it in its own
    statement, before the reads it bounds, in READ COMMITTED. On SQLite, the counter: a writer
    moves it in the transaction that writes its records, so what it shows is committed.

    It may step back a little (a claim read after its floor was passed), never below a number
    still to be committed: a pull serves nothing below the ``since`` it was asked for anyway."""
    if session.get_bind().dialect.name != "postgresql":
        return int(session.execute(_COUNTER).scalar_one())
    low = _claim_base(territory_id) >> 32
    return int(session.execute(_WATERMARK, {"low": low}).scalar_one())
