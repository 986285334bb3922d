"""Upgrading a store through a revision that rewrites every table, without risking it.

Such a revision (``schema.REWRITING_REVISIONS``: 0013 turns every id into 16 bytes) drops
and rebuilds tables, which needs foreign keys off and must never leave a half-made store.
So it never runs on the store itself:

1. **settle**: the store's WAL is checkpointed into the file and closed, so that the file
   alone holds everything;
2. **copy**: the encrypted file is copied next to it (``store.db.upgrading``) and fsynced;
3. **convert**: every missing migration runs on the copy, in one transaction, foreign keys
   off; the copy is then vacuumed (the rebuilt tables leave the old pages free);
4. **verify**: the copy has the same rows as the store, table by table (count and digest of
   every row's content, ids normalised: ``store_digest``), passes SQLCipher's page check,
   ``integrity_check`` and ``foreign_key_check``, and is at the schema head;
5. **swap**: the store is kept under a second name (``store.db.before-upgrade``, a hard
   link, else a copy), then the converted copy is renamed over it (atomic) and the folder
   fsynced;
6. **clean**: the new store is checked once more, then the kept one is removed.

The caller holds :func:`upgrade_lock` throughout. ``on_progress`` hears what is being done,
as plain data (:class:`UpgradeProgress`): the stage, and within the conversion and the
verification the rows done out of all, every few thousand rows (about 2 s per 1,000 people:
the person unlocking sees it move).

A crash at any point leaves a usable store at ``store.db``: the old one until the rename,
the verified new one after. :func:`recover` (run before every open) removes a half-made
copy and, once ``store.db`` opens and checks, the kept old one; if ``store.db`` does not
check and the kept one does, the kept one is put back. A failed verification deletes the
copy and raises :class:`StoreUpgradeFailed`: the store is left as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from .engine import connect_raw, make_engine
from .errors import StoreCorrupt, StoreUpgradeFailed, WrongStoreKey
from .models import PersonRow, table_of
from .schema import SCHEMA_HEAD, RowsHook, upgrade_to_head
from .store_digest import content_digests, row_counts, table_columns
from .upgrade_progress import ProgressHook, UpgradeProgress

log = logging.getLogger(__name__)

WORK_SUFFIX = ".upgrading"
KEPT_SUFFIX = ".before-upgrade"
LOCK_SUFFIX = ".upgrade-lock"
SIDE_FILES = ("-wal", "-shm", "-journal")
#: The stages, in order; ``on_stage`` is called after each (tests interrupt there).
STAGES = ("settled", "copied", "converted", "verified", "kept", "swapped", "cleaned")
StageHook = Callable[[str], None]
Inspector = Callable[[Path], None]


def work_path(path: Path) -> Path:
    return path.with_name(path.name + WORK_SUFFIX)


def kept_path(path: Path) -> Path:
    return path.with_name(path.name + KEPT_SUFFIX)


def has_leftovers(path: Path) -> bool:
    """True if an interrupted upgrade left a copy or a kept store next to ``path``."""
    return work_path(path).exists() or kept_path(path).exists()


@contextlib.contextmanager
def upgrade_lock(path: Path) -> Iterator[None]:
    """Only one process upgrades or tidies a store at a time (the application and a command
    line run side by side): an exclusive lock on ``store.db.upgrade-lock``, waited for. The
    file stays (removing it would let a waiting process lock a file nobody else sees)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; one program opens the store at a time
        yield
        return
    fd = os.open(path.with_name(path.name + LOCK_SUFFIX), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def upgrade_on_copy(
    path: Path,
    data_key: bytes | None,
    inspect: Inspector,
    on_stage: StageHook | None = None,
    on_progress: ProgressHook | None = None,
) -> None:
    """Bring the store at ``path`` to the schema head through a verified copy (see the
    module docstring). ``inspect(path)`` raises if a file does not open and check."""
    stage = on_stage or (lambda _stage: None)
    hear = on_progress or (lambda _progress: None)
    work = work_path(path)
    _remove(work)
    _settle(path, data_key)
    stage("settled")
    people = _people(path, data_key)
    hear(UpgradeProgress("copying", people))
    _copy_durably(path, work)
    stage("copied")
    try:
        hear(UpgradeProgress("converting", people))
        _convert(
            work,
            data_key,
            lambda done, total: hear(UpgradeProgress("converting", people, done, total)),
        )
        stage("converted")
        _verify(
            path,
            work,
            data_key,
            lambda done, total: hear(UpgradeProgress("verifying", people, done, total)),
        )
    except StoreUpgradeFailed:
        _remove(work)
        raise
    stage("verified")
    hear(UpgradeProgress("swapping", people))
    kept = kept_path(path)
    _remove(kept)
    _keep(path, kept)
    stage("kept")
    for suffix in SIDE_FILES:  # settled: none holds anything; never let one meet the new file
        _unlink(Path(f"{path}{suffix}"))
    os.replace(work, path)
    _fsync_dir(path.parent)
    stage("swapped")
    inspect(path)
    _remove(kept)
    _fsync_dir(path.parent)
    stage("cleaned")
    log.info("store upgraded to %s through a verified copy", SCHEMA_HEAD)


def recover(path: Path, inspect: Inspector) -> None:
    """Tidy what an interrupted :func:`upgrade_on_copy` left, before the store is opened."""
    _remove(work_path(path))
    kept = kept_path(path)
    if not kept.exists():
        return
    try:
        inspect(path)
    except WrongStoreKey:
        raise  # the wrong key opens neither file: keep both as they are
    except StoreCorrupt:
        inspect(kept)  # raises too if neither opens: nothing is touched
        log.warning("store unreadable after an upgrade: the kept one is put back")
        for suffix in SIDE_FILES:
            _unlink(Path(f"{path}{suffix}"))
        os.replace(kept, path)
        _fsync_dir(path.parent)
        return
    _remove(kept)
    _fsync_dir(path.parent)


def _settle(path: Path, data_key: bytes | None) -> None:
    """Checkpoint the WAL into the file; the last connection's close then deletes it."""
    conn = connect_raw(path, data_key)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()
    wal = Path(f"{path}-wal")
    if busy or (wal.exists() and wal.stat().st_size):
        raise StoreUpgradeFailed("the store is in use by another program")


def _people(path: Path, data_key: bytes | None) -> int:
    """How many people the store holds (said while it is upgraded: it explains the wait)."""
    conn = connect_raw(path, data_key, immutable=True)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table_of(PersonRow).name}"').fetchone()[0])
    finally:
        conn.close()


def _convert(work: Path, data_key: bytes | None, on_rows: RowsHook) -> None:
    engine = make_engine(work, data_key, foreign_keys=False)
    try:
        with engine.begin() as conn:
            upgrade_to_head(conn, on_rows)
        with engine.connect() as conn:
            driver: Any = conn.connection.driver_connection
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except Exception as exc:  # a broken id, a full disk: the store itself is untouched
        raise StoreUpgradeFailed(f"conversion: {type(exc).__name__}: {str(exc)[:160]}") from exc
    finally:
        engine.dispose()


def _verify(path: Path, work: Path, data_key: bytes | None, on_rows: RowsHook) -> None:
    before = connect_raw(path, data_key, immutable=True)
    after = connect_raw(work, data_key, immutable=True)
    try:
        shape = table_columns(before)
        total = 2 * sum(row_counts(before, shape).values())  # each row read in both files
        done = 0
        on_rows(done, total)
        problems = _problems(after, data_key is not None)
        if problems:
            raise StoreUpgradeFailed(f"the converted copy does not check: {problems[0]}")
        revision = after.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != SCHEMA_HEAD:
            raise StoreUpgradeFailed(f"the converted copy is at {revision}")

        def digested(rows: int) -> None:
            nonlocal done
            done += rows
            on_rows(done, total)

        try:
            old = content_digests(before, shape, digested)
            new = content_digests(after, shape, digested)
        except (sqlite3.DatabaseError, sqlcipher3.DatabaseError) as exc:  # a table or column gone
            raise StoreUpgradeFailed(f"the converted copy lacks: {exc}") from exc
        if old != new:
            tables = sorted(t for t in old.keys() | new.keys() if old.get(t) != new.get(t))
            raise StoreUpgradeFailed(f"content differs in {', '.join(tables)}")
    finally:
        before.close()
        after.close()


def _problems(conn: Any, encrypted: bool) -> list[str]:
    if encrypted:
        pages = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
        if pages:
            return pages
    found = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    if found != ["ok"]:
        return found
    return [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]


def _keep(path: Path, kept: Path) -> None:
    """The store under a second name: a hard link costs nothing; a copy where links fail."""
    try:
        os.link(path, kept)
    except OSError:
        _copy_durably(path, kept)
    _fsync_dir(path.parent)


def _copy_durably(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    shutil.copyfile(source, target)
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    _fsync_dir(target.parent)


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        _unlink(Path(f"{path}{suffix}"))


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; its renames are journalled
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
