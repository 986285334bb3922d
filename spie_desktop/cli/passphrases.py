"""Where the command line takes passphrases from: a file, an environment variable, or a prompt.

Never from a command-line argument: those show up in ``ps`` and in shell histories.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.passphrase import check_new_passphrase
from spie_desktop.input_limits import PASSPHRASE_FILE_MAX, read_bounded

PASSPHRASE_ENV = "SPIE_PASSPHRASE"
NEW_PASSPHRASE_ENV = "SPIE_NEW_PASSPHRASE"


class NoPassphrase(SpieError):
    def __init__(self, option: str, env: str) -> None:
        super().__init__(
            f"Aucune phrase de passe fournie : utilisez {option} FICHIER ou la variable "
            f"{env}, ou lancez la commande dans un terminal pour la saisir.",
            f"no passphrase given: use {option} FILE, set {env}, or run in a terminal to be prompted",
        )


def read_passphrase(file: str | None, *, prompt: str, confirm: bool = False) -> str:
    """The passphrase from ``--passphrase-file``, ``$SPIE_PASSPHRASE``, or a prompt.

    ``confirm``: a passphrase being chosen (``init``): typed twice at a prompt, and held to
    the passphrase policy whatever its source, before anything else is done.
    """
    return _read(file, PASSPHRASE_ENV, "--passphrase-file", prompt, confirm)


def read_new_passphrase(file: str | None, *, prompt: str) -> str:
    """A new account's passphrase: ``--new-passphrase-file``, ``$SPIE_NEW_PASSPHRASE``, prompt.

    Held to the passphrase policy (typed twice at a prompt) before anything else is done.
    """
    return _read(file, NEW_PASSPHRASE_ENV, "--new-passphrase-file", prompt, confirm=True)


def _read(file: str | None, env: str, option: str, prompt: str, confirm: bool) -> str:
    passphrase, confirmation = _read_raw(file, env, option, prompt, confirm)
    if confirm:
        check_new_passphrase(passphrase, confirmation)
    return passphrase


def _read_raw(
    file: str | None, env: str, option: str, prompt: str, confirm: bool
) -> tuple[str, str | None]:
    """The passphrase and, when it was typed twice, the second entry."""
    if file:
        return _from_file(Path(file), option), None
    from_env = os.environ.get(env)
    if from_env:
        return from_env, None
    if not sys.stdin.isatty():
        raise NoPassphrase(option, env)
    first = getpass.getpass(prompt)
    return first, getpass.getpass("Confirmez : ") if confirm else None


def _from_file(path: Path, option: str) -> str:
    try:
        text = read_bounded(path, PASSPHRASE_FILE_MAX, "a passphrase file").decode("utf-8")
    except FileNotFoundError:
        raise SpieError(
            "Le fichier de phrase de passe est introuvable.", f"{option}: file not found: {path}"
        ) from None
    except UnicodeDecodeError:
        raise SpieError(
            "Le fichier de phrase de passe n'est pas en UTF-8.", f"{option}: file is not UTF-8"
        ) from None
    # Only the line ending an editor adds is dropped: spaces may be part of a passphrase.
    return text.removesuffix("\n").removesuffix("\r")
