"""Phone numbers, e-mail addresses and communes are checked as French counsellors write them."""

from __future__ import annotations

import pytest

from spie_desktop.domain.contact import checked_commune, checked_email, checked_phone
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.people import Identity


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("0612345678", "06 12 34 56 78"),
        ("06.12.34.56.78", "06 12 34 56 78"),
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("+33 (0)6 12 34 56 78", "06 12 34 56 78"),
        ("0033 6 12 34 56 78", "06 12 34 56 78"),
        ("05 65 12 34 56", "05 65 12 34 56"),  # Rodez, a landline
        ("0594 29 12 34", "05 94 29 12 34"),  # Guyane, landline
        ("0694 27 81 53", "06 94 27 81 53"),  # Guyane, mobile
        ("+594 694 27 81 53", "06 94 27 81 53"),
        ("0262 21 00 00", "02 62 21 00 00"),  # Réunion
        ("+262 692 12 34 56", "06 92 12 34 56"),
        ("0590 81 00 00", "05 90 81 00 00"),  # Guadeloupe
        ("+596 696 12 34 56", "06 96 12 34 56"),  # Martinique
        ("0639 12 34 56", "06 39 12 34 56"),  # Mayotte
        ("+32 470 12 34 56", "+32470123456"),  # a Belgian line stays international
        ("   ", ""),
    ],
)
def test_french_phone_numbers_are_accepted_and_written_in_pairs(typed: str, stored: str) -> None:
    assert checked_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["06 12", "0612", "6 12 34 56 78", "01 23 45 67", "06 12 34 56 78 9", "+33 6 12 34",
     "+33 06 12 34 56 78", "06 12 34 56 7a", "+594 694", "+1 23", "téléphone"],
)  # fmt: skip
def test_incomplete_or_wrong_phone_numbers_are_refused_in_french(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        checked_phone(typed)
    assert caught.value.field == "phone"
    assert "téléphone" in caught.value.message_fr


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("marie.dupont@example.fr", "marie.dupont@example.fr"),
        (" Marie.Dupont@Example.FR ", "Marie.Dupont@example.fr"),
        ("j-p.o'neil+spie@mairie-cayenne.gf", "j-p.o'neil+spie@mairie-cayenne.gf"),
        ("", ""),
    ],
)
def test_email_addresses_are_accepted(typed: str, stored: str) -> None:
    assert checked_email(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["marie@", "@example.fr", "marie", "marie@example", "marie dupont@example.fr",
     "marie@@example.fr", "marie@example.", "marie@.fr", "marie..dupont@example.fr",
     "hélène@example.fr", "marie@exa mple.fr", "marie@example.f"],
)  # fmt: skip
def test_wrong_email_addresses_are_refused_in_french(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        checked_email(typed)
    assert caught.value.field == "email"
    assert "Adresse électronique" in caught.value.message_fr


def test_communes_are_names() -> None:
    assert checked_commune("  Saint-Laurent-du-Maroni ") == "Saint-Laurent-du-Maroni"
    assert checked_commune("L’Haÿ-les-Roses") == "L’Haÿ-les-Roses"
    assert checked_commune("Villefranche-de-Rouergue") == "Villefranche-de-Rouergue"
    assert checked_commune("Marseille 1er") == "Marseille 1er"
    for wrong in ("12000", "Rodez;", "a" * 101, "Rodez <b>"):
        with pytest.raises(ValidationError) as caught:
            checked_commune(wrong)
        assert caught.value.field == "commune"


def test_identity_is_checked_field_by_field() -> None:
    typed = Identity(
        first_name="  Marie  Claire ",
        last_name="Dupont",
        commune="Cayenne",
        phone="+594 694 12 34 56",
        email="marie.dupont@example.fr",
    )
    assert typed.checked() == Identity(
        first_name="Marie Claire",
        last_name="Dupont",
        commune="Cayenne",
        phone="06 94 12 34 56",
        email="marie.dupont@example.fr",
    )
    with pytest.raises(ValidationError) as caught:
        Identity(first_name="Marie", last_name="Dupont", email="marie@").checked()
    assert caught.value.field == "email"
