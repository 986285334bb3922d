"""Audit events that happen while the store is shut, written at the next unlock.

A failed unlock or a passphrase change happens without the data key, so the encrypted store
cannot take the audit entry at that moment. We keep them in memory (never on disk in clear)
and write them when this process next opens that store. Entries of another process are lost:
that is accepted, the key slots' own throttling still slows guessing down.
"""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from spie_desktop.domain.events import AuditAction

_lock = threading.Lock()
_pending: dict[Path, list[tuple[AuditAction, uuid.UUID]]] = {}


def defer(data_dir: Path, action: AuditAction, account_id: uuid.UUID) -> None:
    with _lock:
        _pending.setdefault(data_dir.resolve(), []).append((action, account_id))


def take(data_dir: Path) -> list[tuple[AuditAction, uuid.UUID]]:
    """Every deferred event for this data dir, removed from the queue."""
    with _lock:
        return _pending.pop(data_dir.resolve(), [])


def put_back(data_dir: Path, events: list[tuple[AuditAction, uuid.UUID]]) -> None:
    with _lock:
        _pending.setdefault(data_dir.resolve(), [])[:0] = events
