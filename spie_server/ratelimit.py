"""Token buckets per client address, kept in the database so that every worker shares them.

Several uvicorn workers on one PostgreSQL database (or several processes on one SQLite file)
take from the same bucket, so N workers do not multiply the limit. A bucket is one row,
locked while it is read and written (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
``BEGIN IMMEDIATE`` serialises writers anyway). A bucket full again is the same as no bucket,
so such rows are deleted as limits are taken: the table holds only the addresses that asked
within the last refill period, whatever a client rotates.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from spie_server.models import RateBucket
from spie_server.settings import RateLimit
from spie_server.transactions import in_transaction

KEY_MAX = 120


class TokenBuckets:
    def __init__(
        self,
        engine: Engine,
        limit: RateLimit,
        name: str,
        clock: Callable[[], float] = time.time,  # wall clock: shared by processes and hosts
    ) -> None:
        self._engine = engine
        self._limit = limit
        self._name = name
        self._clock = clock

    def take(self, address: str) -> float:
        """Take one token for ``address``; return 0 if allowed, else seconds until one is free."""
        key = f"{self._name}:{address}"[:KEY_MAX]
        return in_transaction(self._engine, lambda session: self._take(session, key))

    def _take(self, session: Session, key: str) -> float:
        burst = float(self._limit.burst)
        rate = self._limit.per_minute / 60.0
        now = self._clock()
        forgotten = now - burst / rate  # a bucket untouched this long is full again
        session.execute(
            delete(RateBucket).where(
                RateBucket.updated_at < forgotten, RateBucket.key.startswith(f"{self._name}:")
            )
        )
        row = session.execute(
            select(RateBucket).where(RateBucket.key == key).with_for_update()
        ).scalar_one_or_none()
        now = max(now, self._clock())  # the lock may have been waited for
        tokens = (
            burst if row is None else min(burst, row.tokens + max(0.0, now - row.updated_at) * rate)
        )
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        if row is None:
            session.add(RateBucket(key=key, tokens=tokens, updated_at=now))
        else:
            row.tokens, row.updated_at = tokens, now
        return 0.0 if allowed else (1.0 - tokens) / rate
