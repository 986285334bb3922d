"""``spie-server retention run [--territory CODE] [--dry-run]``: forget every file that is due.

Prints one line per person (territory, person id, why) — never a name — and a total. A dry
run prints the same and writes nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from spie_server.admin.admin_engine import admin_engine
from spie_server.db import session_scope
from spie_server.retention.run import run_retention
from spie_server.settings import Settings

SubParsers = Any  # argparse's _SubParsersAction is private


def register(commands: SubParsers, common: Any) -> None:
    """Add ``retention run``."""
    retention = commands.add_parser(
        "retention", parents=[common], help="forget the files the retention rules say are due"
    )
    rsub = retention.add_subparsers(dest="action", required=True)
    run = rsub.add_parser(
        "run", parents=[common], help="purge every due file (writes a tombstone per person)"
    )
    run.add_argument("--territory", help="this territory only (default: every territory)")
    run.add_argument("--dry-run", action="store_true", help="list what is due; write nothing")
    run.set_defaults(handler=_run)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        report = run_retention(session, args.territory, dry_run=args.dry_run)
    verb = "due" if args.dry_run else "purged"
    for item in report.due:
        print(f"{item.territory}\t{item.person_id}\t{verb}\t{item.reason}")
    people = len(report.due)
    if args.dry_run:
        print(f"{people} file(s) due; nothing written (dry run)")
    else:
        print(f"{people} file(s) purged, {report.records} record(s) removed")
    return 0
