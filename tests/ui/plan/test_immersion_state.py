"""An immersion action shows where its convention stands on the plan itself, with the
draft to export again: « à rédiger » before, « brouillon prêt » once saved (from the
convention's dialog elsewhere in the window), exported as a real PDF from the action."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from spie_desktop.domain.immersion import Period
from spie_desktop.domain.plan_problems import day_text
from spie_desktop.services import immersions
from spie_desktop.services.changes import Change, changes
from spie_desktop.ui.immersion_state import ImmersionState
from spie_desktop.ui.plan.objective_view import ActionForm
from spie_desktop.ui.plan.plan_model import PlanModel
from spie_desktop.ui.tasks import TaskRunner
from tests.services.immersion_fixtures import immersion
from tests.services.plan_fixtures import Room

from ..main_helpers import wait_idle
from .test_immersion_dialog import _pmsmp_action


def _form(qtbot: QtBot, plan_model: PlanModel, action_id: uuid.UUID, theme: str) -> ActionForm:
    with qtbot.waitSignal(plan_model.loaded, timeout=10_000):
        plan_model.load()
    plan = plan_model.plan
    assert plan is not None
    form = ActionForm(plan_model, theme, plan.action(action_id))
    qtbot.addWidget(form)
    form.resize(1000, 400)
    form.show()
    return form


def test_the_action_shows_its_convention_and_exports_the_draft_again(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel, room: Room, tmp_path: Path
) -> None:
    theme, action_id = _pmsmp_action(plan_model)
    form = _form(qtbot, plan_model, action_id, theme)
    [state] = form.findChildren(ImmersionState)
    qtbot.waitUntil(lambda: state.state.text() != "", timeout=10_000)
    assert state.state.text().startswith("Convention d'immersion : à rédiger")
    assert not state.export_button.isVisibleTo(form)

    today = plan_model.service.today()
    week = Period(today + timedelta(days=7), today + timedelta(days=11))
    saved = replace(immersion(room.person_id, week), action_id=action_id)
    plan_model.context.change(
        lambda s: immersions.save_immersion(s, saved), changes(Change.IMMERSIONS)
    )
    qtbot.waitUntil(lambda: "brouillon prêt" in state.state.text(), timeout=10_000)
    assert state.state.text() == (
        "Convention d'immersion : brouillon prêt — Boulangerie du Maroni, "
        f"du {day_text(week.start)} au {day_text(week.end)} (5 j)."
    )
    assert state.export_button.isVisibleTo(form)
    assert state.export_button.text() == "Exporter le projet…"

    target = tmp_path / "projet.pdf"
    with qtbot.waitSignal(state.model.exported, timeout=20_000):
        state.export_to(target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert state.message.text() == "Projet de convention exporté : projet.pdf"
    wait_idle(qtbot, runner)


def test_an_action_that_is_no_immersion_shows_no_convention(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel
) -> None:
    theme, action_id = _pmsmp_action(plan_model)
    form = _form(qtbot, plan_model, action_id, theme)
    assert form.immersion_state.isVisibleTo(form)
    form.label.text_edited.emit("Réalisation d’un stage")
    assert not form.immersion_state.isVisibleTo(form)
    wait_idle(qtbot, runner)


def test_an_immersion_action_is_no_wider_than_another_action(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel
) -> None:
    """Its buttons sit on the convention row, not beside the status: beside it they made
    the form wider than the plan editor of a 1366-pixel window (a sideways scroll bar)."""
    theme, action_id = _pmsmp_action(plan_model)
    immersion_form = _form(qtbot, plan_model, action_id, theme)
    plan = plan_model.plan
    assert plan is not None
    other = plan.add_action(plan.objectives[0].id, "Réalisation d’un stage")
    plain = ActionForm(plan_model, theme, other)
    qtbot.addWidget(plain)
    plain.show()
    assert immersion_form.minimumSizeHint().width() <= plain.minimumSizeHint().width()
    wait_idle(qtbot, runner)
