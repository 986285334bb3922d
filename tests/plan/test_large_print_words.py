"""The plan worded for the large-print view in the person's language: the referential's
labels and statuses through their keys as in the PDF, a typed label as typed, dates in
words in the language, the commitments from the PDF's sentences."""

from __future__ import annotations

from datetime import date

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.plan.large_print import large_print_plan

from .conftest import plan_document

TODAY = date(2026, 11, 20)


def test_a_portuguese_reader_gets_every_word_of_the_view_in_portuguese() -> None:
    texts = person_texts("pt-BR")
    plan = large_print_plan(plan_document(), TODAY, texts)
    labels = [objective.label for objective in plan.objectives]
    assert "Ter acesso a um veículo" in labels
    assert "Découvrir un métier" in labels  # typed by a counsellor: as typed
    actions = [action for objective in plan.objectives for action in objective.actions]
    licence = next(a for a in actions if a.label == "Bolsa para a carteira de motorista")
    assert licence.when == "de 1º de dezembro até 27 de fevereiro de 2027"
    assert licence.status in {
        texts.text(f"plan.action_status.{s}")
        for s in ("planned", "in_progress", "standby", "done", "abandonned", "canceled")
    }
    assert plan.next_review == "Nós nos vemos de novo em 8 de janeiro de 2027."
    contract = texts.text("plan.contract.engagement")
    assert plan.commitments[0] == texts.text("plan.contract", contract=contract)
    assert texts.text("plan.commitment.person") in plan.commitments
    assert plan.text("actions") == "O que vamos fazer:"
    assert (
        not plan.right_to_left
        and large_print_plan(plan_document(), TODAY, person_texts("ar")).right_to_left
    )


def test_a_french_reader_keeps_the_french_words() -> None:
    plan = large_print_plan(plan_document(), TODAY)
    assert "Accéder à un véhicule" in [objective.label for objective in plan.objectives]
    assert plan.next_review == "Nous nous revoyons le 8 janvier 2027."
    assert plan.text("actions") == "Ce que nous allons faire :"
