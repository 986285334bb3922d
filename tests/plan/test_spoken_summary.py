"""The plan summary read aloud before signing: in the person's language, from the layer of
person-facing texts, with the dates said in words."""

from __future__ import annotations

from datetime import date

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.plan.spoken_summary import date_in_words, spoken_summary

from .conftest import plan_document


def test_a_portuguese_summary_is_worded_from_the_portuguese_texts() -> None:
    texts = person_texts("pt-BR")
    summary = spoken_summary(plan_document(), texts)
    said = [s.text for s in summary.sentences]
    assert summary.language == "pt-BR" and summary.direction == "ltr"
    assert said[0] == "Este é o seu plano de ação."
    assert texts.text("plan.objectives.heading") in said
    # A referential objective and action in Portuguese, with their dates in words.
    assert "Objetivo: Ter acesso a um veículo." in said
    assert (
        "Ação: Bolsa para a carteira de motorista. De 1º de dezembro de 2026 até "
        "27 de fevereiro de 2027." in said
    )
    assert "Próximo encontro juntos: 8 de janeiro de 2027." in said
    contract = texts.text("plan.contract.engagement")
    assert texts.text("plan.contract", contract=contract) in said
    assert texts.text("plan.commitment.person") in said
    assert texts.text("plan.commitment.contract", contract=contract) in said
    # Nothing French where Portuguese exists: every sentence is from the Portuguese file.
    assert all(s.language == "pt-BR" for s in summary.sentences)
    assert not any("Objectif" in s or "Je m'engage" in s for s in said)


def test_the_french_summary_and_a_label_typed_by_a_counsellor() -> None:
    summary = spoken_summary(plan_document(), person_texts("fr"))
    said = [s.text for s in summary.sentences]
    assert said[0] == "Voici votre plan d'action."
    assert "Objectif : Accéder à un véhicule." in said
    # "Découvrir un métier" is not a referential label: it is read as typed.
    assert "Objectif : Découvrir un métier." in said
    assert "Prochain rendez-vous ensemble : le 8 janvier 2027." in said


def test_dates_in_words_in_each_language() -> None:
    first = date(2027, 3, 1)
    assert date_in_words(first, person_texts("fr")) == "1er mars 2027"
    assert date_in_words(first, person_texts("pt-BR")) == "1º de março de 2027"
    assert date_in_words(date(2027, 3, 15), person_texts("es")) == "15 de marzo de 2027"
    assert date_in_words(date(2027, 3, 15), person_texts("en")) == "15 March 2027"
    assert date_in_words(date(2027, 3, 15), person_texts("ar")) == "15 مارس 2027"
