"""The review before signing: errors refuse the signing, warnings only point at things."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import ActionPlan, Contract, Signature, SignerRole
from spie_desktop.domain.plan_checks import check_ready_to_sign, review_plan
from spie_desktop.domain.plan_problems import ProblemKind

TODAY = date(2027, 2, 1)
PRIORITIES = {"emploi": "Emploi", "logement": "Logement"}


def _plan() -> ActionPlan:
    plan = ActionPlan(person_id=uuid.uuid4())
    housing = plan.add_objective("logement", "Accéder à un logement")
    plan.add_action(housing.id, "Demande de logement social", due_date=date(2027, 5, 1))
    job = plan.add_objective("emploi", "Répondre à des offres d'emploi")
    plan.add_action(job.id, "Atelier CV", due_date=date(2027, 3, 1))
    return plan


def _sign_all(plan: ActionPlan) -> None:
    plan.signatures = [
        Signature(
            plan_id=plan.id,
            role=role,
            signer_name=role.value,
            strokes=[[(0.1, 0.1), (0.5, 0.6)]],
            signed_at=datetime.now(UTC),
        )
        for role in SignerRole
    ]


def test_a_complete_plan_has_nothing_to_review() -> None:
    review = review_plan(_plan(), PRIORITIES, TODAY, signatures=False)
    assert review.errors == () and review.warnings == () and review.can_sign


def test_duplicates_objectives_without_action_and_uncovered_priorities_are_warnings() -> None:
    plan = _plan()
    twice = plan.add_objective("logement", "  accéder à un   LOGEMENT ")
    plan.add_action(twice.id, "Visite", due_date=date(2027, 4, 1))
    bare = plan.add_objective("mobilite", "Accéder à un véhicule")
    plan.remove_objective(plan.objectives[1].id)  # no objective for the "emploi" priority
    review = review_plan(plan, PRIORITIES, TODAY, signatures=False)
    assert review.errors == () and review.can_sign
    assert [(w.kind, w.target) for w in review.warnings] == [
        (ProblemKind.DUPLICATE_OBJECTIVE, twice.id),
        (ProblemKind.OBJECTIVE_WITHOUT_ACTION, bare.id),
        (ProblemKind.PRIORITY_WITHOUT_OBJECTIVE, None),
    ]
    assert [w.message_fr for w in review.warnings] == [
        "L'objectif « accéder à un   LOGEMENT » figure deux fois dans le plan.",
        "L'objectif « Accéder à un véhicule » n'a encore aucune action.",
        "La priorité « Emploi » du diagnostic n'a aucun objectif dans le plan.",
    ]


def test_the_same_label_under_two_themes_is_not_a_duplicate() -> None:
    plan = _plan()
    other = plan.add_objective("mobilite", "Accéder à un logement")
    plan.add_action(other.id, "Voir", due_date=date(2027, 4, 1))
    assert review_plan(plan, PRIORITIES, TODAY, signatures=False).warnings == ()


def test_errors_refuse_the_signing_and_a_past_next_review_is_one() -> None:
    plan = _plan()
    plan.objectives[0].actions[0].due_date = None
    plan.set_contract(Contract.ENGAGEMENT)
    plan.set_next_review(date(2027, 1, 15))
    review = review_plan(plan, PRIORITIES, TODAY)
    assert not review.can_sign
    assert [e.kind for e in review.errors] == [
        ProblemKind.ACTION_WITHOUT_DUE_DATE,
        ProblemKind.COMMITMENT_MISSING,
        ProblemKind.NEXT_REVIEW_PAST,
        ProblemKind.SIGNATURE_MISSING,
    ]
    past = review.errors[2]
    assert (past.field, past.message_fr) == (
        "next_review",
        "La date du prochain point (15/01/2027) doit être postérieure au jour de la "
        "signature (01/02/2027).",
    )
    _sign_all(plan)
    plan.objectives[0].actions[0].due_date = date(2027, 5, 1)
    plan.set_commitment(True)
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, TODAY)
    assert refused.value.field == "next_review"
    plan.set_next_review(TODAY)  # the signing day itself is no later review
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, TODAY)
    assert refused.value.field == "next_review"
    plan.set_next_review(TODAY + timedelta(days=1))
    check_ready_to_sign(plan, TODAY)


def test_an_empty_or_signed_plan_is_an_error() -> None:
    empty = ActionPlan(person_id=uuid.uuid4())
    assert [e.kind for e in review_plan(empty, {}, TODAY, signatures=False).errors] == [
        ProblemKind.NO_OBJECTIVE
    ]
    plan = _plan()
    _sign_all(plan)
    plan.status = plan.status.SIGNED
    assert [e.kind for e in review_plan(plan, {}, TODAY).errors] == [ProblemKind.ALREADY_SIGNED]


def test_the_signing_day_itself_is_no_next_review() -> None:
    """The next review comes strictly after the signing day: the same day refuses."""
    plan = _plan()
    _sign_all(plan)
    plan.set_next_review(TODAY)
    with pytest.raises(ValidationError) as refused:
        check_ready_to_sign(plan, TODAY)
    assert refused.value.field == "next_review"
    plan.set_next_review(TODAY + timedelta(days=1))
    check_ready_to_sign(plan, TODAY)
