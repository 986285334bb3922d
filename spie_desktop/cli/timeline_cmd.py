"""``timeline add`` / ``timeline list`` (a person's path) and ``situation`` (the point de
situation, one line per person, for scripts and a weekly e-mail)."""

from __future__ import annotations

import argparse
import functools
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_details import (
    CHANNEL,
    CHANNEL_LABELS,
    CONTRACT,
    CONTRACT_LABELS,
    DIFFICULTY_LABELS,
    EMPLOYER,
    HOURS,
    PLANNED,
)
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.support_end import SUPPORT_KINDS
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.situation import compute_situation, export_csv
from spie_desktop.services.timeline import TimelineService

from .device_cmd import open_session
from .error_line import french_message, print_error

#: The issue's name for a return to work, accepted beside the stored one.
KIND_ALIASES = {"return_to_work": FollowUpKind.EMPLOYMENT}
#: An end of support and a restriction have their own commands (``person close``…).
KIND_CHOICES = [k.value for k in FollowUpKind if k not in SUPPORT_KINDS] + list(KIND_ALIASES)
YES_NO = {"oui": True, "non": False}


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    timeline = subparsers.add_parser("timeline", help="parcours d'une personne")
    actions = timeline.add_subparsers(dest="subcommand", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", parents=[common], help="ajouter une étape au parcours d'une personne"
    )
    add.add_argument("person", type=_person_id, metavar="PERSON_ID", help="identifiant")
    add.add_argument(
        "--kind",
        required=True,
        choices=KIND_CHOICES,
        metavar="TYPE",
        help="type d'étape : " + ", ".join(KIND_CHOICES),
    )
    add.add_argument(
        "--date",
        required=True,
        type=_day,
        metavar="JJ/MM/AAAA",
        help="date de l'étape, dans le calendrier du territoire",
    )
    add.add_argument("--note", default="", help="note libre (sans donnée sensible)")
    add.add_argument(
        "--planned",
        action="store_true",
        help="étape prévue (seule une étape prévue peut être datée dans le futur)",
    )
    add.add_argument("--channel", choices=list(CHANNEL_LABELS), help="moyen d'un contact")
    add.add_argument(
        "--contract",
        choices=list(CONTRACT_LABELS),
        help="contrat d'un retour à l'emploi ou d'un suivi dans l'emploi",
    )
    add.add_argument("--hours", type=int, help="heures par semaine d'un retour à l'emploi")
    add.add_argument("--employer", help="employeur d'un retour à l'emploi")
    add.add_argument(
        "--month", type=int, choices=(1, 3, 6), help="suivi dans l'emploi : à 1, 3 ou 6 mois"
    )
    add.add_argument(
        "--in-work", choices=list(YES_NO), help="suivi dans l'emploi : toujours en emploi (oui/non)"
    )
    add.add_argument(
        "--difficulty",
        action="append",
        default=[],
        choices=list(DIFFICULTY_LABELS),
        help="suivi dans l'emploi : ce qui est difficile (répétable)",
    )
    add.add_argument(
        "--new-action", default="", help="suivi dans l'emploi : nouvelle action, ajoutée au plan"
    )
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", parents=[common], help="le parcours d'une personne")
    listing.add_argument("person", type=_person_id, metavar="PERSON_ID", help="identifiant")
    listing.set_defaults(func=run_list)

    situation = subparsers.add_parser(
        "situation",
        parents=[common],
        help="point de situation : une ligne par personne (identifiant, nom, étape, "
        "dernier contact, jours d'attente, alertes)",
    )
    situation.add_argument(
        "--alerts-only", action="store_true", help="seulement les personnes ayant une alerte"
    )
    situation.add_argument(
        "--csv",
        type=Path,
        metavar="FILE",
        help="écrire aussi les lignes en CSV (noms compris : pour l'équipe)",
    )
    situation.set_defaults(func=run_situation)


def _person_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a person id (UUID): {text!r}") from None


def _day(text: str) -> date:
    value = text.strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date (JJ/MM/AAAA): {text!r}")


def refused_in_french(
    run: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """A refusal of the path's rules is for the counsellor typing the command: its French
    sentence, one line on stderr, status 1."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except ValidationError as exc:
            print_error(french_message(exc))
            return 1

    return wrapper


@refused_in_french
def run_add(args: argparse.Namespace) -> int:
    kind = KIND_ALIASES.get(args.kind) or FollowUpKind(args.kind)
    with open_session(args) as session:
        if kind is FollowUpKind.CHECK_IN:
            recorded = record_check_in(
                session,
                args.person,
                args.date,
                CheckIn(
                    month=args.month or 0,
                    still_in_work=YES_NO[args.in_work] if args.in_work else None,  # type: ignore[arg-type]
                    contract=args.contract,
                    difficulties=tuple(args.difficulty),
                    new_action=args.new_action,
                    note=args.note,
                ),
            )
            event = recorded.event
            if recorded.plan_id is not None:
                where = (
                    "une nouvelle version (brouillon) du plan"
                    if recorded.new_version
                    else ("le brouillon du plan")
                )
                print(f"Nouvelle action ajoutée dans {where} : {recorded.plan_id}")
        else:
            event = TimelineService(session).add_event(
                args.person, kind, args.date, note=args.note, details=_details(args)
            )
    print(f"Étape enregistrée : {event.id}")
    return 0


def _details(args: argparse.Namespace) -> dict[str, Any]:
    details: dict[str, Any] = {}
    if args.planned:
        details[PLANNED] = True
    if args.channel:
        details[CHANNEL] = args.channel
    if args.contract:
        details[CONTRACT] = args.contract
    if args.hours is not None:
        details[HOURS] = args.hours
    if args.employer:
        details[EMPLOYER] = args.employer
    return details


def run_list(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        steps = TimelineService(session).path(args.person)
    if not steps:
        print("Aucune étape enregistrée.")
    for step in steps:
        wait = "" if step.wait_days is None else f"+{step.wait_days} j"
        planned = "prévue" if step.planned else ""
        print(f"{step.day:%d/%m/%Y}\t{step.label}\t{wait}\t{planned}\t{step.note}".rstrip("\t"))
    return 0


@refused_in_french
def run_situation(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        report = compute_situation(session)
        rows = [r for r in report.rows if r.alerts] if args.alerts_only else report.rows
        if args.csv is not None:
            target = export_csv(session, rows, args.csv)
    for row in rows:
        contact = f"{row.last_contact:%d/%m/%Y}" if row.last_contact else "-"
        waiting = "-" if row.days_waiting is None else f"{row.days_waiting} j"
        alerts = " ; ".join(a.text for a in row.alerts) or "-"
        print(f"{row.person_id}\t{row.name}\t{row.stage.label}\t{contact}\t{waiting}\t{alerts}")
    if args.csv is not None:
        print(f"{len(rows)} ligne(s) écrite(s) dans {target}")
    return 0
