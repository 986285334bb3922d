"""The rules of the anonymised case summary: bands, household type, months, references."""

from __future__ import annotations

import re
from datetime import date

import pytest

from spie_desktop.domain.case_review import random_reference
from spie_desktop.domain.case_summary import (
    age_band,
    check_reference,
    household_type,
    months_since,
    period,
    sex_label,
)
from spie_desktop.domain.errors import ValidationError

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("birth", "band"),
    [
        (None, "non renseigné"),
        (date(2011, 1, 1), "moins de 16 ans"),
        (date(2010, 12, 5), "16–25 ans"),
        (date(2000, 12, 6), "16–25 ans"),  # 26 only tomorrow
        (date(2000, 12, 5), "26–34 ans"),  # 26 today
        (date(1991, 12, 5), "35–44 ans"),
        (date(1979, 4, 12), "45–54 ans"),
        (date(1971, 12, 5), "55 ans et plus"),
    ],
)
def test_age_bands(birth: date | None, band: str) -> None:
    assert age_band(birth, TODAY) == band


@pytest.mark.parametrize(
    ("situation", "children", "size", "text"),
    [
        ("seul", 0, 1, "Personne seule, sans enfant à charge · foyer de 1 personne"),
        ("separe", 2, 3, "Famille monoparentale, 2 enfants à charge · foyer de 3 personnes"),
        ("veuf", 1, None, "Famille monoparentale, 1 enfant à charge"),
        ("en-couple", 0, 2, "Couple sans enfant à charge · foyer de 2 personnes"),
        ("en-couple", 3, None, "Couple avec 3 enfants à charge"),
        (None, 2, None, "2 enfants à charge"),
        (None, None, 4, "Foyer de 4 personnes"),
        (None, None, None, "Non renseignée"),
    ],
)
def test_household_type(
    situation: str | None, children: int | None, size: int | None, text: str
) -> None:
    assert household_type(situation, children, size) == text


@pytest.mark.parametrize(
    ("start", "day", "months"),
    [
        (date(2026, 1, 15), date(2026, 1, 15), 0),
        (date(2026, 1, 15), date(2026, 2, 14), 0),
        (date(2026, 1, 15), date(2026, 2, 15), 1),
        (date(2026, 1, 31), date(2026, 3, 1), 1),
        (date(2025, 11, 3), date(2026, 12, 5), 13),
        (date(2026, 3, 1), date(2026, 1, 1), 0),  # before the start: month 0
    ],
)
def test_months_since_the_start(start: date, day: date, months: int) -> None:
    assert months_since(start, day) == months


def test_period_of_an_action() -> None:
    origin = date(2026, 1, 10)
    assert period(date(2026, 3, 10), date(2026, 6, 9), origin) == "mois 2 → mois 4"
    assert period(None, date(2026, 2, 10), origin) == "mois 1"
    assert period(None, None, origin) == "" and period(date(2026, 3, 1), None, None) == ""


def test_the_case_references_are_the_summary_references() -> None:
    """A summary carries its case's reference (drawn by ``case_review``), never its own."""
    references = {random_reference(()) for _ in range(50)}
    assert len(references) > 45
    assert all(check_reference(r) == r for r in references)
    assert all(re.fullmatch(r"C-[2-9A-HJ-NP-Z]{4}", r) for r in references)
    assert check_reference(" c-7k3q ") == "C-7K3Q"
    for wrong in ("7K3Q", "C-", "C-../x", "Hélène"):
        with pytest.raises(ValidationError):
            check_reference(wrong)


def test_sex_only_when_ticked_and_said() -> None:
    assert sex_label(False, "femme") == ""
    assert sex_label(True, "homme") == "Homme"
    with pytest.raises(ValidationError):
        sex_label(True, "")
