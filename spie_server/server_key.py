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


class SecretError(RuntimeError):
    pass


def load_or_create_secret(data_dir: Path) -> bytes:
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first: read theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
    text = path.read_text().strip()
    if len(text) != 64:
        raise SecretError(f"{path} is not a server secret (expected 64 hex characters)")
    return text.encode("ascii")
