"""``retention run [--dry-run]``: apply the territory's retention rule on this device now.

One line per due file, naming the person by id only (never a name): forgotten, or waiting
and why (a change not yet sent to the server, a record set aside). Exit 0 either way: a file
that waits is forgotten by a later run, once the server holds everything.
"""

from __future__ import annotations

import argparse
from typing import Any

from spie_desktop.domain.retention import DueBecause
from spie_desktop.services.retention import Verdict, rules_in_force, run_retention

from .device_cmd import open_session

BECAUSE_FR = {
    DueBecause.END_OF_SUPPORT: "fin d'accompagnement ancienne",
    DueBecause.INACTIVITY: "aucune activité depuis longtemps",
}


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    retention = subparsers.add_parser("retention", help="durée de conservation des dossiers (RGPD)")
    actions = retention.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    run = actions.add_parser(
        "run",
        parents=[common],
        help="effacer maintenant les dossiers arrivés au terme de leur conservation "
        "(seulement ceux que le serveur détient entièrement)",
    )
    run.add_argument(
        "--dry-run",
        action="store_true",
        help="dire seulement ce qui serait effacé, sans rien effacer",
    )
    run.set_defaults(func=run_retention_cmd)


def run_retention_cmd(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        rules = rules_in_force(session)
        lines = run_retention(session, dry_run=args.dry_run)
    print(
        f"Règle : {rules.after_end_of_support_months} mois après la fin d'accompagnement, "
        f"{rules.after_last_activity_months} mois sans activité."
    )
    if not lines:
        print("Aucun dossier à effacer.")
    for line in lines:
        because = BECAUSE_FR[line.because]
        if line.verdict is Verdict.PURGED:
            print(f"{line.person_id}\teffacé\t{because}")
        elif line.verdict is Verdict.DUE:
            print(f"{line.person_id}\tà effacer (simulation)\t{because}")
        else:
            print(f"{line.person_id}\ten attente\t{line.waiting_fr}")
    return 0
