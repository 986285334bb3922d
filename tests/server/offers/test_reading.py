"""Reading export files: the JSON array streamed in chunks (a record cut across chunks reads
whole), a file cut anywhere refused, CSV cells as JSON values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spie_server.offers import reading
from spie_server.offers.reading import FileFormatError, cell_value, read_records
from tests.server.offers.records import valid

RECORDS = [valid("service", n) for n in range(5)] + [valid("structure", 1)]


def test_records_cut_across_chunks_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading, "CHUNK", 7)
    path = tmp_path / "a.json"
    path.write_text("\ufeff \n" + json.dumps(RECORDS, indent=2, ensure_ascii=False), "utf-8")
    assert list(read_records(path)) == RECORDS


def test_a_file_cut_anywhere_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "CHUNK", 64)
    text = json.dumps(RECORDS[:2], ensure_ascii=False)
    path = tmp_path / "cut.json"
    for length in range(1, len(text) - 1, 7):
        path.write_text(text[:length], "utf-8")
        with pytest.raises(FileFormatError):
            list(read_records(path))


@pytest.mark.parametrize(
    "text", ['{"id": "x"}', '[{"id": "x"},]', '[{"id": "x"}] [', '[{"id": "x"} {"id": "y"}]']
)
def test_what_is_not_an_array_of_records_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, "utf-8")
    with pytest.raises(FileFormatError):
        list(read_records(path))


def test_an_empty_array_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("[ \n ]", "utf-8")
    assert list(read_records(path)) == []


@pytest.mark.parametrize(
    ("cell", "is_list", "number", "value"),
    [
        ("", True, None, None),
        ('["a", "b"]', True, None, ["a", "b"]),
        ("a, b,", True, None, ["a", "b"]),
        ("4,5", False, "number", 4.5),
        ("3", False, "integer", 3),
        ("trois", False, "integer", "trois"),
        (" texte ", False, None, "texte"),
    ],
)
def test_csv_cells(cell: str, is_list: bool, number: str | None, value: object) -> None:
    assert cell_value(cell, is_list, number) == value
