"""Notice when the store file disappears under an open session.

SQLite keeps working on a deleted file through the connections already open: reads succeed
and commits "succeed" into an unlinked inode that vanishes when the store closes. So each unit
of work checks, before and after, that the file on disk is still the one that was opened, and
raises :class:`StoreLost` otherwise; the UI shows one clear message instead of losing data
silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from spie_desktop.domain.errors import SpieError

from .errors import StoreCorrupt, StoreMissing

STORE_LOST_FR = (
    "Le fichier du coffre est introuvable ou illisible : vos dernières saisies n'ont pas pu "
    "être enregistrées. Vérifiez le dossier de données."
)


class StoreLost(SpieError):
    def __init__(self) -> None:
        super().__init__(STORE_LOST_FR, "the store file was deleted, moved or replaced while open")


FileIdentity = tuple[int, int] | None


def file_identity(path: Path) -> FileIdentity:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


class StoreFileGuard:
    """Remembers which file was opened; :meth:`check` raises if it is no longer there."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._identity = file_identity(self.path)

    def check(self) -> None:
        if self._identity is not None and file_identity(self.path) != self._identity:
            raise StoreLost()


def is_store_problem(exc: BaseException) -> bool:
    """The file under the store is gone or unreadable (not a refused action)."""
    import sqlalchemy.exc  # lazily: this module is on the start-up path, SQLAlchemy is not

    return isinstance(
        exc,
        StoreLost
        | StoreMissing
        | StoreCorrupt
        | sqlalchemy.exc.OperationalError
        | sqlalchemy.exc.DatabaseError
        | OSError,
    )
