"""A draft plan is edited through its own methods, and lists what keeps it from being
signed: the rules the editor and the signing screen only display. No Qt here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.plan import (
    ActionPlan,
    ActionStatus,
    Contract,
    ObjectiveStatus,
    PlanStatus,
    Signature,
    SignerRole,
)
from spie_desktop.domain.plan_checks import (
    check_entries,
    check_ready_to_sign,
    entry_problems,
    readiness_problems,
)
from spie_desktop.domain.plan_problems import PLAN_FIELD, ProblemKind

MARCH_1 = date(2027, 3, 1)
MARCH_12 = date(2027, 3, 12)


def _draft() -> ActionPlan:
    return ActionPlan(person_id=uuid.uuid4())


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


def test_objectives_and_actions_are_added_changed_and_removed() -> None:
    plan = _draft()
    objective = plan.add_objective("mobilite", "  Accéder à un véhicule ")
    assert objective.label == "Accéder à un véhicule" and objective.plan_id == plan.id
    action = plan.add_action(
        objective.id, "Bourse au permis", referent=" Mme Puech ", start_date=MARCH_1
    )
    assert plan.action(action.id) is action and action.referent == "Mme Puech"

    plan.set_action_text(action.id, "responsible_structure", " Mission locale ")
    plan.set_action_date(action.id, "due_date", MARCH_12)
    plan.set_action_status(action.id, ActionStatus.ON_HOLD)
    plan.set_objective_label(objective.id, "Obtenir le permis B")
    plan.set_objective_status(objective.id, ObjectiveStatus.DONE)
    assert (action.responsible_structure, action.due_date, action.status) == (
        "Mission locale",
        MARCH_12,
        ActionStatus.ON_HOLD,
    )
    assert (objective.label, objective.status) == ("Obtenir le permis B", ObjectiveStatus.DONE)

    plan.remove_action(action.id)
    assert objective.actions == []
    plan.remove_objective(objective.id)
    assert plan.objectives == []
    with pytest.raises(NotFound):
        plan.remove_objective(objective.id)


def test_contract_commitment_and_review() -> None:
    plan = _draft()
    with pytest.raises(ValidationError) as refused:
        plan.set_commitment(True)
    assert refused.value.message_fr == "Choisissez d'abord le contrat auquel le plan est lié."
    assert plan.contract_commitment is False
    plan.set_contract(Contract.ENGAGEMENT)
    plan.set_commitment(True)
    assert plan.contract_commitment is True
    plan.set_contract(Contract.NONE)  # no contract, nothing to be committed to
    assert plan.contract_commitment is False
    plan.set_next_review(MARCH_12)
    assert plan.next_review == MARCH_12


EditRefusal = tuple[Callable[[ActionPlan, uuid.UUID, uuid.UUID], object], str, str]

REFUSED_EDITS: list[EditRefusal] = [
    (
        lambda plan, objective, action: plan.set_objective_label(objective, "  "),
        "L'objectif doit avoir un intitulé.",
        "label",
    ),
    (
        lambda plan, objective, action: plan.add_objective("mobilite", ""),
        "L'objectif doit avoir un intitulé.",
        "label",
    ),
    (
        lambda plan, objective, action: plan.set_action_text(action, "label", " "),
        "L'action doit avoir un intitulé.",
        "label",
    ),
    (
        lambda plan, objective, action: plan.add_action(objective, ""),
        "L'action doit avoir un intitulé.",
        "label",
    ),
    (
        lambda plan, objective, action: plan.set_action_date(action, "due_date", date(2027, 2, 1)),
        "L'échéance est antérieure au début (01/03/2027).",
        "due_date",
    ),
    (
        lambda plan, objective, action: plan.set_action_date(
            action, "start_date", date(2027, 4, 1)
        ),
        "Le début est postérieur à l'échéance (12/03/2027).",
        "start_date",
    ),
    (
        lambda plan, objective, action: plan.add_action(
            objective, "PMSMP", start_date=MARCH_12, due_date=MARCH_1
        ),
        "L'échéance est antérieure au début (12/03/2027).",
        "due_date",
    ),
]


@pytest.mark.parametrize(
    ("edit", "message", "field"),
    REFUSED_EDITS,
    ids=[
        "empty-objective-label",
        "new-objective-without-label",
        "empty-action-label",
        "new-action-without-label",
        "due-before-start",
        "start-after-due",
        "new-action-due-before-start",
    ],
)
def test_a_refused_edit_says_why_and_changes_nothing(
    edit: Callable[[ActionPlan, uuid.UUID, uuid.UUID], object], message: str, field: str
) -> None:
    plan = _draft()
    objective = plan.add_objective("mobilite", "Accéder à un véhicule")
    action = plan.add_action(
        objective.id, "Bourse au permis", start_date=MARCH_1, due_date=MARCH_12
    )
    before = repr(plan)
    with pytest.raises(ValidationError) as refused:
        edit(plan, objective.id, action.id)
    assert (refused.value.message_fr, refused.value.field) == (message, field)
    assert repr(plan) == before


def test_a_signed_plan_refuses_every_edit() -> None:
    plan = _draft()
    objective = plan.add_objective("mobilite", "Accéder à un véhicule")
    action = plan.add_action(objective.id, "Bourse au permis")
    plan.status = PlanStatus.SIGNED
    edits: list[Callable[[], object]] = [
        lambda: plan.set_contract(Contract.ENGAGEMENT),
        lambda: plan.set_next_review(MARCH_1),
        lambda: plan.add_objective("logement", "Trouver un logement"),
        lambda: plan.set_objective_status(objective.id, ObjectiveStatus.DONE),
        lambda: plan.remove_objective(objective.id),
        lambda: plan.add_action(objective.id, "PMSMP"),
        lambda: plan.set_action_status(action.id, ActionStatus.DONE),
        lambda: plan.remove_action(action.id),
    ]
    for edit in edits:
        with pytest.raises(ValidationError, match="immutable"):
            edit()
    assert [a.label for a in plan.objectives[0].actions] == ["Bourse au permis"]


def test_readiness_lists_every_problem_with_what_it_concerns() -> None:
    plan = _draft()
    assert [(p.kind, p.field, p.target) for p in readiness_problems(plan)] == [
        (ProblemKind.NO_OBJECTIVE, "objectives", None),
        (ProblemKind.SIGNATURE_MISSING, "signatures", None),
    ]
    objective = plan.add_objective("mobilite", "Accéder à un véhicule")
    first = plan.add_action(objective.id, "Bourse au permis")
    second = plan.add_action(objective.id, "Location solidaire")
    plan.set_contract(Contract.CEJ)
    problems = readiness_problems(plan, signatures=False)
    assert [(p.kind, p.field, p.target) for p in problems] == [
        (ProblemKind.ACTION_WITHOUT_DUE_DATE, "due_date", first.id),
        (ProblemKind.ACTION_WITHOUT_DUE_DATE, "due_date", second.id),
        (ProblemKind.COMMITMENT_MISSING, "contract_commitment", None),
    ]
    assert problems[0].message_fr == "L'action « Bourse au permis » n'a pas d'échéance."
    assert problems[2].message_fr == (
        "Le plan est lié à un contrat : l'engagement de la personne doit être recueilli."
    )

    plan.set_action_date(first.id, "due_date", MARCH_12)
    plan.set_action_date(second.id, "due_date", MARCH_12)
    plan.set_commitment(True)
    _sign_all(plan)
    assert readiness_problems(plan) == []
    check_ready_to_sign(plan)
    plan.status = PlanStatus.SIGNED
    assert [(p.kind, p.field) for p in readiness_problems(plan)] == [
        (ProblemKind.ALREADY_SIGNED, PLAN_FIELD)
    ]


def test_entry_problems_are_listed_and_the_first_one_is_raised() -> None:
    plan = _draft()
    objective = plan.add_objective("mobilite", "Accéder à un véhicule")
    action = plan.add_action(objective.id, "Bourse au permis")
    objective.label = ""  # as a merge or an old store could leave it
    action.start_date, action.due_date = MARCH_12, MARCH_1
    problems = entry_problems(plan)
    assert [(p.kind, p.target) for p in problems] == [
        (ProblemKind.OBJECTIVE_WITHOUT_LABEL, objective.id),
        (ProblemKind.DUE_BEFORE_START, action.id),
    ]
    with pytest.raises(ValidationError) as raised:
        check_entries(plan)
    assert raised.value.message_fr == "Chaque objectif doit avoir un intitulé."
    objective.label = "Accéder à un véhicule"
    with pytest.raises(ValidationError) as raised:
        check_entries(plan)
    assert raised.value.message_fr == (
        "L'échéance de l'action « Bourse au permis » est antérieure à son début."
    )
    assert raised.value.field == "due_date"
