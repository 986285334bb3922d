"""Exports: what a file holds, that it reads back to the same table, and what it never holds."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spie_protocol.indicators.compute import compute
from spie_protocol.indicators.export import (
    CSV_COLUMNS,
    ExportError,
    SchemaMismatch,
    read,
    schema_version_of,
    write_csv,
    write_json,
)
from spie_protocol.indicators.suppression import suppress
from spie_protocol.indicators.table import SCHEMA_VERSION, Cell, IndicatorTable
from tests.protocol.indicators.known_territory import END, EVALUATIONS, PEOPLE, START

STAMP = datetime(2026, 4, 2, 8, 30, tzinfo=UTC)


def _published() -> IndicatorTable:
    return suppress(compute("974", START, END, PEOPLE, EVALUATIONS), threshold=2)


def test_json_layout_and_round_trip(tmp_path: Path) -> None:
    table = _published()
    path = tmp_path / "974.json"

    write_json(table, path, generated_at=STAMP)

    document = json.loads(path.read_text(encoding="utf-8"))
    assert {key: document[key] for key in document if key != "cells"} == {
        "schema": "spie-indicators",
        "schema_version": SCHEMA_VERSION,
        "territory": "974",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "generated_at": "2026-04-02T08:30:00Z",
    }
    assert len(document["cells"]) == len(table.cells)
    assert read(path) == table


def test_csv_layout_opens_in_a_spreadsheet_and_reads_back(tmp_path: Path) -> None:
    table = IndicatorTable(
        "974",
        START,
        END,
        (
            Cell("people_oriented", "2026-01", "CCAS", value=12),
            Cell("delay_diagnostic", "2026-01", "", value=12.5),
            Cell("actions_by_status", "2026-01", "", "done", value=None, suppressed=True),
            Cell("evaluation_mean", "", "", "clear"),
        ),
    )
    path = tmp_path / "974.csv"

    write_csv(table, path)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ";".join(CSV_COLUMNS)
    rows = list(csv.reader(lines[1:5], delimiter=";"))
    assert rows[0] == [
        "974", "2026-01-01", "2026-03-31", "people_oriented", "Personnes orientées",
        "personnes", "2026-01", "CCAS", "", "Total", "12", "non", str(SCHEMA_VERSION),
    ]  # fmt: skip
    assert rows[1][10] == "12,5"
    assert rows[2][8:12] == ["done", "Réalisée", "", "oui"]
    assert rows[3][10:12] == ["", "non"]
    assert read(path) == table


def test_a_computed_and_suppressed_table_round_trips_through_csv(tmp_path: Path) -> None:
    table = _published()
    path = tmp_path / "974.csv"

    write_csv(table, path)

    assert read(path) == table


def test_no_person_level_data_is_exported(tmp_path: Path) -> None:
    # people, birth dates, ids, names and communes are not in the facts; the export must not
    # add one either: only the coordinates, the value and the suppression flag.
    unsuppressed = compute("974", START, END, PEOPLE, EVALUATIONS)
    write_json(unsuppressed, tmp_path / "t.json", generated_at=STAMP)
    write_csv(unsuppressed, tmp_path / "t.csv")

    cells = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["cells"]
    assert {frozenset(cell) for cell in cells} == {
        frozenset(
            ("territory", "indicator", "label", "unit", "month", "structure", "category",
             "category_label", "value", "suppressed")
        )
    }  # fmt: skip
    assert "people" not in CSV_COLUMNS
    assert all(cell.people == 0 for cell in read(tmp_path / "t.csv").cells)


def test_a_suppressed_cell_never_carries_its_value_to_the_file(tmp_path: Path) -> None:
    # A table flagged suppressed but still holding a value (built by hand) is written blank.
    table = IndicatorTable(
        "974", START, END, (Cell("people_oriented", value=3, people=3, suppressed=True),)
    )
    write_json(table, tmp_path / "t.json", generated_at=STAMP)
    write_csv(table, tmp_path / "t.csv")

    assert (
        json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["cells"][0]["value"] is None
    )
    assert read(tmp_path / "t.csv").cells[0].value is None


def test_an_export_of_another_schema_version_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    write_json(_published(), path, generated_at=STAMP)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(document), encoding="utf-8")

    assert schema_version_of(path) == SCHEMA_VERSION + 1
    with pytest.raises(SchemaMismatch, match=rf"schema version {SCHEMA_VERSION + 1} \(b.json\)"):
        read(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("x.json", '{"schema": "other"}'),
        ("x.json", "not json"),
        ("x.csv", "a;b\r\n1;2\r\n"),
        ("x.csv", ";".join(CSV_COLUMNS) + "\r\n"),
        ("x.txt", "{}"),
    ],
)
def test_a_file_that_is_no_export_is_refused(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    with pytest.raises(ExportError, match=name):
        read(path)


def test_an_empty_period_stays_empty_once_published_and_read_back(tmp_path: Path) -> None:
    empty = suppress(compute("974", START, END, ()))
    write_csv(empty, tmp_path / "empty.csv")

    assert empty.empty
    assert read(tmp_path / "empty.csv").empty
    assert not read_back_of(_published(), tmp_path).empty


def read_back_of(table: IndicatorTable, folder: Path) -> IndicatorTable:
    write_json(table, folder / "t.json", generated_at=STAMP)
    return read(folder / "t.json")
