"""The anonymised case summary: what it says, and the notes it lets in only once reviewed."""

from __future__ import annotations

import pytest

from spie_desktop.domain.case_summary import CaseSummary
from spie_desktop.services.case_summary import (
    NoteNotReviewed,
    build_case_summary,
    prepare_case_summary,
)
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .case_fixtures import ORIENTATION_NOTE, STOP_NOTE, make_case_file


def test_summary_carries_bands_and_months_never_identity(session: Session) -> None:
    case = make_case_file(session)
    today = TimelineService(session).today()
    summary = build_case_summary(
        session,
        case.person_id,
        question="Comment lever le frein de la mobilité ?",
        reference="C-7K3Q",
        include_sex=False,
        reviewed_notes={},
        today=today,
    )
    assert summary.reference == "C-7K3Q"
    assert summary.age_band == "45–54 ans"
    assert summary.sex == ""
    assert summary.departement == "Aveyron (12)"
    assert summary.household == "Famille monoparentale, 2 enfants à charge · foyer de 3 personnes"
    assert ("Mobilité", "blocking") in [(b.theme_label, b.weight) for b in summary.barriers]
    assert summary.parcours[0].label == "Orientation" and summary.parcours[0].month == 0
    started = [p for p in summary.parcours if p.label.endswith("actions du plan commencées")]
    actions = len(summary.tried) + len(summary.stopped)
    assert [(p.month, p.label) for p in started] == [(1, f"{actions} actions du plan commencées")]
    assert ("mois 2", "Plan d'action signé") in [(p.when, p.label) for p in summary.parcours]
    assert summary.current_month == 2
    assert [a.label for a in summary.stopped] == [case.abandoned_label]
    assert summary.stopped[0].status_label == "Abandonnée par la personne"
    assert summary.tried and case.abandoned_label not in [a.label for a in summary.tried]
    assert summary.notes == ()  # nothing reviewed: no free text at all
    text = repr(summary)
    for field in ("Hélène", "Lefèvre", "Sainte-Eulalie", "06 45 78", "exemple.fr", "1979"):
        assert field not in text
    assert str(case.person_id) not in text


def test_the_notes_to_review_are_the_free_texts_of_the_file(session: Session) -> None:
    case = make_case_file(session)
    draft = prepare_case_summary(session, case.person_id, today=TimelineService(session).today())
    by_text = {note.text: note for note in draft.notes}
    assert ORIENTATION_NOTE in by_text
    assert by_text[ORIENTATION_NOTE].source == "Parcours, mois 0 : Orientation"
    assert STOP_NOTE in by_text
    assert by_text[STOP_NOTE].source.startswith(f"Action arrêtée « {case.abandoned_label} »")
    assert "Devenir aide à domicile, près de chez moi." in by_text
    for note in draft.notes:
        assert "2026" not in note.source and str(case.person_id) not in note.key


def test_a_reviewed_note_enters_and_one_still_naming_someone_refuses_the_export(
    session: Session,
) -> None:
    case = make_case_file(session)
    draft = prepare_case_summary(session, case.person_id, today=TimelineService(session).today())
    stop = next(note for note in draft.notes if note.text == STOP_NOTE)
    orientation = next(note for note in draft.notes if note.text == ORIENTATION_NOTE)

    def build(reviewed: dict[str, str]) -> CaseSummary:
        return build_case_summary(
            session,
            case.person_id,
            question="Quelle solution de transport ?",
            reference="C-7K3Q",
            include_sex=True,
            sex="femme",
            reviewed_notes=reviewed,
            today=TimelineService(session).today(),
        )

    with pytest.raises(NoteNotReviewed) as caught:
        build({stop.key: STOP_NOTE})  # reviewed as is: her first name is still there
    assert "l'export est refusé tant qu'elle n'est pas revue" in caught.value.message_fr
    assert "nom" in caught.value.message_fr
    with pytest.raises(NoteNotReviewed):
        build({orientation.key: "Orientée par le CCAS ; joignable au 06 45 78 12 90."})
    with pytest.raises(NoteNotReviewed) as caught:
        build({orientation.key: "Orientée par le CCAS ; née le 12 avril 1979."})
    assert "date de naissance" in caught.value.message_fr
    summary = build({stop.key: "Elle a arrêté : plus de bus le matin."})
    assert [n.text for n in summary.notes] == ["Elle a arrêté : plus de bus le matin."]
    assert summary.sex == "Femme"


def test_a_file_with_nothing_yet_gives_a_summary_that_says_so(session: Session) -> None:
    person = PeopleService(session).create_person("Awa", "Diallo", None, "Cayenne")
    summary = build_case_summary(
        session,
        person.id,
        question="  Par où commencer ?  ",
        reference="c-ab12",
        include_sex=False,
        reviewed_notes={},
        today=TimelineService(session).today(),
    )
    assert (summary.reference, summary.question) == ("C-AB12", "Par où commencer ?")
    assert (summary.age_band, summary.household) == ("non renseigné", "Non renseignée")
    assert summary.barriers == () and summary.parcours == () and summary.current_month is None
    assert summary.tried == () and summary.stopped == () and summary.notes == ()
