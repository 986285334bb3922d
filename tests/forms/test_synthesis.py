"""The shared synthesis strip: barriers, strengths, priorities, project, suggested objectives."""

from __future__ import annotations

import uuid

from spie_desktop.domain.referential import themes
from spie_desktop.forms import BarrierWeight, FormDefinition, InterviewState

NADIA, JULIEN = uuid.uuid4(), uuid.uuid4()


def mme_l(socle: FormDefinition) -> InterviewState:
    state = InterviewState(socle)
    answers = {
        "accueil.consentement": True,
        "mobilite.barrier": "blocking",
        "mobilite.situations": ["aucun-moyen-de-transport-a-disposition"],
        "contraintes_familiales.barrier": "strong",
        "contraintes_familiales.strengths": ["10 ans d'aidante"],
        "sante.barrier": "strong",
        "sante.strengths": ["Suivi régulier"],
        "logement.barrier": "none",
        "emploi.barrier": "light",
        "priorites.projet": "aide à domicile",
        "priorites.ordre": ["mobilite", "sante", "contraintes_familiales"],
        "priorites.atouts": ["Motivée", "10 ans d'aidante"],
    }
    for key, value in answers.items():
        assert state.set_answer(key, value, NADIA) == [], key
    return state


def test_synthesis_of_an_interview(socle: FormDefinition) -> None:
    synthesis = mme_l(socle).synthesis()
    weights = {b.theme: b.weight for b in synthesis.barriers}
    assert len(synthesis.barriers) == 16
    assert weights["mobilite"] == BarrierWeight.BLOCKING and weights["numerique"] is None
    assert (
        next(b for b in synthesis.barriers if b.theme == "mobilite").weight_label
        == "Frein bloquant"
    )
    assert synthesis.situations == {"mobilite": ("Aucun moyen de transport à disposition",)}
    assert synthesis.strengths == ("Suivi régulier", "10 ans d'aidante", "Motivée")
    assert synthesis.priorities == ("Mobilité", "Santé", "Contraintes familiales")
    assert synthesis.priority_themes == ("mobilite", "sante", "contraintes_familiales")
    assert synthesis.project_text == "aide à domicile"
    assert set(synthesis.suggested_objectives) == {"mobilite", "contraintes_familiales", "sante"}
    assert synthesis.suggested_objectives["mobilite"] == themes()["mobilite"].objectives
    assert "Accéder à un véhicule" in synthesis.suggested_objectives["mobilite"]


def test_print_synthesis_hides_sensitive_themes_without_consent(socle: FormDefinition) -> None:
    state = mme_l(socle)
    printed = state.synthesis(for_print=True)
    assert "sante" not in {b.theme for b in printed.barriers}
    assert "sante" not in printed.suggested_objectives and "sante" not in printed.priority_themes
    assert "Suivi régulier" not in printed.strengths and printed.sensitive_hidden
    state.set_answer("accueil.donnees_sensibles", True, JULIEN)
    with_consent = state.synthesis(for_print=True)
    assert "sante" in with_consent.suggested_objectives and not with_consent.sensitive_hidden


def test_hidden_or_invalid_answers_do_not_reach_the_synthesis(socle: FormDefinition) -> None:
    state = InterviewState(socle)
    state.set_answer("mobilite.barrier", "enorme", NADIA)
    state.set_answer("priorites.ordre", ["mobilite", "lune"], NADIA)
    synthesis = state.synthesis()
    assert all(b.weight is None for b in synthesis.barriers)
    assert synthesis.priorities == () and synthesis.suggested_objectives == {}


def test_every_priority_and_every_strong_or_blocking_theme_suggests_in_order(
    socle: FormDefinition,
) -> None:
    """Seen in a session: housing (strong, priority 1) suggested six objectives while
    employment, blocking and priority 2, suggested none: the referential files the shared
    employment and training themes' objectives under the finer professional themes."""
    state = InterviewState(socle)
    answers = {
        "accueil.consentement": True,
        "logement.barrier": "strong",
        "emploi.barrier": "blocking",
        "numerique.barrier": "light",
        "mobilite.barrier": "strong",
        "formation.barrier": "blocking",
        "priorites.ordre": ["logement", "emploi", "numerique"],
    }
    for key, value in answers.items():
        assert state.set_answer(key, value, NADIA) == [], key
    suggested = state.synthesis().suggested_objectives
    # Priorities in their order (a light barrier too), then blocking, then strong.
    assert list(suggested) == ["logement", "emploi", "numerique", "formation", "mobilite"]
    assert suggested["emploi"] == (
        *themes()["trouver_un_emploi"].objectives,
        *themes()["preparer_sa_candidature"].objectives,
    )
    assert suggested["formation"] == themes()["se_former"].objectives
    assert "Répondre à des offres d'emploi" in suggested["emploi"]
