"""Failures of the machine rather than of the program, said in plain words.

A read-only folder, a full disk, a permission refused or a file grown past the size limit
reach the command line either as an :class:`OSError` (Python's own file operations) or as a
database error from SQLite (the store's writes), whose text is fixed by SQLite and never
quotes data. Both become one sentence naming the cause and, when known, the file: in French
for the terminal, in English for the log.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from spie_desktop.domain.errors import SpieError

#: errno → (French, English).
_BY_ERRNO = {
    errno.EROFS: ("le système de fichiers est en lecture seule", "the file system is read-only"),
    errno.ENOSPC: ("le disque est plein", "the disk is full"),
    errno.EDQUOT: ("le quota du disque est épuisé", "the disk quota is exhausted"),
    errno.EACCES: ("permission refusée", "permission denied"),
    errno.EPERM: ("opération non permise", "operation not permitted"),
    errno.ENOENT: ("fichier ou dossier introuvable", "no such file or directory"),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "is a directory"),
    errno.ENOTDIR: ("un élément du chemin n'est pas un dossier", "not a directory"),
    errno.EEXIST: ("le fichier existe déjà", "file exists"),
    errno.EFBIG: (
        "fichier trop volumineux (la taille maximale des fichiers est atteinte)",
        "file too large (the file size limit was reached)",
    ),
}
#: SQLite's fixed texts for the same situations (checked in order), with what they mean.
_BY_SQLITE_TEXT = (
    (
        "database or disk is full",
        "le disque est plein (le coffre n'a pas pu grandir)",
        "the disk is full (the store could not grow)",
    ),
    (
        "attempt to write a readonly database",
        "le dossier des données est en lecture seule",
        "the data directory is read-only",
    ),
    (
        "readonly database",
        "le dossier des données est en lecture seule",
        "the data directory is read-only",
    ),
    (
        "unable to open database file",
        "le coffre ne peut pas être ouvert en écriture (dossier des données en lecture seule "
        "ou inaccessible)",
        "the store cannot be opened for writing (read-only or inaccessible data directory)",
    ),
    (
        "disk i/o error",
        "le disque a refusé une écriture (taille maximale des fichiers atteinte, disque plein "
        "ou défaillant)",
        "the disk refused a write (file size limit reached, disk full or failing)",
    ),
)


#: Below this much free space, a failed write is put down to a full disk.
LOW_SPACE_BYTES = 1 << 20


class EnvironmentFailure(SpieError):
    """The machine refused: a sentence for the terminal (French), one for the log."""


def describe_environment_error(
    exc: BaseException, data_dir: Path | None = None
) -> EnvironmentFailure | None:
    """The sentences for a machine-side failure, or ``None`` if ``exc`` is not one.

    SQLite reports several causes with one text ("disk I/O error", "unable to open"): the
    data dir's file system is then looked at to name the likely one.
    """
    if isinstance(exc, OSError):
        return _describe_os_error(exc)
    cause = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if type(cause).__name__ not in {"OperationalError", "DatabaseError"}:
        return None
    text = str(cause).lower()
    for fragment, sentence_fr, sentence_en in _BY_SQLITE_TEXT:
        if fragment in text:
            found = _diagnose(data_dir) if data_dir is not None else None
            if found:
                return EnvironmentFailure(f"{found[0]} ({fragment})", f"{found[1]} ({fragment})")
            return EnvironmentFailure(sentence_fr, sentence_en)
    return None


def _diagnose(data_dir: Path) -> tuple[str, str] | None:
    """What about the data dir's place on disk stops writes, if anything visible."""
    try:
        stats = os.statvfs(data_dir)
    except (OSError, AttributeError):
        return None
    if stats.f_flag & os.ST_RDONLY:
        return (
            f"le dossier des données est sur un système de fichiers en lecture seule : {data_dir}",
            f"the data directory is on a read-only file system: {data_dir}",
        )
    if stats.f_bavail * stats.f_frsize < LOW_SPACE_BYTES:
        return (
            f"le disque qui contient le dossier des données est plein : {data_dir}",
            f"the disk holding the data directory is full: {data_dir}",
        )
    if not os.access(data_dir, os.W_OK):
        return (
            f"permission refusée : le dossier des données n'est pas accessible en écriture : "
            f"{data_dir}",
            f"permission denied: the data directory cannot be written: {data_dir}",
        )
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    except (ImportError, OSError):
        return None
    if limit != resource.RLIM_INFINITY:
        return (
            f"fichier trop volumineux : ce processus ne peut pas écrire de fichier de plus de "
            f"{limit} octets",
            f"file too large: this process may not write files over {limit} bytes",
        )
    return None


def _describe_os_error(exc: OSError) -> EnvironmentFailure:
    known = _BY_ERRNO.get(exc.errno or 0)
    what_fr, what_en = known or (exc.strerror or type(exc).__name__,) * 2
    if exc.filename:
        return EnvironmentFailure(f"{what_fr} : {exc.filename}", f"{what_en}: {exc.filename}")
    return EnvironmentFailure(what_fr, what_en)
