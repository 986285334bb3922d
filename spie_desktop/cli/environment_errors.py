"""Failures of the machine rather than of the program, said in plain words.

A read-only folder, a full disk, a permission refused or a file grown past the size limit
reach the command line either as an :class:`OSError` (Python's own file operations) or as a
database error from SQLite (the store's writes), whose text is fixed by SQLite and never
quotes data. Both become one sentence naming the cause and, when known, the file.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_BY_ERRNO = {
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EFBIG: "file too large (the file size limit was reached)",
}
#: SQLite's fixed texts for the same situations (checked in order).
_BY_SQLITE_TEXT = (
    ("database or disk is full", "the disk is full (the store could not grow)"),
    ("attempt to write a readonly database", "the data directory is read-only"),
    ("readonly database", "the data directory is read-only"),
    (
        "unable to open database file",
        "the store cannot be opened for writing (read-only or inaccessible data directory)",
    ),
    (
        "disk i/o error",
        "the disk refused a write (file size limit reached, disk full or failing)",
    ),
)


#: Below this much free space, a failed write is put down to a full disk.
LOW_SPACE_BYTES = 1 << 20


def describe_environment_error(exc: BaseException, data_dir: Path | None = None) -> str | None:
    """One English sentence for a machine-side failure, or ``None`` if ``exc`` is not one.

    SQLite reports several causes with one text ("disk I/O error", "unable to open"): the
    data dir's file system is then looked at to name the likely one.
    """
    if isinstance(exc, OSError):
        return _describe_os_error(exc)
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if type(cause).__name__ not in {"OperationalError", "DatabaseError"}:
        return None
    text = str(cause).lower()
    for fragment, sentence in _BY_SQLITE_TEXT:
        if fragment in text:
            found = _diagnose(data_dir) if data_dir is not None else None
            return f"{found} ({fragment})" if found else sentence
    return None


def _diagnose(data_dir: Path) -> str | None:
    """What about the data dir's place on disk stops writes, if anything visible."""
    try:
        stats = os.statvfs(data_dir)
    except (OSError, AttributeError):
        return None
    if stats.f_flag & os.ST_RDONLY:
        return f"the data directory is on a read-only file system: {data_dir}"
    if stats.f_bavail * stats.f_frsize < LOW_SPACE_BYTES:
        return f"the disk holding the data directory is full: {data_dir}"
    if not os.access(data_dir, os.W_OK):
        return f"permission denied: the data directory cannot be written: {data_dir}"
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    except (ImportError, OSError):
        return None
    if limit != resource.RLIM_INFINITY:
        return f"file too large: this process may not write files over {limit} bytes"
    return None


def _describe_os_error(exc: OSError) -> str:
    what = _BY_ERRNO.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return f"{what}: {exc.filename}" if exc.filename else what
