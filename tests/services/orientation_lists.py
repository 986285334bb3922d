"""Orientation lists as territories send them, written by the tests: CSV (UTF-8 with
commas, Windows-1252 with semicolons) and an Excel workbook made with openpyxl."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

HEADER = [
    "Nom de naissance",
    "Prénom",
    "Date naiss.",
    "Commune",
    "Code INSEE",
    "Téléphone",
    "E-mail",
    "Orienté par",
    "Date d'orientation",
    "Motif",
]
ROWS = [
    [
        "Lefèvre",
        "Hélène",
        "12/03/1985",
        "Rodez",
        "12202",
        "06 12 34 56 78",
        "helene.lefevre@exemple.fr",
        "Conseil départemental",
        "02/09/2026",
        "RSA – orientation socio-professionnelle",
    ],
    [
        "N'Diaye",
        "Aïssatou",
        "1990-07-14",
        "Saint-Laurent-du-Maroni",
        "97311",
        "+594 694 12 34 56",
        "",
        "France Travail",
        "2026-10-01",
        "Demandeuse d'emploi de longue durée",
    ],
    [
        "Müller",
        "François",
        "01/01/2001",
        "Ajaccio",
        "2A004",
        "",
        "f.muller@exemple.org",
        "Mission locale",
        "15/11/2026",
        "Jeune 16-25 ans",
    ],
]
#: Every date above is before this day, which the tests pass as "today".
TODAY = date(2026, 12, 1)


def csv_text(rows: list[list[str]], separator: str = ",", header: list[str] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_csv(
    path: Path,
    rows: list[list[str]] = ROWS,
    *,
    separator: str = ",",
    encoding: str = "utf-8",
    header: list[str] = HEADER,
) -> Path:
    path.write_bytes(csv_text(rows, separator, header).encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: list[list[object]] | None = None, header: list[str] = HEADER
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Liste des orientations SPIE - novembre 2026"])  # a title above the header
    sheet.append(header)
    for row in rows if rows is not None else [list(r) for r in ROWS]:
        sheet.append(row)
    workbook.save(path)
    return path


def generated_rows(count: int) -> list[list[str]]:
    """``count`` distinct people (names with a number in them, birth dates spread)."""
    rows = []
    for n in range(count):
        rows.append(
            [
                f"Nom{n:05d}",
                f"Prénom{n % 97}",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{1950 + n % 50}",
                "Rodez",
                "12202",
                "",
                "",
                "France Travail",
                f"{1 + n % 28:02d}/{1 + n % 11:02d}/2026",
                "RSA",
            ]
        )
    return rows
