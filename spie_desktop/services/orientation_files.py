"""Reading an orientation list file (CSV or Excel .xlsx) into rows of text cells.

The kind of file is told by its first bytes, not its name. CSV text is read as UTF-8 (with
or without the mark Excel writes), UTF-16 with its mark (Excel's "Texte Unicode"), else as
Windows-1252; the separator (``;``, ``,`` or a tab) is the one that splits the first lines
into the most columns. An Excel workbook's first
sheet is read in read-only mode, formulas as written (so that they are refused, never run
nor stored). Nothing here knows what the columns mean: see ``domain/orientation.py``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.orientation import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    OrientationListRefused,
    SourceRow,
    not_a_table,
)
from spie_desktop.input_limits import InputFileTooLarge, read_bounded

#: Bytes one list file may hold: 20,000 rows of a wide export are a few MB.
LIST_FILE_MAX = 64 * 1024 * 1024
#: Non-empty rows read at most: enough to tell a list over :data:`MAX_ROWS` rows.
ROWS_READ_MAX = MAX_ROWS + HEADER_SEARCH_ROWS + 1
SEPARATORS = (";", ",", "\t")
#: Lines one row may span (a note with line breaks, quoted): more is an unclosed quote that
#: would swallow the rest of the list into one cell.
ROW_LINES_MAX = 10
_SNIFF_LINES = 20
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls (Excel 97-2003), .doc
_UTF8_ACCENT = re.compile(rb"[\xc2-\xdf][\x80-\xbf]")


def read_list_rows(path: Path) -> list[SourceRow]:
    """The rows of the file at ``path`` (empty ones included, numbered as in the file).
    Raises :class:`OrientationListRefused` for a file that is not a readable table."""
    try:
        data = read_bounded(path, LIST_FILE_MAX, "orientation list")
    except InputFileTooLarge as error:
        raise OrientationListRefused(
            say("{problem} Rien n'a été importé.", problem=error.said), error.message_en
        ) from None
    except OSError as error:
        raise OrientationListRefused(
            say("Le fichier ne peut pas être lu (introuvable ou protégé)."),
            f"cannot read the list file: {error.strerror}",
        ) from None
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_rows(data)
    if data.startswith(_OLE_MAGIC):
        raise not_a_table(
            "c'est un ancien classeur Excel (.xls) ou un document Word.",
            "OLE compound file (.xls or .doc)",
        )
    return _csv_rows(_decoded(data))


def _decoded(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Texte Unicode"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise not_a_table(
            "il contient des octets nuls (un fichier binaire, ou du texte en UTF-16).",
            "NUL bytes",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _UTF8_ACCENT.search(data):
        raise OrientationListRefused(
            say(
                "Encodage du fichier incohérent : une partie des accents est en UTF-8, une autre "
                "non. Rien n'a été importé : enregistrez la liste de nouveau en « CSV UTF-8 »."
            ),
            "mixed UTF-8 and single-byte text",
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise OrientationListRefused(
            say(
                "Encodage du fichier non reconnu (ni UTF-8, ni Windows-1252). Rien n'a été "
                "importé : enregistrez la liste de nouveau en « CSV UTF-8 »."
            ),
            "neither UTF-8 nor Windows-1252",
        ) from None


def _csv_rows(text: str) -> list[SourceRow]:
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=False)
    rows: list[SourceRow] = []
    kept = 0
    first_line = 1
    try:
        for cells in reader:
            if reader.line_num - first_line >= ROW_LINES_MAX:
                raise not_a_table(
                    f"le guillemet ouvert ligne {first_line} n'est jamais refermé.",
                    f"unclosed quote at line {first_line}",
                )
            row = SourceRow(first_line, tuple(cell.strip() for cell in cells))
            first_line = reader.line_num + 1
            rows.append(row)
            kept += not row.is_empty
            if kept >= ROWS_READ_MAX:
                break
    except csv.Error as error:
        raise not_a_table("une cellule y est mal délimitée.", f"csv error: {error}") from None
    return rows


def _separator(text: str) -> str:
    sample = [line for line in text.splitlines()[: _SNIFF_LINES * 2] if line.strip()]
    sample = sample[:_SNIFF_LINES]
    best, best_width = "", 1
    for separator in SEPARATORS:
        widths = Counter(len(cells) for cells in csv.reader(sample, delimiter=separator))
        width = max(widths, key=lambda w: (widths[w], w)) if widths else 0
        if width > best_width:
            best, best_width = separator, width
    if not best:
        raise not_a_table(
            "ses lignes n'ont pas de colonnes séparées par « ; », « , » ou une tabulation.",
            "no separator splits the lines",
        )
    return best


def _xlsx_rows(data: bytes) -> list[SourceRow]:
    from openpyxl import load_workbook  # only when an Excel file is imported

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise not_a_table(
            "c'est une archive, mais pas un classeur Excel (.xlsx) lisible.",
            f"not an xlsx workbook: {type(error).__name__}",
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise not_a_table("le classeur n'a aucune feuille.", "no worksheet")
        return list(_sheet_rows(sheet.iter_rows(values_only=True)))
    finally:
        workbook.close()


def _sheet_rows(values: Iterator[tuple[object, ...]]) -> Iterator[SourceRow]:
    kept = 0
    for number, cells in enumerate(values, start=1):
        row = SourceRow(number, tuple(_cell_text(cell) for cell in cells))
        yield row
        kept += not row.is_empty
        if kept >= ROWS_READ_MAX:
            return


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: dates as ISO, whole numbers without
    ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
