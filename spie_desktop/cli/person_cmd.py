"""``person close`` / ``person reopen`` (the end of support) and ``person restrict`` /
``person unrestrict`` (restriction of processing, RGPD art. 18)."""

from __future__ import annotations

import argparse
import uuid
from datetime import date, datetime
from typing import Any

from spie_desktop.domain.support_end import OUTCOME, OUTCOME_LABELS, SupportOutcome
from spie_desktop.services.support import SupportService

from .device_cmd import open_session

OUTCOMES_HELP = " ; ".join(f"{o.value} : {label}" for o, label in OUTCOME_LABELS.items())


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    person = subparsers.add_parser("person", help="fin d'accompagnement, limitation (RGPD)")
    actions = person.add_subparsers(dest="subcommand", metavar="ACTION", required=True)

    close = actions.add_parser(
        "close",
        parents=[common],
        help="clore l'accompagnement d'une personne (son dossier passe en lecture seule)",
    )
    _person_argument(close)
    close.add_argument(
        "--outcome",
        required=True,
        metavar="CODE",
        help=f"issue de l'accompagnement — {OUTCOMES_HELP}",
    )
    close.add_argument(
        "--date",
        required=True,
        type=_day,
        metavar="JJ/MM/AAAA",
        help="date de fin (pas dans le futur, pas avant l'orientation)",
    )
    close.set_defaults(func=run_close)

    reopen = actions.add_parser(
        "reopen", parents=[common], help="rouvrir l'accompagnement clos d'une personne"
    )
    _person_argument(reopen)
    reopen.add_argument("--reason", required=True, metavar="TEXTE", help="motif de la reprise")
    reopen.set_defaults(func=run_reopen)

    restrict = actions.add_parser(
        "restrict",
        parents=[common],
        help="limiter le traitement d'un dossier (RGPD art. 18) : ni modification ni envoi",
    )
    _person_argument(restrict)
    restrict.add_argument("--reason", required=True, metavar="TEXTE", help="motif de la limitation")
    restrict.set_defaults(func=run_restrict)

    unrestrict = actions.add_parser(
        "unrestrict", parents=[common], help="lever la limitation du traitement d'un dossier"
    )
    _person_argument(unrestrict)
    unrestrict.set_defaults(func=run_unrestrict)


def _person_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "person", type=_person_id, metavar="PERSON_ID", help="identifiant de la personne"
    )


def _person_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"pas un identifiant de personne (UUID) : {text!r}"
        ) from None


def _day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(f"pas une date (JJ/MM/AAAA) : {text!r}") from None


def run_close(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        event = SupportService(session).close(args.person, args.outcome, args.date)
    label = SupportOutcome(event.details[OUTCOME]).label
    print(f"Accompagnement terminé le {args.date:%d/%m/%Y} — {label}.")
    return 0


def run_reopen(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        SupportService(session).reopen(args.person, args.reason)
    print("Accompagnement rouvert.")
    return 0


def run_restrict(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        SupportService(session).restrict(args.person, args.reason)
    print("Traitement limité : le dossier n'est plus modifié ni envoyé au serveur.")
    return 0


def run_unrestrict(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        SupportService(session).lift_restriction(args.person)
    print("Limitation levée : le dossier se modifie et se synchronise à nouveau.")
    return 0
