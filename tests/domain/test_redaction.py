"""The redaction detector: what in a note may identify someone, as typed spans."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.redaction import (
    KnownIdentity,
    SpanKind,
    blocking_spans,
    detect_spans,
    first_names,
    fold,
)

KNOWN = KnownIdentity(
    names=("Hélène", "Lefèvre", "Nadia B.", "Julien R."),
    places=("Villefranche-de-Rouergue", "12200"),
)
NAME, PHONE, EMAIL, DATE, PLACE = (
    SpanKind.NAME,
    SpanKind.PHONE,
    SpanKind.EMAIL,
    SpanKind.DATE,
    SpanKind.PLACE,
)


def found(text: str) -> list[tuple[SpanKind, str]]:
    return [(span.kind, span.text_in(text)) for span in detect_spans(text, KNOWN)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the person's own names, whatever the case and the accents
        ("Hélène est venue seule.", [(NAME, "Hélène")]),
        ("helene LEFEVRE a rappelé", [(NAME, "helene"), (NAME, "LEFEVRE")]),
        ("Mme Lefèvre-Martin", [(NAME, "Mme Lefèvre-Martin")]),
        ("sa sœur, Mme X, dit que lefèvre-durand…", [(NAME, "lefèvre")]),
        # the counsellors' names (their initials alone are no name)
        ("Vue par Nadia puis par julien.", [(NAME, "Nadia"), (NAME, "julien")]),
        ("Vue par B. et R.", []),
        # a capitalised word of the first-name list, also hyphenated
        ("Son fils Karim l'accompagne.", [(NAME, "Karim")]),
        ("avec Jean-Pierre et Aïcha", [(NAME, "Jean-Pierre"), (NAME, "Aïcha")]),
        ("une pierre, une rose", []),
        ("RDV France Travail, CAF et CCAS", []),
        # a civility and a capitalised word
        (
            "Rencontré M. Dupont et Madame Nguyen Van",
            [(NAME, "M. Dupont"), (NAME, "Madame Nguyen Van")],
        ),
        ("Madame la directrice", []),
        # phone numbers
        ("tél 06 12 34 56 78.", [(PHONE, "06 12 34 56 78")]),
        ("0612345678", [(PHONE, "0612345678")]),
        (
            "06.12.34.56.78 ou 06-12-34-56-78",
            [(PHONE, "06.12.34.56.78"), (PHONE, "06-12-34-56-78")],
        ),
        ("+33 6 12 34 56 78", [(PHONE, "+33 6 12 34 56 78")]),
        ("+33 (0)6 12 34 56 78", [(PHONE, "+33 (0)6 12 34 56 78")]),
        ("+594 694 12 34 56", [(PHONE, "+594 694 12 34 56")]),
        ("0594 30 12 34", [(PHONE, "0594 30 12 34")]),
        ("0033 6 12 34 56 78", [(PHONE, "0033 6 12 34 56 78")]),
        ("35 heures par semaine, 1 200 euros", []),
        # e-mails
        ("écrire à h.lefevre+caf@exemple-mail.fr.", [(EMAIL, "h.lefevre+caf@exemple-mail.fr")]),
        ("contact@mairie.fr", [(EMAIL, "contact@mairie.fr")]),
        # dates
        ("le 12/03/2024", [(DATE, "12/03/2024")]),
        ("le 12.03.24", [(DATE, "12.03.24")]),
        ("née le 12 mars 2024", [(DATE, "12 mars 2024")]),
        ("depuis mars 2024", [(DATE, "mars 2024")]),
        ("le 1er août", [(DATE, "1er août")]),
        ("en 2024-03-12", [(DATE, "2024-03-12")]),
        ("35/40 heures", []),
        # places
        ("vit à Villefranche-de-Rouergue", [(PLACE, "Villefranche-de-Rouergue")]),
        ("à villefranche de rouergue", [(PLACE, "villefranche de rouergue")]),
        ("code postal 12200", [(PLACE, "12200")]),
        ("97300 Cayenne", [(PLACE, "97300")]),
        ("habite 12 rue des Lilas, au fond", [(PLACE, "12 rue des Lilas")]),
        ("3 bis avenue Jean Jaurès", [(PLACE, "3 bis avenue Jean Jaurès"), (NAME, "Jean")]),
        ("près de la rue Nationale", [(PLACE, "rue Nationale")]),
        # nothing to find
        ("Mobilité : pas de permis, bus de 7h10.", []),
    ],
)
def test_detects_each_kind_of_identifying_span(
    text: str, expected: list[tuple[SpanKind, str]]
) -> None:
    assert sorted(found(text), key=str) == sorted(expected, key=str)


def test_spans_are_offsets_into_the_text_in_order() -> None:
    text = "Hélène (06 12 34 56 78) le 12/03/2024"
    spans = detect_spans(text, KNOWN)
    assert [(s.start, s.end) for s in spans] == [(0, 6), (8, 22), (27, 37)]


def test_a_date_inside_a_phone_number_is_the_phone_number() -> None:
    assert found("06.12.34.56.78") == [(PHONE, "06.12.34.56.78")]


def test_names_phones_and_emails_block_dates_and_places_do_not() -> None:
    text = "Hélène, 06 12 34 56 78, a@b.fr, le 12/03/2024 à Villefranche-de-Rouergue"
    kinds = {span.kind for span in blocking_spans(detect_spans(text, KNOWN))}
    assert kinds == {NAME, PHONE, EMAIL}


def test_fold_keeps_one_character_for_one() -> None:
    text = "Œuvre À Ève — Ça"
    assert len(fold(text)) == len(text)
    assert fold("Hélène LEFÈVRE") == "helene lefevre"


def test_the_first_name_list_is_a_few_hundred_names_without_ambiguous_words() -> None:
    names = first_names()
    assert len(names) >= 250
    assert {"karim", "helene", "jean", "pierre"} <= names
    assert not {"france", "marine", "rose", "noel"} & names


@pytest.mark.parametrize(
    "text",
    ["née le 12/04/1979", "née le 12.04.79", "née le 12 avril 1979", "1979-04-12"],
)
def test_the_persons_birth_date_is_flagged_and_blocks_in_any_form(text: str) -> None:
    known = KnownIdentity(birth_date=date(1979, 4, 12))
    spans = detect_spans(text, known)
    assert [s.kind for s in spans] == [SpanKind.BIRTH_DATE]
    assert blocking_spans(spans) == spans


def test_another_date_stays_a_date() -> None:
    known = KnownIdentity(birth_date=date(1979, 4, 12))
    assert [s.kind for s in detect_spans("le 13/04/1979, en avril 1979", known)] == [
        SpanKind.DATE,
        SpanKind.DATE,
    ]
