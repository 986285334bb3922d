"""Signing on the keyboard: the name typed must be the signer's, capitals and accents aside;
a typed signature, without strokes, counts as given."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from spie_desktop.domain.plan import (
    REQUIRED_SIGNERS,
    ActionPlan,
    Signature,
    SignatureMethod,
    SignerRole,
)
from spie_desktop.domain.plan_checks import readiness_problems
from spie_desktop.domain.plan_problems import ProblemKind
from spie_desktop.domain.typed_signature import typed_name_matches, typed_name_refusal


@pytest.mark.parametrize(
    "typed",
    ["Hélène LEFÈVRE", "helene lefevre", "  HELENE   Lefèvre ", "Hélène Lefevre"],
)
def test_the_name_shown_matches_whatever_its_capitals_accents_and_spaces(typed: str) -> None:
    assert typed_name_matches(typed, "Hélène LEFÈVRE")
    assert typed_name_refusal(typed, "Hélène LEFÈVRE") is None


def test_a_hyphen_or_a_space_is_the_same_name() -> None:
    assert typed_name_matches("jean pierre n'diaye", "Jean-Pierre N’DIAYE")


@pytest.mark.parametrize("typed", ["Hélène LEFEBVRE", "Hélène", "Lefèvre Hélène", "x"])
def test_another_name_is_refused_in_french_saying_what_is_expected(typed: str) -> None:
    assert not typed_name_matches(typed, "Hélène LEFÈVRE")
    message = typed_name_refusal(typed, "Hélène LEFÈVRE")
    assert message == (
        "Le nom tapé n'est pas celui du signataire. Tapez « Hélène LEFÈVRE » "
        "(majuscules et accents sans importance)."
    )


def test_an_empty_name_asks_for_the_full_name() -> None:
    assert typed_name_refusal("   ", "Julien R.") == "Tapez le nom complet : « Julien R. »."
    assert not typed_name_matches("", "")


def test_a_signature_is_drawn_unless_said_otherwise() -> None:
    plan = ActionPlan(person_id=uuid.uuid4())
    drawn = Signature(
        plan_id=plan.id,
        role=SignerRole.PERSON,
        signer_name="",
        strokes=[[(0.1, 0.1), (0.9, 0.9)]],
        signed_at=datetime.now(UTC),
    )
    assert drawn.method is SignatureMethod.DRAWN and drawn.given
    assert SignatureMethod("drawn") is SignatureMethod.DRAWN
    assert SignatureMethod("typed") is SignatureMethod.TYPED


def test_typed_signatures_without_strokes_count_as_given() -> None:
    plan = ActionPlan(person_id=uuid.uuid4())
    now = datetime.now(UTC)
    plan.signatures = [
        Signature(
            plan_id=plan.id,
            role=role,
            signer_name="Hélène Lefèvre",
            strokes=[],
            signed_at=now,
            method=SignatureMethod.TYPED,
        )
        for role in REQUIRED_SIGNERS
    ]
    kinds = {p.kind for p in readiness_problems(plan)}
    assert ProblemKind.SIGNATURE_MISSING not in kinds
    plan.signatures[0].method = SignatureMethod.DRAWN  # drawn, with no strokes: not signed
    missing = [p for p in readiness_problems(plan) if p.kind is ProblemKind.SIGNATURE_MISSING]
    assert len(missing) == 1 and "personne" in missing[0].message_fr.lower()
