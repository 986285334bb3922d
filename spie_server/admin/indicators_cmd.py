"""``spie-server indicators export|merge``: the territory's published figures.

``export --territory CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD] --out FILE.csv|FILE.json``
writes the territory's indicator table — counts and medians only, small cells suppressed —
for the period (this quarter by default, in the territory's calendar). ``merge FILE...
--out FILE`` puts the exports of several territories into one national table, suppressed
again; exports of different schema versions or periods are refused, each named with its file
(one line, exit status 1). A usage mistake (a bad day, an unknown territory, an output that
is neither .csv nor .json) is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spie_protocol.indicators import export
from spie_protocol.indicators.table import IndicatorTable
from spie_server.admin.admin_engine import admin_engine
from spie_server.db import session_scope
from spie_server.indicators.period import PeriodError, period
from spie_server.indicators.table import table_for_territory
from spie_server.retention.local_calendar import local_day, territory_zone
from spie_server.settings import Settings
from spie_server.territory.territories import find_territory

SubParsers = Any  # argparse's _SubParsersAction is private
FORMATS = (".csv", ".json")
USAGE = 2


def register(commands: SubParsers, common: Any) -> None:
    """Add ``indicators export`` and ``indicators merge``."""
    indicators = commands.add_parser(
        "indicators", parents=[common], help="the territory's anonymised indicator tables"
    )
    sub = indicators.add_subparsers(dest="action", required=True)
    out = sub.add_parser(
        "export",
        parents=[common],
        help="write a territory's indicators for a period (counts and medians, small cells "
        "suppressed) to a .csv or .json file",
    )
    out.add_argument("--territory", required=True, metavar="CODE")
    out.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="first day (default: the quarter's)"
    )
    out.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day (default: today)")
    out.add_argument("--out", required=True, type=Path, metavar="FILE.csv|FILE.json")
    out.set_defaults(handler=_export)
    merge = sub.add_parser(
        "merge",
        parents=[common],
        help="add up the exports of several territories into one table (same schema version)",
    )
    merge.add_argument("files", nargs="+", type=Path, metavar="FILE")
    merge.add_argument("--out", required=True, type=Path, metavar="FILE.csv|FILE.json")
    merge.set_defaults(handler=_merge)


def _usage(message: str) -> int:
    print(f"spie-server: error: {message}", file=sys.stderr)
    return USAGE


def _format_problem(path: Path) -> str | None:
    if path.suffix.lower() not in FORMATS:
        return f"--out {path.name!r}: the file must end in .csv or .json"
    return None


def _export(args: argparse.Namespace, settings: Settings) -> int:
    problem = _format_problem(args.out)
    if problem:
        return _usage(problem)
    code = args.territory.strip()
    with session_scope(admin_engine(settings)) as session:
        territory = find_territory(session, code)
        if territory is None:
            return _usage(f"unknown territory {code!r} (see spie-server territory list)")
        code = territory.code  # a server set up with 973 answers to CTG too
        today = local_day(datetime.now(UTC), territory_zone(code))
        try:
            start, end = period(args.start, args.end, today)
        except PeriodError as error:
            return _usage(str(error))
        table = table_for_territory(session, code, start, end)
    _write(table, args.out)
    suppressed = sum(cell.suppressed for cell in table.cells)
    print(
        f"{code}: {start.isoformat()} to {end.isoformat()}, {len(table.cells)} cell(s), "
        f"{suppressed} suppressed, written to {args.out}"
    )
    return 0


def _merge(args: argparse.Namespace, _settings: Settings) -> int:
    problem = _format_problem(args.out)
    if problem:
        return _usage(problem)
    for path in args.files:
        if not path.is_file():
            return _usage(f"{path}: no such file")
    # Different schema versions or periods, or a file that is no export: ValueError, one
    # line and exit 1 (cli.main).
    table = export.merge_files(args.files)
    _write(table, args.out)
    print(f"{len(args.files)} export(s) merged: {len(table.cells)} cell(s), written to {args.out}")
    return 0


def _write(table: IndicatorTable, path: Path) -> None:
    if path.suffix.lower() == ".csv":
        export.write_csv(table, path)
    else:
        export.write_json(table, path)
