"""``discard-setup``: move aside the files of a set-up that an older version left half-made."""

from __future__ import annotations

import argparse
from typing import Any

from spie_desktop.services import setup_journal

from .options import data_dir_of


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    discard = subparsers.add_parser(
        "discard-setup",
        parents=[common],
        help="mettre de côté les fichiers d'une configuration interrompue (dans "
        "discarded-setup-DATE/), pour pouvoir relancer init",
    )
    discard.set_defaults(func=run_discard_setup)


def run_discard_setup(args: argparse.Namespace) -> int:
    target = setup_journal.discard_incomplete_setup(data_dir_of(args))
    print(f"Configuration inachevée mise de côté dans {target} ; relancez init")
    return 0
