"""The interview state machine, driven without any UI."""

from __future__ import annotations

import uuid

import pytest

from spie_desktop.forms import (
    FormDefinition,
    InterviewState,
    ReadOnlyInterview,
    UnknownFormElement,
    load_definition_text,
)

from .conftest import MINIMAL

NADIA, JULIEN = uuid.uuid4(), uuid.uuid4()


@pytest.fixture
def small() -> FormDefinition:
    return load_definition_text(MINIMAL, "essai.yaml")


def test_visibility_follows_answers(small: FormDefinition) -> None:
    state = InterviewState(small)
    assert [q.id for q in state.visible_questions("mobilite")] == ["permis"]
    state.set_answer("mobilite.permis", True, NADIA)
    assert [q.id for q in state.visible_questions("mobilite")] == ["permis", "vehicule"]
    state.set_answer("mobilite.vehicule", True, NADIA)
    state.set_answer("mobilite.permis", False, NADIA)
    assert not state.is_visible("mobilite.vehicule")
    assert state.value("mobilite.vehicule") is None  # hidden answers are kept but ignored
    assert state.answers["mobilite.vehicule"].value is True
    assert "mobilite.barrier" in state.visible_keys("mobilite")


def test_visibility_cascades_through_hidden_questions(socle: FormDefinition) -> None:
    state = InterviewState(socle)
    state.set_answer("emploi.duree_sans_emploi", "2-5-ans", JULIEN)
    assert state.is_visible("emploi.fin_dernier_emploi")
    state.set_answer("emploi.duree_sans_emploi", "en-emploi", JULIEN)
    assert not state.is_visible("emploi.fin_dernier_emploi")
    state.set_answer("contraintes_familiales.enfants_a_charge", "2", NADIA)
    assert state.is_visible("contraintes_familiales.mode_garde")


@pytest.mark.parametrize(
    ("key", "value", "stored", "message"),
    [
        ("emploi.fin_dernier_emploi", "04/03/2021", "2021-03-04", None),
        ("emploi.fin_dernier_emploi", "2021-03-04", "2021-03-04", None),
        (
            "emploi.fin_dernier_emploi",
            "31/02/2021",
            "31/02/2021",
            "Date invalide : utilisez le format JJ/MM/AAAA.",
        ),
        ("mobilite.distance_max", "12,5", 12.5, None),
        ("mobilite.distance_max", "loin", "loin", "Nombre attendu."),
        ("mobilite.distance_max", 900, 900, "Valeur entre 0 et 500 attendue."),
        ("maitrise_langue.oral", 5, 5, "Valeur entre 0 et 4 attendue."),
        ("maitrise_langue.oral", "3", 3, None),
        ("mobilite.permis", "oui", True, None),
        ("mobilite.permis", 1, 1, "Réponse oui ou non attendue."),
        ("logement.type_logement", "chateau", "chateau", "Choix inconnu."),
        ("mobilite.moyens", ["velo", "velo", "voiture"], ["velo", "voiture"], None),
        (
            "mobilite.situations",
            ["permis-b", "inconnue"],
            ["permis-b", "inconnue"],
            "Choix inconnu.",
        ),
        ("mobilite.barrier", "enorme", "enorme", "Choix inconnu."),
        (
            "emploi.dernier_emploi",
            "x" * 201,
            "x" * 201,
            "Texte trop long (200 caractères au plus).",
        ),
        ("mobilite.strengths", ["  Ponctuelle ", ""], ["Ponctuelle"], None),
    ],
)
def test_values_are_normalised_and_checked_in_french(
    socle: FormDefinition, key: str, value: object, stored: object, message: str | None
) -> None:
    state = InterviewState(socle)
    state.set_answer("emploi.duree_sans_emploi", "2-5-ans", JULIEN)
    errors = state.set_answer(key, value, NADIA)
    assert state.answers[key].value == stored  # kept even when invalid: nothing typed is lost
    assert [e.message for e in errors] == ([message] if message else [])
    assert [e.message for e in state.errors() if e.key == key] == ([message] if message else [])
    assert (state.value(key) is None) == (message is not None)


def test_empty_value_clears_and_non_json_is_refused(small: FormDefinition) -> None:
    state = InterviewState(small)
    state.set_answer("mobilite.notes", "dépend du bus de 7h10", NADIA)
    assert state.set_answer("mobilite.notes", "", NADIA) == []
    assert "mobilite.notes" not in state.answers
    assert [e.code for e in state.set_answer("mobilite.notes", object(), NADIA)] == ["invalid"]
    assert [e.code for e in state.set_answer("mobilite.permis", float("nan"), NADIA)] == ["invalid"]
    assert "mobilite.permis" not in state.answers


def test_unknown_keys_sections_and_panes_are_typed_errors(small: FormDefinition) -> None:
    state = InterviewState(small)
    with pytest.raises(UnknownFormElement):
        state.set_answer("mobilite.avion", True, NADIA)
    with pytest.raises(UnknownFormElement):
        state.visible_questions("aviation")
    with pytest.raises(UnknownFormElement):
        state.progress("volet_inconnu")
    with pytest.raises(UnknownFormElement):
        state.go_to("nulle-part")


def test_required_questions_and_wizard(small: FormDefinition) -> None:
    state = InterviewState(small)
    assert state.current_step.id == "accueil"
    assert state.missing_required() == ["accueil.accord", "emploi.duree"]
    assert not state.can_advance()
    assert [e.code for e in state.advance()] == ["required", "step_blocked"]
    state.set_answer("accueil.accord", False, NADIA)
    assert [e.message for e in state.advance()] == ["Consentement nécessaire."]
    assert state.current_step.id == "accueil"
    state.set_answer("accueil.accord", True, NADIA)
    assert state.advance() == [] and state.current_step.id == "situation"
    assert [e.message for e in state.advance()] == ["Réponse obligatoire."]
    assert state.go_to("signature")[0].key == "emploi.duree"
    state.set_answer("emploi.duree", "long", JULIEN)
    assert state.go_to("signature") == [] and not state.can_advance()
    assert state.advance() == [] and state.current_step.id == "signature"  # last step: stays
    assert state.go_back().id == "priorites"
    assert state.go_to("accueil") == []


def test_progress_per_pane_and_overall(small: FormDefinition) -> None:
    state = InterviewState(small)
    assert (state.progress("social"), state.progress("emploi_pane"), state.progress_overall()) == (
        0,
        0,
        0,
    )
    state.set_answer("mobilite.barrier", "blocking", NADIA)
    assert state.progress("social") == 50
    state.set_answer("sante.barrier", "not_discussed", NADIA)
    assert state.progress("social") == 100
    state.set_answer("emploi.barrier", "light", JULIEN)
    assert state.progress("emploi_pane") == 50  # the required question is still missing
    state.set_answer("emploi.duree", "moyen", JULIEN)  # invalid: not counted
    assert state.progress("emploi_pane") == 50
    state.set_answer("emploi.duree", "court", JULIEN)
    state.set_answer("accueil.accord", True, NADIA)
    assert state.progress("emploi_pane") == 100
    assert state.progress_overall() == 100
    assert state.step_progress("signature") == 100


def test_authorship_per_answer_and_section(small: FormDefinition) -> None:
    state = InterviewState(small)
    state.set_answer("mobilite.barrier", "strong", NADIA)
    state.set_answer("emploi.duree", "court", JULIEN)
    state.set_answer("emploi.notes", "ok", NADIA)  # either counsellor may type in either pane
    assert state.authors() == {
        "mobilite.barrier": NADIA,
        "emploi.duree": JULIEN,
        "emploi.notes": NADIA,
    }
    assert state.section_authors() == {"mobilite": {NADIA}, "emploi": {JULIEN, NADIA}}
    state.set_answer("mobilite.barrier", "light", JULIEN)
    assert state.authors()["mobilite.barrier"] == JULIEN


def test_sensitive_answers_stay_out_of_print_without_consent(socle: FormDefinition) -> None:
    state = InterviewState(socle)
    state.set_answer("sante.suivi_medical", True, NADIA)
    state.set_answer("difficulte_administrative.justice", True, NADIA)
    state.set_answer("mobilite.permis", True, NADIA)
    printable = state.printable_answers()
    assert "mobilite.permis" in printable
    assert (
        "sante.suivi_medical" not in printable
        and "difficulte_administrative.justice" not in printable
    )
    state.set_answer("accueil.donnees_sensibles", True, NADIA)
    assert {"sante.suivi_medical", "difficulte_administrative.justice"} <= set(
        state.printable_answers()
    )


def test_read_only_state_refuses_changes(small: FormDefinition) -> None:
    state = InterviewState(small, read_only_reason="Lecture seule.")
    with pytest.raises(ReadOnlyInterview) as caught:
        state.set_answer("mobilite.permis", True, NADIA)
    assert caught.value.message_fr == "Lecture seule."
