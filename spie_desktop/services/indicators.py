"""The « Indicateurs » section's use cases: the periods it offers, the table computed from
the device's facts (``spie_protocol.indicators.compute``, the same computation as the
territory server's), the cells a scope shows, and their French CSV export.

Plain data, no Qt: the section draws and lays out what this module selects.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.storage.session import Session
from spie_protocol.indicators.compute import compute
from spie_protocol.indicators.definitions import DEFINITIONS, Definition
from spie_protocol.indicators.table import Cell, IndicatorTable

from .indicator_facts import read_indicator_facts
from .private_output import check_output_target, write_private

log = logging.getLogger(__name__)

INDICATORS = "indicators"


class Scope(StrEnum):
    MINE = "mine"  # « Ma structure »
    TERRITORY = "territory"  # « Tout le territoire (synchronisé) »


class Breakdown(StrEnum):
    MONTH = "month"
    STRUCTURE = "structure"


class PeriodChoice(StrEnum):
    THIS_QUARTER = "this_quarter"
    LAST_QUARTER = "last_quarter"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


def period_of(choice: PeriodChoice, today: date) -> tuple[date, date]:
    """The first and last day of a named period around ``today`` (custom: this quarter,
    the dates to change)."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    if choice is PeriodChoice.THIS_YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if choice is PeriodChoice.LAST_QUARTER:
        end = quarter_start.replace(day=1).toordinal() - 1
        last = date.fromordinal(end)
        return date(last.year, 3 * ((last.month - 1) // 3) + 1, 1), last
    end_month = quarter_start.month + 2
    following = (
        date(quarter_start.year + 1, 1, 1)
        if end_month == 12
        else date(quarter_start.year, end_month + 1, 1)
    )
    return quarter_start, date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    table: IndicatorTable
    structure: str  # the device's structure
    today: date


def compute_indicators(
    session: Session, start: date, end: date, *, now: datetime | None = None
) -> IndicatorReport:
    """Every indicator over [start, end] for everyone the device holds."""
    if end < start:
        raise ValidationError(
            say("La fin de la période précède son début."), "period ends before it starts", "period"
        )
    facts = read_indicator_facts(session, now=now or datetime.now(UTC))
    table = compute(facts.territory, start, end, facts.people, facts.evaluations)
    return IndicatorReport(table, facts.structure, facts.today)


def scope_structure(scope: Scope, mine: str) -> str:
    """The structure a scope's totals are read on ("" is every structure)."""
    return mine if scope is Scope.MINE else ""


def scoped_cells(report: IndicatorReport, scope: Scope) -> list[Cell]:
    """The cells a scope shows: every cell of the device's structure, or every cell of the
    territory (each structure and all together)."""
    if scope is Scope.TERRITORY:
        return list(report.table.cells)
    return [c for c in report.table.cells if c.structure == report.structure]


@dataclass(frozen=True, slots=True)
class Series:
    """One figure's chart: its definition and its bars (label, value, people)."""

    definition: Definition
    bars: tuple[tuple[str, float | None, int], ...]


def chart_series(report: IndicatorReport, scope: Scope, breakdown: Breakdown) -> list[Series]:
    """Each indicator's bars: a figure without categories by month (the scope's structure)
    or by structure (the whole period); a figure with categories by category (the whole
    period, the scope's structure)."""
    structure = scope_structure(scope, report.structure)
    cells = report.table.cells
    months = months_of(report.table.period_start, report.table.period_end)
    structures = sorted({c.structure for c in cells if c.structure})
    if scope is Scope.MINE:
        structures = [s for s in structures if s == report.structure] or [report.structure]
    index = {(c.indicator, c.month, c.structure, c.category): c for c in cells}
    series = []
    for key, definition in DEFINITIONS.items():
        if definition.categories:
            categories = sorted(
                {
                    c.category
                    for c in cells
                    if c.indicator == key and c.category and c.structure == structure
                }
            )
            labels = [(category, ("", structure, category)) for category in categories]
        elif breakdown is Breakdown.MONTH:
            labels = [(month, (month, structure, "")) for month in months]
        else:
            labels = [(name, ("", name, "")) for name in structures]
        # A month or category without a cell had nothing: a zero count, no median.
        nothing = 0.0 if definition.kind == "count" else None
        bars = []
        for label, (month, where, category) in labels:
            cell = index.get((key, month, where, category))
            bars.append((label, cell.value if cell else nothing, cell.people if cell else 0))
        series.append(Series(definition, tuple(bars)))
    return series


def months_of(start: date, end: date) -> list[str]:
    """Every month of [start, end] as cells key them ("YYYY-MM")."""
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


CSV_HEADER = ("indicateur", "unité", "mois", "structure", "catégorie", "valeur", "personnes")


def french_number(value: float | None) -> str:
    """A value as a French spreadsheet reads it: decimal comma, no thousands separator;
    "" for an undefined or suppressed value."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def cells_as_csv(cells: Sequence[Cell]) -> str:
    """The cells as CSV for a spreadsheet in French (``;``-separated, decimal comma)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for cell in cells:
        definition = DEFINITIONS.get(cell.indicator)
        writer.writerow(
            [
                definition.label if definition else cell.indicator,
                definition.unit if definition else "",
                cell.month or "toute la période",
                _cell(cell.structure) or "toutes",
                _cell(cell.category) or "total",
                french_number(cell.value),
                str(cell.people),
            ]
        )
    return out.getvalue()


def export_csv(session: Session, cells: Sequence[Cell], out: Path) -> Path:
    """Write the cells to ``out`` (owner-only, UTF-8 with BOM so spreadsheets read the
    accents), never inside the data dir; audited as an export."""
    target = _target(session, out)
    write_private(target, cells_as_csv(cells).encode("utf-8-sig"))
    _audit(session)
    log.info("indicators exported as CSV (%d cells)", len(cells))
    return target


def export_png(session: Session, png: bytes, out: Path) -> Path:
    """Write a chart drawn on the GUI thread (PNG bytes) to ``out``, as :func:`export_csv`."""
    target = _target(session, out)
    write_private(target, png)
    _audit(session)
    log.info("indicators chart exported as PNG")
    return target


def _target(session: Session, out: Path) -> Path:
    target = out.expanduser().resolve()
    data_dir = session.data_dir.resolve()
    if target == data_dir or data_dir in target.parents:
        raise ValidationError(
            say("Le fichier ne peut pas être écrit dans le dossier de données chiffrées."),
            "refusing to write an export inside the data dir",
            "out",
        )
    if not target.parent.is_dir():
        raise ValidationError(
            say("Le dossier de destination n'existe pas."), "output folder does not exist", "out"
        )
    check_output_target(target)
    return target


def _audit(session: Session) -> None:
    with session.uow() as uow:
        uow.audit.record(AuditAction.EXPORTED, INDICATORS)


def _cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
