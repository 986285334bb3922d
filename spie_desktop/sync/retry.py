"""Retries with exponential backoff and full jitter, bounded per request and per run."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import PayloadTooLarge, RateLimited, SyncError

T = TypeVar("T")


@dataclass
class RetryPolicy:
    attempts: int = 6  # per request
    budget: int = 40  # retries per sync run, all requests together
    base_s: float = 0.5
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep
    used: int = 0

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base × 2^attempt)]."""
        return self.rng.uniform(0, min(self.cap_s, self.base_s * 2**attempt))


def retrying(
    call: Callable[[], T], policy: RetryPolicy, on_wait: Callable[[float, SyncError], object]
) -> Generator[object, None, T]:
    """Run ``call``; on a transient :class:`SyncError` wait and try again. Yields whatever
    ``on_wait`` returns before each wait (a progress item). Gives up by re-raising the last
    error when the request's attempts or the run's budget are spent."""
    attempt = 0
    while True:
        try:
            return call()
        except PayloadTooLarge:
            raise
        except SyncError as error:
            if not error.retryable or attempt + 1 >= policy.attempts:
                raise
            if policy.used >= policy.budget:
                raise
            policy.used += 1
            wait = policy.delay(attempt)
            if isinstance(error, RateLimited):
                wait = max(wait, min(error.retry_after, policy.cap_s))
            attempt += 1
            yield on_wait(wait, error)
            policy.sleep(wait)
