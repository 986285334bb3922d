"""Orientation lists, Qt-free and store-free: headers, cells, rows."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.orientation import (
    MAX_ROWS,
    OrientationListRefused,
    SourceRow,
    read_orientation_list,
)
from spie_desktop.domain.orientation_cells import checked_insee_code, is_formula, parsed_date
from spie_desktop.domain.orientation_columns import Column, column_of

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("NOM", Column.LAST_NAME),
        ("Nom de naissance", Column.LAST_NAME),
        (" nom  d'usage ", Column.LAST_NAME),
        ("Prénom", Column.FIRST_NAME),
        ("PRENOMS", Column.FIRST_NAME),
        ("Date naiss.", Column.BIRTH_DATE),
        ("Né(e) le", Column.BIRTH_DATE),
        ("Code INSEE commune", Column.INSEE_CODE),
        ("Tél.", Column.PHONE),
        ("N° de téléphone", Column.PHONE),
        ("Courriel", Column.EMAIL),
        ("E-mail", Column.EMAIL),
        ("Orienté(e) par", Column.ORIENTED_BY),
        ("Prescripteur", Column.ORIENTED_BY),
        ("Date d’orientation", Column.ORIENTED_ON),
        ("Motif de l'orientation", Column.REASON),
        ("Identifiant", None),
        ("Nom du conseiller référent", None),
    ],
)
def test_headers_are_recognised_despite_case_accents_and_variants(
    header: str, column: Column | None
) -> None:
    assert column_of(header) is column


@pytest.mark.parametrize(
    ("code", "stored"),
    [
        ("12202", "12202"),
        ("2A004", "2A004"),
        ("2b033", "2B033"),
        ("97302", "97302"),
        ("97611", "97611"),
        ("98818", "98818"),
        ("1004", "01004"),
        ("", ""),
    ],
)
def test_insee_codes_of_known_territories_pass(code: str, stored: str) -> None:
    assert checked_insee_code(code) == stored


@pytest.mark.parametrize(
    "code", ["20123", "00123", "96123", "97912", "98012", "12000", "2C004", "122023", "ABCDE"]
)
def test_insee_codes_outside_known_territories_are_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="INSEE code"):
        checked_insee_code(code)


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ("=1+1", True),
        ('=HYPERLINK("http://x")', True),
        ("@SUM(A1)", True),
        ("+A1", True),
        ("-1+1", True),
        ("-2*3", True),
        ("+cmd|' /C calc'!A0", True),
        ("+33 6 12 34 56 78", False),
        ("+33 (0)6 12 34 56 78", False),
        ("-12", False),
        ("Dupont", False),
        ("Jean-Pierre", False),
    ],
)
def test_formulas_are_told_from_phone_numbers(text: str, formula: bool) -> None:
    assert is_formula(text) is formula


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05/03/2024", date(2024, 3, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)),
        ("05.03.2024", date(2024, 3, 5)),
        ("01/01/1900", date(1900, 1, 1)),
        ("", None),
    ],
)
def test_dates_french_or_iso(text: str, day: date | None) -> None:
    assert parsed_date(text, "oriented_on", "La date", TODAY) == day


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("02/12/2026", "futur"),
        ("31/12/1899", "1900"),
        ("1899-12-31", "1900"),
        ("31/02/2024", "pas une date"),
        ("03/05/24", "pas une date"),
        ("mars 2024", "pas une date"),
    ],
)
def test_dates_refused(text: str, why: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parsed_date(text, "oriented_on", "La date", TODAY)
    assert why in refused.value.message_fr


def _rows(*lines: list[str]) -> list[SourceRow]:
    return [SourceRow(n, tuple(cells)) for n, cells in enumerate(lines, start=1)]


def test_a_title_and_empty_lines_are_skipped_and_line_numbers_kept() -> None:
    listing = read_orientation_list(
        _rows(
            ["Orientations de novembre", ""],
            ["", ""],
            ["Nom", "Prénom", "Date d'orientation", "Téléphone"],
            ["Durand", "Léa", "02/11/2026", "-"],
            ["", "", "", ""],
            ["Roux", "Tom", "03/11/2026", "+A1"],
        ),
        TODAY,
    )
    assert listing.header_line == 3
    assert [r.line for r in listing.records] == [4]
    assert listing.records[0].identity.phone == ""  # a dash says "empty"
    [rejection] = listing.rejections
    assert rejection.line == 6 and "formule" in rejection.reason


def test_a_missing_required_column_refuses_the_list() -> None:
    with pytest.raises(OrientationListRefused) as refused:
        read_orientation_list(_rows(["Nom", "Prénom"], ["Durand", "Léa"]), TODAY)
    assert "« date d'orientation »" in refused.value.message_fr


def test_a_list_of_no_known_column_is_not_a_table() -> None:
    with pytest.raises(OrientationListRefused) as refused:
        read_orientation_list(_rows(["a", "b"], ["1", "2"]), TODAY)
    assert "pas un tableau" in refused.value.message_fr


def test_a_list_over_the_row_limit_is_refused() -> None:
    header = [["Nom", "Prénom", "Date d'orientation"]]
    body = [["Durand", f"Léa{n}", "02/11/2026"] for n in range(MAX_ROWS + 1)]
    with pytest.raises(OrientationListRefused, match="more than"):
        read_orientation_list(_rows(*header, *body), TODAY)
    assert len(read_orientation_list(_rows(*header, *body[:-1]), TODAY).records) == MAX_ROWS


def test_numbers_a_spreadsheet_stripped_of_their_zero_are_completed() -> None:
    listing = read_orientation_list(
        _rows(
            ["Nom", "Prénom", "Date d'orientation", "Téléphone", "Commune"],
            ["Durand", "Léa", "02/11/2026", "612345678", "1004"],
        ),
        TODAY,
    )
    [record] = listing.records
    assert (record.identity.phone, record.insee_code, record.identity.commune) == (
        "06 12 34 56 78",
        "01004",
        "",
    )
