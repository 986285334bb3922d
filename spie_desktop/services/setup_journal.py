"""First set-up as one switch-over: build in a staging folder, commit with one rename.

``init`` writes ``store.db``, ``keyslots.json`` and ``config.toml`` into
``<data dir>/.setup-staging/``. When all three are complete and flushed, the folder is
renamed to ``.setup-ready/`` (the commit point, one rename) and the files are moved into the
data dir, ``keyslots.json`` last. Whatever happens next, :func:`recover_setup` (called before
anything looks at the data dir) finishes a ready set-up (roll forward) or deletes a staging
folder (roll back). A kill at any moment therefore leaves either no device or a working one.

Stores half-made by versions that wrote straight into the data dir are recognised by
:func:`incomplete_setup_reason` and moved aside by :func:`discard_incomplete_setup`
(``spie-desktop discard-setup``): nothing is deleted, the files go to a
``discarded-setup-<UTC time>/`` folder (the store stays encrypted).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from spie_desktop.config import CONFIG_FILE, KEYSLOTS_FILE, STORE_FILE
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say

log = logging.getLogger(__name__)

STAGING_DIR = ".setup-staging"
NO_KEY_SLOTS = "store.db without keyslots.json"
READY_DIR = ".setup-ready"
#: Held by the process that is setting up, so that another one never rolls it back.
LOCK_FILE = ".setup-lock"
#: Moved in this order: the key slot file last, so a data dir with key slots is complete.
MOVE_ORDER = (
    f"{STORE_FILE}-wal",
    f"{STORE_FILE}-shm",
    STORE_FILE,
    CONFIG_FILE,
    KEYSLOTS_FILE,
)
SET_UP_FILES = (STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm", KEYSLOTS_FILE, CONFIG_FILE)


class SetupInProgress(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Une configuration de l'appareil est déjà en cours dans ce dossier."),
            "another set-up is running in this data dir",
        )


class NothingToDiscard(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Ce dossier ne contient pas de configuration inachevée : rien n'a été déplacé."),
            "no incomplete set-up in this data dir; nothing moved",
        )


def staging_dir(data_dir: Path) -> Path:
    return data_dir / STAGING_DIR


def recover_setup(data_dir: Path) -> None:
    """Finish a committed set-up, or drop one that never reached its commit point.

    A set-up still running in another process (it holds the lock) is left alone.
    """
    if not (data_dir / READY_DIR).exists() and not staging_dir(data_dir).exists():
        return
    with _setup_lock(data_dir) as acquired:
        if acquired:
            _recover(data_dir)


def _recover(data_dir: Path) -> None:
    ready = data_dir / READY_DIR
    if ready.is_dir():
        _move_into_place(ready, data_dir)
        log.info("interrupted set-up completed")
    staging = staging_dir(data_dir)
    if staging.exists():
        shutil.rmtree(staging)
        _fsync_dir(data_dir)
        log.info("interrupted set-up rolled back")


@contextlib.contextmanager
def staged_setup(data_dir: Path) -> Iterator[Path]:
    """A fresh staging folder, committed if the block succeeds and removed otherwise."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with _setup_lock(data_dir) as acquired:
        if not acquired:
            raise SetupInProgress()
        _recover(data_dir)
        staging = staging_dir(data_dir)
        staging.mkdir(mode=0o700)
        try:
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)  # leave no half-made device behind
            raise
        _commit(data_dir)


def _commit(data_dir: Path) -> None:
    """The one rename that makes the set-up count, then the files' move into place."""
    staging = staging_dir(data_dir)
    for name in os.listdir(staging):
        _fsync_file(staging / name)
    _fsync_dir(staging)
    os.rename(staging, data_dir / READY_DIR)
    _fsync_dir(data_dir)
    _move_into_place(data_dir / READY_DIR, data_dir)


@contextlib.contextmanager
def _setup_lock(data_dir: Path) -> Iterator[bool]:
    """An exclusive, non-blocking lock on ``.setup-lock``; yields whether it was taken."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; set-ups are not run side by side there
        yield True
        return
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # releases the lock


def _move_into_place(ready: Path, data_dir: Path) -> None:
    for name in MOVE_ORDER:
        source = ready / name
        if source.exists():
            os.replace(source, data_dir / name)
    _fsync_dir(data_dir)
    shutil.rmtree(ready)
    _fsync_dir(data_dir)


def incomplete_setup_reason(data_dir: Path) -> str | None:
    """Why the data dir looks like a set-up interrupted by an older version, or ``None``.

    Older versions created ``store.db`` first, then ``keyslots.json`` (empty, then one
    account slot, then the recovery slot), then ``config.toml``: a store without key slots,
    key slots without an account or a recovery slot, or no ``config.toml`` beside them.
    """
    store = (data_dir / STORE_FILE).exists()
    slots_file = data_dir / KEYSLOTS_FILE
    if not store and not slots_file.exists():
        return None
    if not slots_file.exists():
        return NO_KEY_SLOTS
    if not store:
        return None  # a lost store is not a half-made one: restore it from a backup
    try:
        data = json.loads(slots_file.read_bytes()[:1_000_000])
        kinds = [s.get("kind") for s in data["slots"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if "account" not in kinds or "recovery" not in kinds:
        return "keyslots.json without an account or a recovery slot"
    if not (data_dir / CONFIG_FILE).exists():
        return "no config.toml beside the store"
    return None


def discard_incomplete_setup(data_dir: Path) -> Path:
    """Move a half-made set-up's files aside; return the folder they went to."""
    recover_setup(data_dir)
    if incomplete_setup_reason(data_dir) is None:
        raise NothingToDiscard()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = data_dir / f"discarded-setup-{stamp}"
    target.mkdir(mode=0o700)
    for name in SET_UP_FILES:
        if (data_dir / name).exists():
            os.replace(data_dir / name, target / name)
    _fsync_dir(data_dir)
    log.info("incomplete set-up moved aside")
    return target


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory to fsync it
    _fsync_file(folder)


class IncompleteSetup(SpieError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            say(
                "La configuration de cet appareil a été interrompue avant la fin : les fichiers "
                "sont inutilisables. Mettez-les de côté avec « spie-desktop discard-setup », "
                "puis recommencez la configuration."
            ),
            f"incomplete set-up from an interrupted init ({reason}); move it aside with "
            "'spie-desktop discard-setup', then run init again",
        )
        self.reason = reason


def check_setup_complete(data_dir: Path) -> None:
    """Raise :class:`IncompleteSetup` for a data dir half-made by an older version."""
    reason = incomplete_setup_reason(data_dir)
    # A store without key slots may also be a lost key file: KeySlotFileMissing names both.
    if reason is not None and reason != NO_KEY_SLOTS:
        raise IncompleteSetup(reason)
