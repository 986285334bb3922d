"""Reading an export file record by record: a JSON array (streamed, so a national dump does
not sit in memory whole) or a CSV file with the same columns."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from spie_server.offers.schema import Kind, list_fields, number_fields

CHUNK = 1 << 20
_decoder = json.JSONDecoder()


class FileFormatError(ValueError):
    """The file cannot be read as an export (truncated JSON, not an array, no header…)."""


def read_records(path: Path) -> Iterator[dict[str, Any] | object]:
    """Every record of the file, in order. A record that is not a JSON object is yielded as
    is (the importer rejects it); a file that cannot be read raises ``FileFormatError``."""
    with path.open("r", encoding="utf-8-sig", newline="") as stream:
        first = _first_character(stream)
        stream.seek(0)
        if first == "[":
            yield from _json_array(stream)
        elif first in ("{", ""):
            raise FileFormatError("expected a JSON array of records or a CSV file")
        else:
            yield from _csv_rows(stream)


def _first_character(stream: IO[str]) -> str:
    while True:
        char = stream.read(1)
        if not char or not char.isspace():
            return char


def _json_array(stream: IO[str]) -> Iterator[object]:
    text = stream.read(CHUNK)
    buffer = text[text.index("[") + 1 :]
    offset = len(text) - len(buffer)  # characters of the file before the buffer
    position, eof = 0, False
    expect_value, seen_any = True, False
    while True:
        position = _skip_space(buffer, position)
        if position == len(buffer):
            if eof:
                raise FileFormatError("truncated JSON: the array never closes")
            offset += position
            buffer, eof = _more(stream, "")
            position = 0
            continue
        char = buffer[position]
        if char == "]" and (not expect_value or not seen_any):
            if buffer[position + 1 :].strip() or stream.read(1).strip():
                raise FileFormatError("unexpected data after the closing bracket")
            return
        if char == "," and not expect_value:
            expect_value = True
            position += 1
            continue
        if not expect_value:
            raise FileFormatError(f"malformed JSON near character {offset + position}")
        try:
            value, end = _decoder.raw_decode(buffer, position)
        except json.JSONDecodeError as error:
            if eof:
                raise FileFormatError(
                    f"truncated or malformed JSON near character {offset + error.pos}"
                ) from None
            offset += position
            buffer, eof = _more(stream, buffer[position:])
            position = 0
            continue
        if end == len(buffer) and not eof:
            # A number may continue in the next chunk: read on before believing it.
            offset += position
            buffer, eof = _more(stream, buffer[position:])
            position = 0
            continue
        yield value
        expect_value, seen_any = False, True
        position = end


def _more(stream: IO[str], buffer: str) -> tuple[str, bool]:
    chunk = stream.read(CHUNK)
    return buffer + chunk, not chunk


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _csv_rows(stream: IO[str]) -> Iterator[dict[str, Any]]:
    header_line = stream.readline()
    stream.seek(0)
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.DictReader(stream, delimiter=delimiter)
    fields = reader.fieldnames or []
    if "id" not in fields:
        raise FileFormatError("the CSV header has no 'id' column")
    kind = Kind.SERVICE if "structure_id" in fields else Kind.STRUCTURE
    lists, numbers = list_fields(kind), number_fields(kind)
    for row in reader:
        if None in row:
            raise FileFormatError(f"line {reader.line_num}: more cells than the header has")
        yield {
            name: cell_value(cell, name in lists, numbers.get(name))
            for name, cell in row.items()
            if cell is not None
        }


def cell_value(cell: str, is_list: bool, number: str | None) -> object:
    """A CSV cell as the JSON value it stands for: empty is null; a list is a JSON array or
    comma-separated; a number is parsed (left as text if it is not one, for the schema to
    refuse with the field's name)."""
    text = cell.strip()
    if not text:
        return None
    if is_list:
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                return text
        return [part.strip() for part in text.split(",") if part.strip()]
    if number is not None:
        try:
            return int(text) if number == "integer" else float(text.replace(",", "."))
        except ValueError:
            return text
    return text
