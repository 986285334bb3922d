"""What the plan document holds, and the sensitive-answer rule."""

from __future__ import annotations

import io

import pypdf
import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.plan.document import build_plan_document
from spie_desktop.plan.render import render_plan_pdf
from tests.plan.conftest import (
    JULIEN,
    JULIEN_STRUCTURE,
    NADIA,
    NADIA_STRUCTURE,
    action_plan,
    consent_for,
    interview,
    mme_l,
    plan_document,
)

#: What the interview said about health: the theme, a situation, a strength.
HEALTH = ("Santé", "Existence d'un dossier MDPH", "Suivi médical régulier")


def _pdf_text(sensitive_consent: bool) -> str:
    pdf = render_plan_pdf(plan_document(sensitive_consent=sensitive_consent)).pdf
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_health_answers_reach_the_pdf_only_with_consent() -> None:
    without = _pdf_text(sensitive_consent=False)
    with_consent = _pdf_text(sensitive_consent=True)
    for fragment in HEALTH:
        assert fragment not in without, fragment
        assert fragment in with_consent, fragment
    assert "Mobilité" in without and "Accéder à un véhicule" in without


def test_the_document_says_whether_sensitive_content_is_in() -> None:
    assert not plan_document(sensitive_consent=False).sensitive_included
    shown = plan_document(sensitive_consent=True)
    assert shown.sensitive_included
    assert "Santé" in shown.priorities
    assert ("Santé", ("Existence d'un dossier MDPH",)) in shown.situations


def test_an_unfiltered_synthesis_without_consent_is_refused() -> None:
    """The interview's own yes does not override the consent record's no."""
    person = mme_l()
    state = interview()  # answered "données sensibles: oui" in the form
    assert state.sensitive_allowed()
    with pytest.raises(ValidationError) as caught:
        build_plan_document(
            action_plan(person),
            person,
            consent_for(person, sensitive=False),
            [NADIA, JULIEN],
            [NADIA_STRUCTURE, JULIEN_STRUCTURE],
            state.synthesis(for_print=True),
            territory_by_code("12"),
            "Rodez",
        )
    assert "accord" in caught.value.message_fr


def test_an_objective_in_a_sensitive_theme_keeps_its_wording_but_not_its_theme() -> None:
    person = mme_l()
    plan = action_plan(person)
    plan.objectives[0].theme = "sante"
    consent = consent_for(person, sensitive=False)
    from spie_desktop.plan.document import print_synthesis

    doc = build_plan_document(
        plan,
        person,
        consent,
        [NADIA, JULIEN],
        [NADIA_STRUCTURE, JULIEN_STRUCTURE],
        print_synthesis(interview(), consent),
        territory_by_code("12"),
        "Rodez",
    )
    assert (
        doc.objectives[0].theme_label == "" and doc.objectives[0].label == "Accéder à un véhicule"
    )


def test_document_fields() -> None:
    doc = plan_document()
    assert doc.person_name == "Hélène LEFÈVRE"
    assert [c.name for c in doc.counsellors] == ["Nadia Benali", "Julien Roux"]  # social first
    assert doc.counsellors[0].structure_name == "Conseil départemental de l'Aveyron"
    assert doc.day.isoformat() == "2026-11-27" and doc.place == "Rodez"
    assert [s.signer_name for s in doc.signatures] == [
        "Hélène LEFÈVRE",
        "Nadia Benali",
        "Julien Roux",
    ]
    assert all(s.strokes for s in doc.signatures)
    assert doc.contract_label == "contrat d'engagement" and len(doc.commitments) == 3
    assert doc.consent_version == "2026-12.3"
    action = doc.objectives[0].actions[0]
    assert (action.responsible_structure, action.referent) == (
        "Conseil départemental de l'Aveyron",
        "Nadia Benali",
    )
    assert action.status_label == "Prévue"


def test_the_date_is_the_territorys_day() -> None:
    """10:42 UTC on 27 November is still the 27th in Rodez; 01:30 UTC is the 26th in Cayenne."""
    from datetime import UTC, datetime

    from spie_desktop.plan.document import print_synthesis

    person = mme_l()
    consent = consent_for(person, sensitive=False)
    doc = build_plan_document(
        action_plan(person),
        person,
        consent,
        [NADIA, JULIEN],
        [NADIA_STRUCTURE, JULIEN_STRUCTURE],
        print_synthesis(interview(), consent),
        territory_by_code("973"),
        "Maripasoula",
        when=datetime(2026, 11, 27, 1, 30, tzinfo=UTC),
    )
    assert doc.day.isoformat() == "2026-11-26"
