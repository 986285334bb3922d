"""The plan editor's view-model, without widgets: the draft, its autosave, per-field checks."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import ActionStatus, Contract, PlanStatus
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.plan import PlanModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext
from tests.services.plan_fixtures import Room

from .conftest import stored_plan


def saved(qtbot: QtBot, model: PlanModel) -> None:
    assert model.flush(20)
    qtbot.wait(10)  # let the "saved" callback arrive


def test_a_new_draft_holds_no_objective_and_a_suggestion_is_taken_up_once(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    model = PlanModel(WindowContext(room.session, runner), room.person_id, room.interview_id)
    with qtbot.waitSignal(model.loaded, timeout=20_000):
        model.load()
    assert model.plan is not None and model.plan.objectives == []
    first = room.plans.suggestions(model.plan)[0].objectives[0]
    with qtbot.waitSignal(model.structure_changed):
        assert model.add_suggested_objective(first.theme, first.label) == ""
    assert model.add_suggested_objective(first.theme, first.label.upper()) == (
        f"L'objectif « {first.label.upper()} » figure déjà dans le plan."
    )
    saved(qtbot, model)
    stored = stored_plan(room, model.plan_id)
    assert [(o.theme, o.label) for o in stored.objectives] == [(first.theme, first.label)]
    assert room.plans.suggestions(model.plan_id)[0].objectives[0].in_plan


def test_the_draft_is_made_from_the_synthesis_and_every_edit_is_stored(
    qtbot: QtBot, plan_model: PlanModel, room: Room
) -> None:
    plan = plan_model.plan
    assert plan is not None and plan.status is PlanStatus.DRAFT
    themes = [theme for theme, _ in plan_model.objectives_by_theme()]
    assert themes[:2] == ["contraintes_familiales", "mobilite"]  # her priorities first
    mobility = next(o for o in plan.objectives if o.theme == "mobilite")

    with qtbot.waitSignal(plan_model.saved, timeout=20_000):
        action = plan_model.add_action(mobility.id, "Bourse au permis")
    today = plan_model.today
    assert (
        plan_model.set_action_text(action.id, "responsible_structure", "Conseil départemental")
        == ""
    )
    assert (
        plan_model.set_action_date(action.id, "start_date", format_date(today + timedelta(7))) == ""
    )
    assert (
        plan_model.set_action_date(action.id, "due_date", format_date(today + timedelta(90))) == ""
    )
    assert plan_model.set_contract(Contract.CER).startswith("Le CER ne peut plus être choisi")
    assert plan_model.set_contract(Contract.ENGAGEMENT) == ""
    assert plan_model.set_commitment(True) == ""
    assert plan_model.set_next_review("15/01/2027") == ""
    saved(qtbot, plan_model)

    stored = stored_plan(room, plan.id)
    stored_action = next(a for o in stored.objectives for a in o.actions if a.id == action.id)
    assert stored_action.label == "Bourse au permis"
    assert stored_action.responsible_structure == "Conseil départemental"
    assert stored_action.due_date == today + timedelta(90)
    assert (stored.contract, stored.contract_commitment) == (Contract.ENGAGEMENT, True)
    assert stored.next_review is not None and stored.next_review.isoformat() == "2027-01-15"

    # Back to no contract: the commitment goes with it.
    plan_model.set_contract(Contract.NONE)
    assert (
        plan_model.set_commitment(True) == "Choisissez d'abord le contrat auquel le plan est lié."
    )
    saved(qtbot, plan_model)
    assert stored_plan(room, plan.id).contract_commitment is False


def test_bad_dates_and_labels_are_refused_with_a_reason_and_not_applied(
    qtbot: QtBot, plan_model: PlanModel, room: Room
) -> None:
    objective = plan_model.add_objective("mobilite")
    action = plan_model.add_action(objective.id)
    assert action.label  # a referential action, to edit
    invalid = "Date invalide : utilisez le format JJ/MM/AAAA."
    assert plan_model.set_action_date(action.id, "due_date", "31/02/2027") == invalid
    assert plan_model.set_action_date(action.id, "start_date", "12/03/2027") == ""
    assert plan_model.set_action_date(action.id, "due_date", "01/03/2027") == (
        "L'échéance est antérieure au début (12/03/2027)."
    )
    assert plan_model.set_action_date(action.id, "due_date", "26/03/2027") == ""
    assert plan_model.set_action_date(action.id, "start_date", "01/04/2027") == (
        "Le début est postérieur à l'échéance (26/03/2027)."
    )
    assert (
        plan_model.set_action_text(action.id, "label", "  ") == "L'action doit avoir un intitulé."
    )
    assert plan_model.set_objective_label(objective.id, "") == "L'objectif doit avoir un intitulé."
    saved(qtbot, plan_model)
    stored = next(a for o in stored_plan(room, plan_model.plan_id).objectives for a in o.actions)
    assert (stored.start_date.isoformat(), stored.due_date.isoformat()) == (  # type: ignore[union-attr]
        "2027-03-12",
        "2027-03-26",
    )
    assert stored.label == action.label


def test_a_planned_action_whose_start_is_past_is_shown_in_progress(plan_model: PlanModel) -> None:
    objective = plan_model.plan.objectives[0]  # type: ignore[union-attr]
    action = plan_model.add_action(objective.id)
    assert plan_model.effective_status_text(action) == "Prévue"
    plan_model.set_action_date(
        action.id, "start_date", format_date(plan_model.today - timedelta(3))
    )
    assert action.status is ActionStatus.PLANNED
    assert plan_model.effective_status_text(action) == "En cours (date de début passée)"
    plan_model.set_action_status(action.id, ActionStatus.ON_HOLD)
    assert plan_model.effective_status_text(action) == "En attente"


def test_readiness_lists_a_missing_due_date_and_a_plan_without_objective(
    plan_model: PlanModel,
) -> None:
    plan = plan_model.plan
    assert plan is not None
    action = plan_model.add_action(plan.objectives[0].id, "Bourse au permis")
    problems = plan_model.readiness_problems()
    assert [(p.target, p.field) for p in problems] == [(action.id, "due_date")]
    assert problems[0].message == "L'action « Bourse au permis » n'a pas d'échéance."
    for objective in list(plan.objectives):
        plan_model.remove_objective(objective.id)
    assert [p.message for p in plan_model.readiness_problems()] == [
        "Le plan ne contient aucun objectif."
    ]
    plan_model.set_contract(Contract.NONE)
    plan_model.set_contract(Contract.ENGAGEMENT)
    assert plan_model.readiness_problems()[-1].field == "contract_commitment"
    assert plan_model.set_next_review(format_date(plan_model.today - timedelta(1))) == ""
    assert plan_model.readiness_problems()[-1].field == "next_review"
