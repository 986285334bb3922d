"""Indicator tables as files: a versioned JSON document and a CSV a spreadsheet opens.

Both layouts are described in ``docs/indicators.md``. Neither carries ``people`` (see
:mod:`.suppression`): a cell is its coordinates, its value and whether it is suppressed.
A cell's territory is written in full on every cell/row; reading gives back the table's own
territory as "" (as :class:`~spie_protocol.indicators.table.Cell` keeps it).

CSV: UTF-8 with a byte order mark, ``;`` between fields and a decimal comma, which is what
spreadsheets in a French locale open directly (a ``,`` separator would put every row in one
column, a decimal point would turn 12.5 into a date).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from spie_protocol.indicators.definitions import DEFINITIONS, category_label
from spie_protocol.indicators.merge import PeriodMismatch, SchemaMismatch, check_versions, merge
from spie_protocol.indicators.table import Cell, IndicatorTable

__all__ = [
    "CSV_COLUMNS",
    "SCHEMA",
    "ExportError",
    "PeriodMismatch",
    "SchemaMismatch",
    "merge",
    "merge_files",
    "read",
    "schema_version_of",
    "write_csv",
    "write_json",
]

SCHEMA = "spie-indicators"
CSV_COLUMNS = (
    "territory",
    "period_start",
    "period_end",
    "indicator",
    "label",
    "unit",
    "month",
    "structure",
    "category",
    "category_label",
    "value",
    "suppressed",
    "schema_version",
)
_YES, _NO = "oui", "non"


class ExportError(ValueError):
    """A file that is not an indicator export (or a damaged one); says which and why."""


def _describe(cell: Cell, territory: str) -> dict[str, Any]:
    definition = DEFINITIONS.get(cell.indicator)
    return {
        "territory": cell.territory or territory,
        "indicator": cell.indicator,
        "label": definition.label if definition else cell.indicator,
        "unit": definition.unit if definition else "",
        "month": cell.month,
        "structure": cell.structure,
        "category": cell.category,
        "category_label": category_label(definition.categories, cell.category)
        if definition
        else cell.category,
        "value": None if cell.suppressed else cell.value,
        "suppressed": cell.suppressed,
    }


def _plain(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


def write_json(
    table: IndicatorTable, path: Path | str, generated_at: datetime | None = None
) -> None:
    stamp = (generated_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cells = []
    for cell in table.cells:
        described = _describe(cell, table.territory)
        described["value"] = _plain(described["value"])
        cells.append(described)
    document = {
        "schema": SCHEMA,
        "schema_version": table.schema_version,
        "territory": table.territory,
        "period_start": table.period_start.isoformat(),
        "period_end": table.period_end.isoformat(),
        "generated_at": stamp.isoformat().replace("+00:00", "Z"),
        "cells": cells,
    }
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def _csv_number(value: float | None) -> str:
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, int):
        return str(plain)
    return f"{plain:.1f}".replace(".", ",")


def write_csv(table: IndicatorTable, path: Path | str) -> None:
    with Path(path).open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for cell in table.cells:
            described = _describe(cell, table.territory)
            described["value"] = _csv_number(described["value"])
            described["suppressed"] = _YES if cell.suppressed else _NO
            described["period_start"] = table.period_start.isoformat()
            described["period_end"] = table.period_end.isoformat()
            described["schema_version"] = table.schema_version
            writer.writerow([described[column] for column in CSV_COLUMNS])


def _cell(raw: dict[str, Any], territory: str, value: float | None, suppressed: bool) -> Cell:
    cell_territory = str(raw["territory"])
    return Cell(
        indicator=str(raw["indicator"]),
        month=str(raw["month"]),
        structure=str(raw["structure"]),
        category=str(raw["category"]),
        value=None if suppressed else value,
        suppressed=suppressed,
        territory="" if cell_territory == territory else cell_territory,
    )


def _read_json(path: Path) -> IndicatorTable:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        raise ExportError(f"{path.name} is not a {SCHEMA} document")
    check_versions([(int(document["schema_version"]), path.name)])
    territory = str(document["territory"])
    cells = []
    for raw in document["cells"]:
        value = raw["value"]
        number = None if value is None else float(value)
        cells.append(_cell(raw, territory, number, bool(raw["suppressed"])))
    return IndicatorTable(
        territory=territory,
        period_start=date.fromisoformat(document["period_start"]),
        period_end=date.fromisoformat(document["period_end"]),
        cells=tuple(cells),
        schema_version=int(document["schema_version"]),
    )


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream, delimiter=";")
        if tuple(reader.fieldnames or ()) != CSV_COLUMNS:
            raise ExportError(f"{path.name}: header is not the {SCHEMA} CSV header")
        rows = list(reader)
    if not rows:
        raise ExportError(f"{path.name} holds no cell")
    return rows


def _read_csv(path: Path) -> IndicatorTable:
    rows = _csv_rows(path)
    check_versions(sorted({(int(row["schema_version"]), path.name) for row in rows}))
    periods = {(row["period_start"], row["period_end"]) for row in rows}
    if len(periods) != 1:
        raise ExportError(f"{path.name} mixes periods")
    territories = {row["territory"] for row in rows}
    # A territory's export names one territory; a national one has "" rows.
    territory = "" if "" in territories or len(territories) != 1 else territories.pop()
    cells = []
    for row in rows:
        text = row["value"].replace(",", ".")
        suppressed = row["suppressed"] == _YES
        cells.append(_cell(row, territory, float(text) if text else None, suppressed))
    ((start, end),) = periods
    return IndicatorTable(
        territory=territory,
        period_start=date.fromisoformat(start),
        period_end=date.fromisoformat(end),
        cells=tuple(cells),
        schema_version=int(rows[0]["schema_version"]),
    )


def _by_extension(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".csv"):
        raise ExportError(f"{path.name}: expected a .json or .csv file")
    return suffix


def read(path: Path | str) -> IndicatorTable:
    """The table in an export, by extension (.json or .csv). People are not in exports:
    every cell reads back with ``people=0``."""
    path = Path(path)
    reader = _read_json if _by_extension(path) == ".json" else _read_csv
    try:
        return reader(path)
    except (SchemaMismatch, ExportError):
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise ExportError(f"{path.name} is not a readable {SCHEMA} export: {error}") from error


def schema_version_of(path: Path | str) -> int:
    """The schema version a file declares, read before anything else of it."""
    path = Path(path)
    try:
        if _by_extension(path) == ".json":
            return int(json.loads(path.read_text(encoding="utf-8"))["schema_version"])
        return int(_csv_rows(path)[0]["schema_version"])
    except ExportError:
        raise
    except (KeyError, TypeError, ValueError) as error:
        raise ExportError(f"{path.name} is not a readable {SCHEMA} export: {error}") from error


def merge_files(paths: Sequence[Path | str], threshold: int = 5) -> IndicatorTable:
    """The national table of the exports at ``paths``; versions are compared across all the
    files before any is read further, so a mismatch names every file's version."""
    files = [Path(path) for path in paths]
    check_versions([(schema_version_of(path), path.name) for path in files])
    return merge([read(path) for path in files], [path.name for path in files], threshold)
