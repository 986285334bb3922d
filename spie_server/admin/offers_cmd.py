"""``spie-server offers import|add-local|remove-local``: the territory's offer catalogue.

``import FILE...`` reads data·inclusion export files (JSON arrays or CSV, structures and
services in separate files, structures imported first whatever the order given), keeps the
records that serve the territory's départements (``--keep-all``: every record) and prints,
per file, how many were imported, updated, unchanged, outside the territory and rejected,
then one line per rejected record (its number in the file, its id, the reason). Each file is
one transaction: a file that cannot be read to its end writes nothing and the command exits 1.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.territories import UnknownTerritory, territory_list
from spie_server.admin.admin_engine import admin_engine
from spie_server.db import session_scope
from spie_server.models import Territory
from spie_server.offers.importer import FileReport, file_kind, import_file
from spie_server.offers.local_offers import add_local, remove_local
from spie_server.offers.reading import FileFormatError
from spie_server.offers.schema import Kind
from spie_server.offers.territory_filter import departements, is_departement
from spie_server.settings import Settings
from spie_server.territory.territories import get_territory

SubParsers = Any  # argparse's _SubParsersAction is private


def register(commands: SubParsers, common: Any) -> None:
    """Add ``offers import``, ``offers add-local`` and ``offers remove-local``."""
    offers = commands.add_parser("offers", parents=[common], help="the offer catalogue")
    osub = offers.add_subparsers(dest="action", required=True)
    territory_help = "the territory (default: the only one on this server)"
    imp = osub.add_parser(
        "import", parents=[common], help="import data·inclusion structures and services files"
    )
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--territory", help=territory_help)
    imp.add_argument(
        "--departement",
        action="append",
        metavar="CODE",
        help="a département the territory covers (repeatable; default: the INSEE départements "
        "the territory list gives for it, e.g. 973 for CTG, 2A and 2B for 20R)",
    )
    imp.add_argument("--keep-all", action="store_true", help="keep every record, anywhere")
    imp.set_defaults(handler=_import)
    add = osub.add_parser(
        "add-local", parents=[common], help="add or edit local offers from a CSV file"
    )
    add.add_argument("file", type=Path, metavar="FILE.csv")
    add.add_argument("--territory", help=territory_help)
    add.set_defaults(handler=_add_local)
    remove = osub.add_parser("remove-local", parents=[common], help="remove one local offer")
    remove.add_argument("offer_id", metavar="ID")
    remove.add_argument("--territory", help=territory_help)
    remove.set_defaults(handler=_remove_local)


def _import(args: argparse.Namespace, settings: Settings) -> int:
    engine = admin_engine(settings)
    with session_scope(engine) as session:
        territory = _territory(session, args.territory)
        wanted = None if args.keep_all else _departements(territory.code, args.departement)
    order = {Kind.STRUCTURE: 0, None: 1, Kind.SERVICE: 2}
    failed = False
    for path in sorted(args.files, key=lambda p: order[file_kind(p)]):
        try:
            with session_scope(engine) as session:
                report = import_file(session, territory.id, path, wanted)
        except (FileFormatError, OSError) as error:
            print(f"{path}: not imported, nothing written: {error}")
            failed = True
            continue
        _print_report(str(path), report)
    return 1 if failed else 0


def _add_local(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        territory = _territory(session, args.territory)
        try:
            report = add_local(session, territory.id, territory.code, args.file)
        except FileFormatError as error:
            raise ValueError(f"{args.file}: not imported, nothing written: {error}") from None
    _print_report(str(args.file), report)
    return 0


def _remove_local(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        territory = _territory(session, args.territory)
        if not remove_local(session, territory.id, territory.code, args.offer_id):
            raise ValueError(f"no local offer {args.offer_id!r} in territory {territory.code}")
    print(f"local offer {args.offer_id} removed")
    return 0


def _territory(session: Session, code: str | None) -> Territory:
    if code is not None:
        return get_territory(session, code)
    territories = session.scalars(select(Territory).limit(2)).all()
    if len(territories) != 1:
        raise ValueError("say which territory with --territory")
    return territories[0]


def _departements(code: str, given: list[str] | None) -> frozenset[str]:
    if given:
        return departements(given)
    try:
        return departements(territory_list().resolve(code).departements)
    except UnknownTerritory:
        pass
    if is_departement(code):
        return departements([code])
    raise ValueError(
        f"territory {code} is not a département code: say which with --departement (or --keep-all)"
    )


def _print_report(name: str, report: FileReport) -> None:
    kind = f"{report.kind.value}s" if report.kind else "records"
    print(
        f"{name}: {kind}: {report.imported} imported, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.outside} outside the territory, "
        f"{len(report.rejected)} rejected"
    )
    for rejection in report.rejected:
        print(f"  rejected #{rejection.number} id={rejection.record_id or '-'}: {rejection.reason}")
