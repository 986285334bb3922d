"""Token bucket per client address, in process memory.

Behind several uvicorn workers each worker keeps its own buckets, so the effective limit is
the configured one times the number of workers; that is still ample against code guessing
(enrolment codes carry ~47 bits and expire).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from spie_server.settings import RateLimit

MAX_TRACKED = 10_000


class TokenBuckets:
    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = limit
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one token for ``key``; return 0 if allowed, else seconds until one is free."""
        rate = self._limit.per_minute / 60.0
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(key, (float(self._limit.burst), now))
            tokens = min(float(self._limit.burst), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._store(key, tokens - 1.0, now)
                return 0.0
            self._store(key, tokens, now)
            return (1.0 - tokens) / rate

    def _store(self, key: str, tokens: float, now: float) -> None:
        if len(self._buckets) >= MAX_TRACKED and key not in self._buckets:
            self._buckets.clear()  # crude, bounded memory; only ever forgets limits
        self._buckets[key] = (tokens, now)
