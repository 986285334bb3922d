"""After a purge: no old page left in the WAL, no forgotten id left in the logs.

Deleted rows are overwritten in the store file (``secure_delete``, on every connection); the
WAL still holds the pages as they were until it is copied back and truncated. Log lines name
records by id only (never a name), and those ids are blanked too.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from spie_desktop.config import logs_dir

from .session import Session


def scrub_after_purge(session: Session, forgotten: set[uuid.UUID]) -> None:
    """Copy the WAL into the store and truncate it, so no old page of a purge survives in it;
    and blank the forgotten ids in the log files (a log names records by id only)."""
    session.store.checkpoint()
    folder = logs_dir(session.data_dir)
    if not forgotten or not folder.is_dir():
        return
    needles = [str(i).encode("ascii") for i in forgotten]
    for path in sorted(folder.iterdir()):
        if path.is_file():
            _blank_ids(path, needles)


def _blank_ids(path: Path, needles: list[bytes]) -> None:
    """Overwrite each id in place with as many dashes: the file keeps its size, so the log
    handler appending to it is not disturbed."""
    data = path.read_bytes()
    spans = [(m, len(n)) for n in needles for m in _find_all(data, n)]
    if not spans:
        return
    with path.open("r+b") as handle:
        for offset, length in spans:
            handle.seek(offset)
            handle.write(b"-" * length)
        handle.flush()
        os.fsync(handle.fileno())


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, start = [], data.find(needle)
    while start != -1:
        found.append(start)
        start = data.find(needle, start + 1)
    return found
