"""``spie-desktop plan list | export | verify``: the signed plans of the store, and checks.

``plan list`` prints one line per plan (every version): plan id, person id, version,
status, signing date (in the territory's time zone; ``-`` for a draft) and the first 12
hex digits of the PDF's SHA-256. ``plan export PLAN_ID --out FILE.pdf`` writes a signed
plan's PDF (owner-only, never inside the data dir; audited as an export).

``plan verify FILE.pdf [--ca CA.pem] [--crl FILE.crl]`` needs no store: one line per
signature (signer, time, intact or not, whether the document changed after it, trust in the
certificate), then the verdict. Each signature must chain to the territory CA (``--ca``, else
the provisioned one, else the one pinned at enrolment: see :mod:`.verify_anchors`), and the
social and the employment counsellors must both have signed. Exit status 0 only for
"valid"; 1 otherwise (including no CA available, a file that is not a PDF, is truncated or
carries no signature); 2 for a missing or unreadable file.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from spie_desktop.domain.plan import ActionPlan
from spie_desktop.input_limits import PDF_FILE_MAX, InputFileTooLarge, read_bounded
from spie_desktop.plan.verify import report_lines, verify_pdf

from .device_cmd import open_session
from .options import data_dir_of
from .verify_anchors import Anchors, AnchorUnreadable, territory_anchors

SHA_PREFIX = 12


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    plan = subparsers.add_parser("plan", help="plans d'action signés")
    actions = plan.add_subparsers(dest="subcommand", required=True)
    listing = actions.add_parser(
        "list",
        parents=[common],
        help="une ligne par plan : identifiant, personne, version, statut, date de signature, début du SHA-256",
    )
    listing.set_defaults(func=run_list)
    export = actions.add_parser(
        "export",
        parents=[common],
        help="écrire le PDF d'un plan signé (hors du dossier de données)",
    )
    export.add_argument("plan_id", type=_plan_id, metavar="PLAN_ID", help="identifiant du plan")
    export.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help="fichier à écrire"
    )
    export.set_defaults(func=run_export)
    verify_parser = actions.add_parser(
        "verify",
        help="vérifier les signatures d'un plan PDF",
        description="Vérifie chaque signature électronique d'un plan d'action au format PDF.",
    )
    verify_parser.add_argument("file", type=Path, metavar="FILE.pdf", help="le PDF à vérifier")
    verify_parser.add_argument(
        "--ca",
        type=Path,
        metavar="CA.pem",
        help="certificat de l'autorité du territoire (par défaut : celui de l'installation)",
    )
    verify_parser.add_argument(
        "--crl",
        type=Path,
        metavar="FILE.crl",
        help="liste de révocation du territoire (par défaut : celle de la dernière synchro)",
    )
    verify_parser.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="dossier de données (CA épinglée, CRL)",
    )
    verify_parser.set_defaults(func=run_verify)


def _plan_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"pas un identifiant de plan (UUID) : {text!r}") from None


def run_list(args: argparse.Namespace) -> int:
    from spie_desktop.services.plans import PlanService  # the store: only when needed

    with open_session(args) as session:
        plans = PlanService(session).list_all()
        zone = ZoneInfo(session.territory.timezone)
    for plan in sorted(plans, key=lambda p: (str(p.person_id), p.plan_version, str(p.id))):
        print(plan_line(plan, zone))
    return 0


def plan_line(plan: ActionPlan, zone: ZoneInfo) -> str:
    moments = [s.signed_at for s in plan.signatures]
    signed = (
        max(moments).astimezone(zone).strftime("%d/%m/%Y") if plan.is_signed and moments else "-"
    )
    digest = plan.pdf_sha256[:SHA_PREFIX] if plan.pdf_sha256 else "-"
    fields = [str(plan.id), str(plan.person_id), str(plan.plan_version), plan.status.value]
    return "\t".join([*fields, signed, digest])


def run_export(args: argparse.Namespace) -> int:
    from spie_desktop.services.plans import PlanService

    with open_session(args) as session:
        target = PlanService(session).export_pdf(args.plan_id, args.out)
    print(f"Plan {args.plan_id} exporté dans {target}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    try:
        anchors = territory_anchors(args.ca, args.crl, data_dir_of(args))
    except AnchorUnreadable as exc:
        sys.stderr.write(exc.message_fr + "\n")
        return 2
    return verify_file(args.file, anchors=anchors)


def verify_file(
    file: Path,
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    anchors: Anchors | None = None,
) -> int:
    """Verify one file against ``anchors`` (none: cannot be valid); print; the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    anchors = anchors or Anchors([], [])
    try:
        data = read_bounded(file, PDF_FILE_MAX, "a plan to verify")
    except OSError as exc:
        err.write(f"{file}: fichier illisible ({exc.strerror or type(exc).__name__})\n")
        return 2
    except InputFileTooLarge as exc:
        err.write(f"{file}: {exc.message_fr}\n")
        return 2
    report = verify_pdf(data, anchors.roots, anchors.crls)
    for line in report_lines(report):
        out.write(line + "\n")
    return 0 if report.ok else 1
