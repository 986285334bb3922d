"""``people import FILE``: an orientation list (CSV or Excel) into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from spie_desktop.domain.orientation import MAX_ROWS, OrientationListRefused
from spie_desktop.services.orientation_import import import_orientation_list

from .device_cmd import open_session

PROG = "spie-desktop"


def register(actions: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    importing = actions.add_parser(
        "import",
        parents=[common],
        help="importer une liste d'orientation (CSV ou Excel .xlsx)",
        description=(
            "Importe une liste de personnes orientées vers le SPIE (CSV en UTF-8 ou "
            "Windows-1252, séparé par « ; » ou « , », ou classeur Excel .xlsx). Colonnes : "
            "nom, prénom, date de naissance, commune ou code INSEE, téléphone, e-mail, "
            "orienté par, date d'orientation, motif (nom, prénom et date d'orientation "
            f"obligatoires ; au plus {MAX_ROWS} lignes). Une personne déjà connue est "
            "retrouvée, jamais créée deux fois ; importer deux fois la même liste ne change "
            "rien. Les lignes refusées sont listées avec leur numéro et la raison."
        ),
    )
    importing.add_argument("file", type=Path, metavar="FICHIER", help="la liste à importer")
    importing.set_defaults(func=run_people_import)


def run_people_import(args: argparse.Namespace) -> int:
    """Exit 0 when the list was read (even with rejected lines), 1 when refused whole."""
    with open_session(args) as session:
        try:
            report = import_orientation_list(session, args.file)
        except OrientationListRefused as refused:
            print(f"{PROG}: error: {refused.message_fr}", file=sys.stderr)
            return 1
    print(f"Créées : {report.created}")
    print(f"Retrouvées (déjà dans l'outil) : {report.matched}")
    print(f"Refusées : {report.rejected}")
    for rejection in report.rejections:
        print(str(rejection))
    return 0
