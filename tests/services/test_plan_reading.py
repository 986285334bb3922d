"""The plan as the person reads it before signing says what the signed PDF prints."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader

from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_the_reading_of_a_draft_is_worded_as_its_signed_pdf(room: Room) -> None:
    plan = room.ready_draft()
    plan.objectives[0].actions[0].referent = "Paul S."
    plan.set_next_review(room.plans.today() + timedelta(days=100))
    plan = room.plans.save_draft(plan)

    reading = room.plans.reading(plan)
    assert reading.title == "Plan d'action de Hélène LEFÈVRE"
    assert len(reading.objectives) == len(plan.objectives)
    first_objective = plan.objectives[0]
    assert first_objective.theme == "contraintes_familiales"
    assert reading.objectives[0].heading == (
        f"Objectif : Contraintes familiales — {first_objective.label} (en cours)"
    )
    first = reading.objectives[0].actions[0]
    assert first[1] == "Conseil départemental de l'Aveyron, Paul S."
    assert reading.next_review.startswith("Prochain rendez-vous ensemble : le ")

    printed = pdf_text(room.plans.pdf(room.sign(plan).plan.id))
    for words in (
        reading.title,
        reading.objectives_heading,
        *(o.heading for o in reading.objectives),
        *(cell for o in reading.objectives for action in o.actions for cell in action),
        reading.next_review,
        reading.commitments_heading,
        *reading.commitments,
    ):
        assert " ".join(words.split()) in printed, words
