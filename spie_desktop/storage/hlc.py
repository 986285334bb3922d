"""Hybrid logical clock: timestamps that sort in causal order across devices.

A timestamp is text ``<15-digit ms>-<5-digit counter>-<node>`` so that plain string
comparison orders it (for one node id length). The clock never goes backwards, even if the
wall clock does; ``observe`` folds in a timestamp received from elsewhere.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

MAX_COUNTER = 99_999


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def format_hlc(ms: int, counter: int, node: str) -> str:
    return f"{ms:015d}-{counter:05d}-{node}"


def parse_hlc(text: str) -> tuple[int, int, str]:
    """Split a timestamp into (ms, counter, node); raise ValueError if it is malformed."""
    parts = text.split("-", 2)
    if len(parts) != 3 or len(parts[0]) != 15 or len(parts[1]) != 5 or not parts[2]:
        raise ValueError(f"malformed HLC timestamp: {text!r}")
    if not (parts[0].isdigit() and parts[1].isdigit()):
        raise ValueError(f"malformed HLC timestamp: {text!r}")
    return int(parts[0]), int(parts[1]), parts[2]


class HybridClock:
    """Thread-safe hybrid logical clock for one node (this device)."""

    def __init__(self, node_id: str, wall: Callable[[], int] = wall_ms) -> None:
        if not node_id or "-" in node_id:
            raise ValueError("node id must be non-empty and contain no '-'")
        self.node_id = node_id
        self._wall = wall
        self._ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> str:
        """A timestamp greater than every one this clock issued or observed before."""
        with self._lock:
            physical = self._wall()
            if physical > self._ms:
                self._ms, self._counter = physical, 0
            else:
                self._bump()
            return format_hlc(self._ms, self._counter, self.node_id)

    def observe(self, remote: str) -> str:
        """Fold in a timestamp from another node; return a local timestamp after both."""
        remote_ms, remote_counter, _ = parse_hlc(remote)
        with self._lock:
            physical = self._wall()
            top = max(physical, self._ms, remote_ms)
            if top == self._ms and top == remote_ms:
                self._counter = max(self._counter, remote_counter)
                self._bump()
            elif top == self._ms:
                self._bump()
            elif top == remote_ms:
                self._ms, self._counter = remote_ms, remote_counter
                self._bump()
            else:
                self._ms, self._counter = physical, 0
            return format_hlc(self._ms, self._counter, self.node_id)

    def _bump(self) -> None:
        # On counter overflow, borrow one millisecond from the future rather than wrap.
        if self._counter >= MAX_COUNTER:
            self._ms += 1
            self._counter = 0
        else:
            self._counter += 1
