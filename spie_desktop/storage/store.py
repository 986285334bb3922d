"""The encrypted store: create, open (with clear errors), units of work, close, rekey.

How ``open`` tells failures apart, before anything is written:

1. no file → :class:`StoreMissing`;
2. smaller than one 4096-byte page, not a whole number of pages, or a plain (unencrypted)
   SQLite header → :class:`StoreCorrupt` (a SQLCipher file is whole pages of ciphertext);
3. a read-only keyed connection reads the schema: SQLCipher's "file is not a database" means
   the first page does not authenticate under this key → :class:`WrongStoreKey`. A damaged
   first page looks exactly the same and is reported as a wrong key too; any other read
   error (e.g. a file truncated at a page boundary: "malformed") → :class:`StoreCorrupt`;
4. with ``verify`` (the default), ``PRAGMA cipher_integrity_check`` (every page's HMAC) and
   ``PRAGMA quick_check`` must pass → otherwise :class:`StoreCorrupt`. Cost: ~4 ms per MB;
5. an Alembic revision this code does not know → :class:`StoreTooNew`; the store is never
   migrated downwards. Only then is the read-write engine made and missing migrations run:
   in place, or, through a revision that rebuilds every table (0013, ids as bytes), on a
   verified copy swapped in (``copy_upgrade``). What an interrupted copy upgrade left is
   tidied first.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlalchemy.exc
import sqlcipher3
from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.orm import Session

from . import catalogue_rows as catalogue_rows  # its tables on the one metadata
from . import copy_upgrade
from .engine import READ_ONLY_OPTION, connect_raw, key_pragma, make_engine
from .errors import StoreClosed, StoreCorrupt, StoreExists, StoreMissing, StoreTooNew, WrongStoreKey
from .hlc import HybridClock
from .models import OutboxRow, table_of
from .repositories.meta import DEMO_STORE_KEY
from .schema import (
    SCHEMA_HEAD,
    create_at_head,
    known_revisions,
    needs_rewrite,
    upgrade_to_head,
)

__all__ = ["SCHEMA_HEAD", "Store", "UnitOfWork"]
from .unit_of_work import UnitOfWork
from .upgrade_progress import ProgressHook

log = logging.getLogger(__name__)

PAGE_SIZE = 4096
#: Page cache of a bulk load's connection: the indexes of 10,000 demo people fit.
BULK_CACHE_MIB = 64
_REVISION_SQL = "SELECT version_num FROM alembic_version"
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


class Store:
    def __init__(self, path: Path, engine: Engine, data_key: bytes | None) -> None:
        self.path = path
        self._engine: Engine | None = engine
        self._read_engine: Engine | None = engine.execution_options(**{READ_ONLY_OPTION: True})
        self._encrypted = data_key is not None
        with self._read_engine.connect() as conn:
            self.schema_revision: str = conn.execute(
                text("SELECT version_num FROM alembic_version")
            ).scalar_one()
            self.device_id = uuid.UUID(
                conn.execute(text("SELECT value FROM meta WHERE key = 'device_id'")).scalar_one()
            )
            high = [
                conn.execute(select(func.max(table_of(OutboxRow).c.hlc))).scalar(),
                conn.execute(text("SELECT value FROM meta WHERE key = 'hlc_high'")).scalar(),
            ]
        self.clock = HybridClock(self.device_id.hex[:16])
        for stamp in high:
            if stamp:
                self.clock.observe(stamp)

    # -- creating and opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, data_key: bytes) -> Store:
        """Make a new encrypted store at ``path``; refuse if anything is already there."""
        key_pragma(data_key)  # validates the key length before touching the disk
        return cls._create(Path(path), data_key)

    @classmethod
    def create_unencrypted_for_benchmark(cls, path: Path) -> Store:
        """A plain SQLite store: ONLY to measure what encryption costs. Never for real data."""
        return cls._create(Path(path), None)

    @classmethod
    def _create(cls, path: Path, data_key: bytes | None) -> Store:
        if path.exists() or any(Path(f"{path}{s}").exists() for s in SIDE_FILES):
            raise StoreExists()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            raise StoreExists() from None
        os.close(fd)
        engine = make_engine(path, data_key)
        try:
            with engine.begin() as conn:
                create_at_head(conn)
                conn.execute(
                    text("INSERT INTO meta (key, value) VALUES ('device_id', :v)"),
                    {"v": str(uuid.uuid4())},
                )
            return cls(path, engine, data_key)
        except BaseException:
            engine.dispose()
            for suffix in ("", *SIDE_FILES):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{path}{suffix}")
            raise

    @classmethod
    def open(
        cls,
        path: Path,
        data_key: bytes,
        *,
        verify: bool = True,
        on_upgrade: ProgressHook | None = None,
    ) -> Store:
        """Open an existing store, migrating it forward if needed. See the module docstring.
        ``on_upgrade`` hears how an upgrade on a copy goes, if one is needed."""
        key_pragma(data_key)
        return cls._open(Path(path), data_key, verify, on_upgrade)

    @classmethod
    def open_unencrypted_for_benchmark(cls, path: Path) -> Store:
        return cls._open(Path(path), None, verify=False)

    @classmethod
    def _open(
        cls,
        path: Path,
        data_key: bytes | None,
        verify: bool,
        on_upgrade: ProgressHook | None = None,
    ) -> Store:
        if not path.is_file():
            raise StoreMissing()
        checked = functools.partial(check_store_file, data_key=data_key)
        if copy_upgrade.has_leftovers(path):
            with copy_upgrade.upgrade_lock(path):
                copy_upgrade.recover(path, checked)
        if data_key is not None:
            _check_file_shape(path)
        revision = _inspect(path, data_key, verify)
        if revision is not None and revision != SCHEMA_HEAD and revision not in known_revisions():
            raise StoreTooNew(revision)
        engine = make_engine(path, data_key)
        try:
            with engine.connect() as conn:  # the WAL may hold a newer revision than the file
                current = conn.execute(text(_REVISION_SQL)).scalar() if revision else None
            if current is not None and current != SCHEMA_HEAD and current not in known_revisions():
                raise StoreTooNew(current)
            if needs_rewrite(current):  # rebuilds every table: on a verified copy, swapped in
                engine.dispose()
                with copy_upgrade.upgrade_lock(path):
                    copy_upgrade.recover(path, checked)
                    if needs_rewrite(_inspect(path, data_key, verify=False)):  # not done meanwhile
                        copy_upgrade.upgrade_on_copy(
                            path, data_key, checked, on_progress=on_upgrade
                        )
                engine = make_engine(path, data_key)
            elif current != SCHEMA_HEAD:
                with engine.begin() as conn:
                    upgrade_to_head(conn)
                    conn.execute(
                        text("INSERT OR IGNORE INTO meta (key, value) VALUES ('device_id', :v)"),
                        {"v": str(uuid.uuid4())},
                    )
            return cls(path, engine, data_key)
        except sqlalchemy.exc.OperationalError:
            engine.dispose()  # e.g. locked by another program: not damage
            raise
        except sqlalchemy.exc.DatabaseError as exc:
            engine.dispose()
            raise StoreCorrupt(str(exc.orig)[:200]) from None
        except BaseException:
            engine.dispose()
            raise

    # -- using --------------------------------------------------------------------------------

    @contextlib.contextmanager
    def unit_of_work(
        self, actor_id: uuid.UUID | None, *, read_only: bool = False
    ) -> Iterator[UnitOfWork]:
        """One short transaction: committed if the block succeeds, rolled back otherwise.

        ``read_only=True`` starts a deferred transaction that does not take the write lock.
        """
        engine = self._read_engine if read_only else self._engine
        if engine is None:
            raise StoreClosed()
        with self._transaction(engine, actor_id) as uow:
            yield uow

    @contextlib.contextmanager
    def _transaction(
        self, bind: Engine | Connection, actor_id: uuid.UUID | None
    ) -> Iterator[UnitOfWork]:
        with Session(bind, expire_on_commit=False, autoflush=False) as session:
            try:
                yield UnitOfWork(session, actor_id, self.clock)
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def bulk_writer(
        self, actor_id: uuid.UUID | None, *, cache_mib: int = BULK_CACHE_MIB
    ) -> Iterator[Callable[[], contextlib.AbstractContextManager[UnitOfWork]]]:
        """Units of work for loading much data in several transactions (the demo): all on one
        connection whose page cache holds the indexes being filled. Random UUID keys touch
        every index page; with SQLite's 2 MB default cache each page would be decrypted and
        re-encrypted many times (10,000 demo people: 25 s of writing instead of 15 s). The
        connection gets its default cache back when the block ends."""
        if self._engine is None:
            raise StoreClosed()
        with self._engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            default = driver.execute("PRAGMA cache_size").fetchone()[0]
            driver.execute(f"PRAGMA cache_size = {-1024 * cache_mib}")
            try:
                yield lambda: self._transaction(conn, actor_id)
            finally:
                driver.execute(f"PRAGMA cache_size = {int(default)}")

    @property
    def is_demo(self) -> bool:
        """True for a store filled with synthetic demo data (meta ``demo_store`` = "1").

        A demo store must never be enrolled with a territory server nor synced: enrolment
        and sync check this and refuse.
        """
        if self._read_engine is None:
            raise StoreClosed()
        with self._read_engine.connect() as conn:
            value = conn.execute(
                text("SELECT value FROM meta WHERE key = :k"), {"k": DEMO_STORE_KEY}
            ).scalar()
        return value == "1"

    def checkpoint(self) -> None:
        """Copy the WAL into the store file and truncate it to zero bytes (after a bulk load,
        so the data dir holds one compact file)."""
        if self._engine is None:
            raise StoreClosed()
        with self._engine.connect() as conn:
            driver = conn.connection.driver_connection  # autocommit: no transaction around it
            assert driver is not None
            busy, _, _ = driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.info("WAL checkpoint incomplete: another connection is reading")

    @property
    def is_open(self) -> bool:
        return self._engine is not None

    def close(self) -> None:
        """Close every pooled connection (the last one checkpoints the WAL)."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._read_engine = None

    def rekey(self, new_data_key: bytes) -> None:
        """Re-encrypt the whole file under ``new_data_key``. No other work may run meanwhile."""
        if not self._encrypted:
            raise ValueError("an unencrypted benchmark store cannot be rekeyed")
        if self._engine is None:
            raise StoreClosed()
        new_pragma = key_pragma(new_data_key).replace("PRAGMA key", "PRAGMA rekey", 1)
        # Idle pooled connections hold the old key: drop them, rekey through a fresh one.
        self._engine.dispose()
        with self._engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            driver.execute(new_pragma)
        self._engine.dispose()
        engine = make_engine(self.path, new_data_key)
        self._engine = engine
        self._read_engine = engine.execution_options(**{READ_ONLY_OPTION: True})

    def integrity_errors(self) -> list[str]:
        """Every problem SQLCipher and SQLite find in the file (empty when all is well)."""
        if self._engine is None:
            raise StoreClosed()
        with self._engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            return _integrity_errors(driver, self._encrypted)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_store_file(path: Path, data_key: bytes | None) -> None:
    """Raise unless ``path`` is a whole store that opens under ``data_key`` and checks."""
    if data_key is not None:
        _check_file_shape(path)
    _inspect(path, data_key, verify=True)


def _check_file_shape(path: Path) -> None:
    size = path.stat().st_size
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise StoreCorrupt(f"size {size} is not a whole number of {PAGE_SIZE}-byte pages")
    with path.open("rb") as f:
        if f.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER:
            raise StoreCorrupt("the file is a plain, unencrypted SQLite database")


def _inspect(path: Path, data_key: bytes | None, verify: bool) -> str | None:
    """Read the schema revision through a read-only connection; raise if unreadable."""
    errors: tuple[type[BaseException], ...] = (sqlcipher3.DatabaseError,)
    if data_key is None:
        import sqlite3

        errors = (sqlite3.DatabaseError,)
    # Without a live WAL, an immutable connection reads the file without creating side files.
    wal = Path(f"{path}-wal")
    live_wal = wal.exists() and wal.stat().st_size > 0
    try:
        conn = connect_raw(path, data_key, read_only=True, immutable=not live_wal)
    except errors as exc:
        raise StoreCorrupt(type(exc).__name__) from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if verify:
            problems = _integrity_errors(conn, data_key is not None)
            if problems:
                raise StoreCorrupt(f"{len(problems)} integrity problem(s), first: {problems[0]}")
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise StoreCorrupt("tables without a schema revision: not a spie-desktop store")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except errors as exc:
        if "file is not a database" in str(exc):
            raise WrongStoreKey() from None
        raise StoreCorrupt(str(exc)[:200]) from None
    finally:
        conn.close()


def _integrity_errors(conn: Any, encrypted: bool) -> list[str]:
    if encrypted:
        # Every page's HMAC: catches any altered byte, and names the page.
        problems = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        if problems:
            return problems
    try:
        quick = [str(r[0]) for r in conn.execute("PRAGMA quick_check")]
    except Exception as exc:  # the driver's DatabaseError: "malformed"
        return [str(exc)[:200]]
    return [] if quick == ["ok"] else quick
