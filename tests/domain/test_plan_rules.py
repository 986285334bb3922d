from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Contract,
    Objective,
    PlanStatus,
    Signature,
    SignerRole,
)
from spie_desktop.domain.plan_checks import check_ready_to_sign


def _plan_with_one_action(due: date | None) -> ActionPlan:
    plan = ActionPlan(person_id=uuid.uuid4())
    objective = Objective(plan_id=plan.id, theme="mobilite", label="Accéder à un véhicule")
    objective.actions.append(
        Action(objective_id=objective.id, label="Bourse au permis", due_date=due)
    )
    plan.objectives.append(objective)
    return plan


def _sign_all(plan: ActionPlan) -> None:
    for role in SignerRole:
        plan.signatures.append(
            Signature(
                plan_id=plan.id,
                role=role,
                signer_name=role.value,
                strokes=[[(0.1, 0.1), (0.5, 0.6)]],
                signed_at=datetime.now(UTC),
            )
        )


def test_a_plan_without_objective_cannot_be_signed() -> None:
    with pytest.raises(ValidationError, match="objective"):
        check_ready_to_sign(ActionPlan(person_id=uuid.uuid4()))


def test_an_action_without_due_date_blocks_signing() -> None:
    plan = _plan_with_one_action(None)
    _sign_all(plan)
    with pytest.raises(ValidationError) as caught:
        check_ready_to_sign(plan)
    assert "échéance" in caught.value.message_fr


def test_every_signature_is_required_and_empty_pads_do_not_count() -> None:
    plan = _plan_with_one_action(date(2027, 3, 1))
    _sign_all(plan)
    plan.signatures[0].strokes = []
    with pytest.raises(ValidationError) as caught:
        check_ready_to_sign(plan)
    assert "la personne accompagnée" in caught.value.message_fr
    plan.signatures[0].strokes = [[(0.0, 0.0), (1.0, 1.0)]]
    check_ready_to_sign(plan)


def test_a_linked_contract_needs_the_persons_commitment() -> None:
    plan = _plan_with_one_action(date(2027, 3, 1))
    _sign_all(plan)
    plan.contract = Contract.ENGAGEMENT
    with pytest.raises(ValidationError, match="commitment"):
        check_ready_to_sign(plan)
    plan.contract_commitment = True
    check_ready_to_sign(plan)


def test_a_signed_plan_is_immutable() -> None:
    plan = _plan_with_one_action(date(2027, 3, 1))
    plan.ensure_editable()
    plan.status = PlanStatus.SIGNED
    with pytest.raises(ValidationError):
        plan.ensure_editable()


def test_a_planned_action_whose_start_is_past_is_in_progress() -> None:
    action = Action(objective_id=uuid.uuid4(), label="PMSMP", start_date=date(2027, 3, 1))
    assert action.effective_status(date(2027, 2, 28)) is ActionStatus.PLANNED
    assert action.effective_status(date(2027, 3, 1)) is ActionStatus.IN_PROGRESS
    action.status = ActionStatus.ON_HOLD
    assert action.effective_status(date(2027, 4, 1)) is ActionStatus.ON_HOLD
