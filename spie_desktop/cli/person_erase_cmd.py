"""``person erase PERSON_ID --reason TEXT``: erase a person's file on their request (RGPD
art. 17). The file is forgotten on this device at once; the tombstone telling the territory
server and the other devices is pushed at the next sync.

The ``person`` command group is created here if no other module made it first (``person
close`` / ``reopen`` / ``restrict`` live in their own modules and register into the same
group through :func:`person_group`).
"""

from __future__ import annotations

import argparse
import uuid
from typing import Any

from spie_desktop.services.purge import erase_person

from .device_cmd import open_session


def person_group(subparsers: argparse._SubParsersAction[Any]) -> argparse._SubParsersAction[Any]:
    """The actions of the ``person`` command, made once."""
    existing = subparsers.choices.get("person")
    if existing is None:
        existing = subparsers.add_parser("person", help="le dossier d'une personne")
        existing.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    for action in existing._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError("the person command has no actions")


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    erase = person_group(subparsers).add_parser(
        "erase",
        parents=[common],
        help="effacer tout le dossier d'une personne à sa demande (droit à l'effacement), "
        "ici tout de suite et partout à la prochaine synchronisation",
    )
    erase.add_argument("person", type=_person_id, metavar="PERSON_ID", help="identifiant")
    erase.add_argument(
        "--reason", required=True, metavar="TEXTE", help="motif de la demande (obligatoire)"
    )
    erase.set_defaults(func=run_erase)


def _person_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"identifiant de personne invalide : {text!r}") from None


def run_erase(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        erased = erase_person(session, args.person, args.reason)
    print(
        f"{erased.person_id}\teffacé\t{erased.records} fiche(s) ; "
        "le serveur en sera informé à la prochaine synchronisation"
    )
    return 0
