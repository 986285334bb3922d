"""The SQLAlchemy engine over one SQLCipher file (or, for the benchmark only, plain SQLite).

Pool: a small ``QueuePool``. SQLAlchemy would pick ``SingletonThreadPool`` for a ``sqlite://``
URL, which keeps one connection per thread forever and is unsafe to dispose from another
thread. Work reaches the store from a database lane (a worker thread), sometimes from the GUI
thread for quick reads, and from sync: a few keyed connections, reused (keying costs ~0.3 ms),
are enough. WAL lets readers run beside the one writer; ``busy_timeout`` makes a second writer
wait instead of failing. Transactions: the driver's implicit BEGIN is switched off and the
``begin`` event emits ``BEGIN IMMEDIATE`` for writing units of work (so a read-then-write never
fails on a snapshot upgrade) and plain ``BEGIN`` for read-only ones.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_S = 10.0
POOL_SIZE = 3
POOL_OVERFLOW = 2
READ_ONLY_OPTION = "spie_read_only"


def key_pragma(data_key: bytes) -> str:
    if len(data_key) != 32:
        raise ValueError("the data key must be 32 bytes")
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def connect_raw(
    path: Path, data_key: bytes | None, *, read_only: bool = False, immutable: bool = False
) -> Any:
    """One DB-API connection, keyed, in autocommit mode (SQLAlchemy emits BEGIN itself).

    ``immutable`` (read-only, for inspecting a closed store) creates no -wal/-shm files.
    """
    module: Any = sqlite3 if data_key is None else sqlcipher3
    target = str(path)
    if read_only or immutable:
        target = f"file:{quote(path.as_posix())}?mode=ro" + ("&immutable=1" if immutable else "")
    conn = module.connect(
        target,
        uri=read_only or immutable,
        timeout=BUSY_TIMEOUT_S,
        check_same_thread=False,
        isolation_level=None,
    )
    try:
        if data_key is not None:
            # Older SQLCipher has no log level: then only stderr gets noisier.
            with contextlib.suppress(module.DatabaseError):
                conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(key_pragma(data_key))
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: Any, foreign_keys: bool) -> None:
    for pragma in (
        f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA secure_delete = ON",
    ):
        conn.execute(pragma).fetchall()


def make_engine(path: Path, data_key: bytes | None, *, foreign_keys: bool = True) -> Engine:
    """An engine on ``path`` keyed with ``data_key``.

    ``data_key=None`` opens a *plain, unencrypted* SQLite file: only for the benchmark that
    compares SQLCipher with SQLite. Never use it for real data. ``foreign_keys=False`` only
    for a conversion that rebuilds tables (``copy_upgrade``).
    """
    path = Path(path)

    def creator() -> Any:
        conn = connect_raw(path, data_key)
        try:
            _configure(conn, foreign_keys)
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlite3 if data_key is None else sqlcipher3,
        poolclass=QueuePool,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_timeout=BUSY_TIMEOUT_S,
        json_serializer=_json_dumps,
        hide_parameters=True,  # an exception's text (hence a log line) never quotes the data
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY_OPTION, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
