"""Fault injection for the set-up tests: kill the process at its Nth write.

Loaded by Python at start-up when this folder is on ``PYTHONPATH``. A "write" is every
operation that changes the file system under ``SPIE_TEST_CRASH_DIR`` as seen by Python's
audit hooks (opening a file for writing or creating it, rename/replace, link, remove,
mkdir, rmdir, truncate) and every SQL commit (SQLite's own page writes happen inside the
commit, which SQLite makes atomic). With ``SPIE_TEST_CRASH_AT=N`` the process ends with
``os._exit(137)`` just before its Nth write, as a kill would; with ``SPIE_TEST_CRASH_COUNT``
naming a file, the number of writes is written there at exit.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Any

_ROOT = os.environ.get("SPIE_TEST_CRASH_DIR", "")
_AT = int(os.environ.get("SPIE_TEST_CRASH_AT", "0"))
_COUNT_FILE = os.environ.get("SPIE_TEST_CRASH_COUNT", "")
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PATH_EVENTS = {
    "os.rename",
    "os.link",
    "os.remove",
    "os.mkdir",
    "os.rmdir",
    "os.truncate",
    "shutil.rmtree",
}
_seen = [0]
_writing = [False]


def _write_point() -> None:
    _seen[0] += 1
    if _seen[0] == _AT:
        os._exit(137)


def _inside(path: Any) -> bool:
    if isinstance(path, int) or path is None:
        return False
    text = os.fsdecode(path)
    return os.path.abspath(text).startswith(_ROOT)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _writing[0]:
        return
    if event == "open":
        path, mode, flags = args
        writing = bool(flags & _WRITE_FLAGS) if mode is None else any(c in mode for c in "wax+")
        if writing and _inside(path):
            _write_point()
    elif event in _PATH_EVENTS and _inside(args[0]):
        _write_point()


def _on_commit(conn: Any) -> None:
    _write_point()


def _report() -> None:
    if _COUNT_FILE:
        _writing[0] = True
        with open(_COUNT_FILE, "w", encoding="ascii") as out:
            out.write(str(_seen[0]))


if _ROOT:
    _ROOT = os.path.abspath(_ROOT)
    sys.addaudithook(_audit)
    atexit.register(_report)
    from sqlalchemy import Engine, event

    event.listen(Engine, "commit", _on_commit)
