"""Suggested objectives are offered per theme and taken up one by one, never pre-added."""

from __future__ import annotations

import uuid

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.domain.plan_suggestions import SuggestingTheme, plan_suggestions

SUGGESTED = {
    "logement": ("Accéder à un logement", "Se maintenir dans le logement"),
    "emploi": ("Répondre à des offres d'emploi",),
    "mobilite": ("Accéder à un véhicule",),
}
THEMES = [
    SuggestingTheme("logement", "Logement", "Frein fort"),
    SuggestingTheme("emploi", "Emploi", "Frein bloquant"),
    SuggestingTheme("mobilite", "Mobilité", "Frein bloquant"),
]


def test_suggestions_are_grouped_per_theme_with_why_and_what_the_plan_holds() -> None:
    plan = ActionPlan(person_id=uuid.uuid4())
    plan.add_suggested_objective("logement", "Accéder à un logement")
    groups = plan_suggestions(plan, SUGGESTED, THEMES, ("logement", "emploi"))
    assert [(g.theme, g.theme_label, g.priority) for g in groups] == [
        ("logement", "Logement", 1),
        ("emploi", "Emploi", 2),
        ("mobilite", "Mobilité", None),
    ]
    assert [g.reason for g in groups] == [
        "Priorité 1 · Frein fort",
        "Priorité 2 · Frein bloquant",
        "Frein bloquant",
    ]
    assert [(o.label, o.in_plan) for o in groups[0].objectives] == [
        ("Accéder à un logement", True),
        ("Se maintenir dans le logement", False),
    ]
    assert not any(o.in_plan for g in groups[1:] for o in g.objectives)


def test_adding_a_suggestion_is_explicit_and_happens_once() -> None:
    plan = ActionPlan(person_id=uuid.uuid4())
    objective = plan.add_suggested_objective("emploi", "Répondre à des offres d'emploi")
    assert [(o.theme, o.label) for o in plan.objectives] == [(objective.theme, objective.label)]
    assert plan.has_objective("emploi", " répondre à des  offres d'emploi")
    assert not plan.has_objective("formation", "Répondre à des offres d'emploi")
    with pytest.raises(ValidationError) as refused:
        plan.add_suggested_objective("emploi", "RÉPONDRE à des offres d'emploi")
    assert refused.value.message_fr.endswith("figure déjà dans le plan.")
    assert len(plan.objectives) == 1
