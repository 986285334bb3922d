"""``people list`` and ``export``: reading what the store holds on people."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from spie_desktop.domain.errors import ValidationError
from spie_desktop.services.access_export import build_access_export
from spie_desktop.services.export import export_person
from spie_desktop.services.people import PeopleService
from spie_desktop.services.private_output import check_output_target, write_private

from . import people_import_cmd
from .device_cmd import open_session
from .options import data_dir_of


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    people = subparsers.add_parser("people", help="personnes accompagnées")
    actions = people.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    listing = actions.add_parser(
        "list",
        parents=[common],
        help="une ligne par personne : identifiant, nom, date de naissance, statut",
    )
    listing.set_defaults(func=run_people_list)
    people_import_cmd.register(actions, common)

    export = subparsers.add_parser(
        "export",
        parents=[common],
        help="tout ce qui est conservé sur une personne, en JSON (RGPD art. 15)",
    )
    export.add_argument(
        "--person", required=True, type=_person_id, metavar="ID", help="identifiant de la personne"
    )
    export.add_argument(
        "--out", required=True, type=Path, metavar="FILE.json", help="fichier à écrire"
    )
    export.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE.pdf",
        help="écrire aussi le même contenu en PDF lisible, à remettre à la personne",
    )
    export.set_defaults(func=run_export)


def _person_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"pas un identifiant de personne (UUID) : {text!r}"
        ) from None


def run_people_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        listing = PeopleService(session).list_people()  # the stage their path gives
    for s in sorted(
        listing, key=lambda s: (s.last_name.casefold(), s.first_name.casefold(), str(s.id))
    ):
        born = s.birth_date.strftime("%d/%m/%Y") if s.birth_date else "-"
        print(f"{s.id}\t{s.last_name.upper()} {s.first_name}\t{born}\t{s.stage.value}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    data_dir = data_dir_of(args).resolve()
    target = _export_target(args.out, data_dir)
    pdf_target = None if args.pdf is None else _export_target(args.pdf, data_dir)
    with open_session(args) as session:
        if pdf_target is None:
            document = export_person(session, args.person)
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            write_private(target, text.encode("utf-8"))
        else:
            export = build_access_export(session, args.person, pdf_target.stem)
            write_private(target, export.json)
            write_private(pdf_target, export.pdf)
    print(f"Personne {args.person} exportée dans {target}")
    if pdf_target is not None:
        print(f"PDF lisible : {pdf_target}")
    return 0


def _export_target(path: Path, data_dir: Path) -> Path:
    """A clear-text export goes outside the data dir, into a folder that exists."""
    target = path.expanduser().resolve()
    if target == data_dir or data_dir in target.parents:
        raise ValidationError(
            "L'export ne peut pas être écrit dans le dossier de données chiffrées.",
            "refusing to write a clear-text export inside the data dir",
            "out",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            "Le dossier de destination de l'export n'existe pas.",
            f"output folder does not exist: {target.parent}",
            "out",
        )
    check_output_target(target)
    return target
