"""The server secret: a random key in the data dir that encrypts the territory CA keys at rest.

The database holds each CA key only encrypted with this secret, so a stolen database dump
cannot issue certificates. The file is created on first use with mode 0600; back it up with
the database (without it no new certificate can be issued; sync keeps working).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SECRET_FILE = "server-secret.key"
#: A rotation's new secret, until the database holds the keys wrapped by it (see rotation.py).
PENDING_FILE = "server-secret.key.new"


class SecretError(RuntimeError):
    pass


def load_or_create_secret(data_dir: Path) -> bytes:
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        _write_new(path)
    return _read(path)


def load_secret(data_dir: Path) -> bytes:
    """The data dir's secret; never made up here (a command that only reads keys)."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        raise SecretError(
            f"no {SECRET_FILE} in {data_dir}: copy it from a host serving this database, "
            "or start the server once (spie-server run) on a new database"
        )
    return _read(path)


def pending_secret(data_dir: Path) -> bytes | None:
    """The new secret of a rotation that did not finish, if any."""
    path = data_dir / PENDING_FILE
    return _read(path) if path.exists() else None


def create_pending_secret(data_dir: Path) -> bytes:
    """Write a fresh secret next to the current one (flushed to disk) and return it."""
    path = data_dir / PENDING_FILE
    path.unlink(missing_ok=True)
    _write_new(path)
    return _read(path)


def adopt_pending_secret(data_dir: Path) -> None:
    """Make the pending secret the server secret (the old one is gone from the data dir)."""
    os.replace(data_dir / PENDING_FILE, data_dir / SECRET_FILE)
    _sync_dir(data_dir)


def drop_pending_secret(data_dir: Path) -> None:
    (data_dir / PENDING_FILE).unlink(missing_ok=True)


def _write_new(path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another process created it first: read theirs
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    _sync_dir(path.parent)


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(path: Path) -> bytes:
    text = path.read_text().strip()
    if len(text) != 64:
        raise SecretError(f"{path} is not a server secret (expected 64 hex characters)")
    return text.encode("ascii")
