"""Size caps for the files the application reads from outside its control.

A passphrase file, a PDF to verify, the CA and CRL files ``plan verify`` is given,
``keyslots.json`` and ``config.toml`` are read through
:func:`read_bounded`: at most the cap plus one byte is ever read, so ``/dev/zero`` or a
runaway file ends in one clear error instead of filling the memory.
"""

from __future__ import annotations

from pathlib import Path

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say

PASSPHRASE_FILE_MAX = 4 * 1024
PDF_FILE_MAX = 64 * 1024 * 1024
KEYSLOTS_FILE_MAX = 1024 * 1024
#: A territory CA certificate (a few KiB) or its CRL (about 40 bytes per revoked certificate).
ANCHOR_FILE_MAX = 1024 * 1024
CONFIG_FILE_MAX = 64 * 1024


class InputFileTooLarge(SpieError):
    def __init__(self, what: str, limit: int, path: Path) -> None:
        super().__init__(
            say(
                "Le fichier {name} est trop grand (au plus {limit}).",
                name=path.name,
                limit=_size(limit),
            ),
            f"file too large: {path} (at most {_size(limit)} for {what})",
        )
        self.limit = limit


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused with :class:`InputFileTooLarge` beyond ``limit``."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputFileTooLarge(what, limit, Path(path))
    return data


def _size(limit: int) -> str:
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"
