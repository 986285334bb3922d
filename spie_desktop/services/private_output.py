"""Writing a clear-text export (a person's file, a signed plan) where the user asked.

Only a regular file may be created or replaced: a device node (``/dev/full``), a pipe, a
socket or a folder at the target is refused before anything is written, so nothing is
ever put in its place. The data goes to a randomly named owner-only temporary file in the
same folder (its name says nothing about the content), is flushed, then renamed over the
target; on any failure the temporary file is removed, so no stray copy of personal data
remains.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say

TEMP_PREFIX = ".spie-export-"


def check_output_target(path: Path) -> None:
    """Refuse a target that exists and is not a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise ValidationError(
            say(
                "La destination n'est pas un fichier ordinaire (périphérique, dossier, tube…) : "
                "rien n'a été écrit."
            ),
            f"refusing to write to {path}: not a regular file",
            "out",
        )


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, readable by the owner only, atomically."""
    check_output_target(path)
    fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        check_output_target(path)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
