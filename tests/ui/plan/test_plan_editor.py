"""The plan editor, driven the way a counsellor would: keyboard and clicks, real store."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.plan import ActionStatus, Contract
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.plan import PlanEditor, PlanModel
from tests.services.plan_fixtures import Room

from ..conftest import type_text
from .conftest import stored_plan


def make_editor(qtbot: QtBot, model: PlanModel) -> PlanEditor:
    editor = PlanEditor(model)
    qtbot.addWidget(editor)
    editor.resize(1100, 800)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=5000)
    return editor


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_a_plan_is_built_with_the_keyboard_and_every_entry_is_stored(
    qtbot: QtBot, plan_model: PlanModel, room: Room
) -> None:
    editor = make_editor(qtbot, plan_model)
    before = len(editor.objective_boxes)
    assert before >= 2  # pre-filled from the synthesis
    assert all(box.isVisible() for box in editor.objective_boxes.values())

    # A new objective in "Se former": the theme chosen beside the button, then its label.
    editor.theme_choice.setCurrentIndex(editor.theme_choice.findData("se_former"))
    click(qtbot, editor.add_objective_button)
    assert len(editor.objective_boxes) == before + 1
    objective_id = plan_model.plan.objectives[-1].id  # type: ignore[union-attr]
    box = editor.objective_boxes[objective_id]
    assert box.label.hasFocus() and box.label.lineEdit().hasSelectedText()
    type_text(box.label.lineEdit(), "Découvrir le métier d'aide à domicile")

    click(qtbot, box.add_action_button)
    box = editor.objective_boxes[objective_id]
    form = box.action_forms[0]
    assert form.label.hasFocus()
    type_text(form.label.lineEdit(), "Réalisation d'une PMSMP")
    form.structure.set_text("Mission locale")
    qtbot.keyClicks(form.referent, "Paul S.")
    today = plan_model.today
    start, due = today + timedelta(days=20), today + timedelta(days=34)
    qtbot.keyClicks(form.start.line, format_date(start))
    qtbot.keyClicks(form.due.line, format_date(due))
    form.status.choose(ActionStatus.PLANNED)
    assert not form.start.error.isVisible() and not form.due.error.isVisible()

    editor.contract.choose(Contract.PACEA)  # not for her (47): refused, in place
    assert editor.contract_error.text().startswith("Le PACEA est réservé")
    assert editor.contract.value() is Contract.ENGAGEMENT
    editor.contract.choose(Contract.NONE)
    editor.contract.choose(Contract.ENGAGEMENT)
    assert not editor.contract_error.isVisible()
    assert editor.commitment.isEnabled()
    editor.commitment.setFocus()
    qtbot.keyClick(editor.commitment, Qt.Key.Key_Space)
    assert editor.commitment.isChecked()
    qtbot.keyClicks(editor.next_review.line, format_date(today + timedelta(days=42)))
    assert plan_model.flush(20)
    qtbot.waitUntil(lambda: editor.saved_label.text().startswith("✓ enregistré à"), timeout=5000)

    stored = stored_plan(room, plan_model.plan_id)
    objective = next(o for o in stored.objectives if o.id == objective_id)
    assert objective.theme == "se_former"
    assert objective.label == "Découvrir le métier d'aide à domicile"
    (action,) = objective.actions
    assert (action.label, action.responsible_structure, action.referent) == (
        "Réalisation d'une PMSMP",
        "Mission locale",
        "Paul S.",
    )
    assert (action.start_date, action.due_date, action.status) == (
        start,
        due,
        ActionStatus.PLANNED,
    )
    assert (stored.contract, stored.contract_commitment) == (Contract.ENGAGEMENT, True)
    assert stored.next_review == today + timedelta(days=42)


def test_a_past_start_shows_in_progress_and_a_due_date_before_it_is_refused_in_place(
    qtbot: QtBot, plan_model: PlanModel, room: Room
) -> None:
    editor = make_editor(qtbot, plan_model)
    first = next(iter(editor.objective_boxes.values()))
    click(qtbot, first.add_action_button)
    form = editor.objective_boxes[first.objective_id].action_forms[0]
    today = plan_model.today
    qtbot.keyClicks(form.start.line, format_date(today - timedelta(days=2)))
    assert form.effective.text() == "Statut effectif : En cours (date de début passée)"

    qtbot.keyClicks(form.due.line, format_date(today - timedelta(days=5)))
    assert form.due.error.isVisible()
    assert form.due.error.text().startswith("L'échéance est antérieure au début")
    # A date still being typed is not nagged about; a wrong one is, once typing ends.
    form.due.line.clear()
    qtbot.keyClicks(form.due.line, "3")
    assert not form.due.error.isVisible()
    form.due.line.editingFinished.emit()
    assert form.due.error.text() == "Date invalide : utilisez le format JJ/MM/AAAA."
    form.due.line.clear()
    qtbot.keyClicks(form.due.line, format_date(today + timedelta(days=30)))
    assert not form.due.error.isVisible()
    assert plan_model.flush(20)
    action = stored_plan(room, plan_model.plan_id).objectives[0].actions[0]
    assert action.due_date == today + timedelta(days=30)
    assert action.status is ActionStatus.IN_PROGRESS  # the service applies the same rule


def test_going_to_signing_lists_what_is_missing_where_it_is(
    qtbot: QtBot, plan_model: PlanModel
) -> None:
    editor = make_editor(qtbot, plan_model)
    first = next(iter(editor.objective_boxes.values()))
    click(qtbot, first.add_action_button)
    form = editor.objective_boxes[first.objective_id].action_forms[0]
    with qtbot.assertNotEmitted(editor.signing_requested):
        click(qtbot, editor.sign_button)
    assert form.due.error.text().endswith("n'a pas d'échéance.")
    assert QApplication.focusWidget() is form.due.line
    assert "n'a pas d'échéance" in editor.problems.text()

    # Remove everything (each removal asks first): a plan without objective is refused too.
    for objective_id in list(editor.objective_boxes):
        click(qtbot, editor.objective_boxes[objective_id].remove_button)
        box = editor.confirmation
        assert isinstance(box, QMessageBox)
        assert "Retirer l'objectif" in box.text()
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    assert not editor.objective_boxes and editor.empty_label.isVisible()
    assert not editor.request_signing()
    assert editor.problems.text() == "Le plan ne contient aucun objectif."


def test_keeping_an_action_when_asked_removes_nothing(qtbot: QtBot, plan_model: PlanModel) -> None:
    editor = make_editor(qtbot, plan_model)
    first = next(iter(editor.objective_boxes.values()))
    click(qtbot, first.add_action_button)
    form = editor.objective_boxes[first.objective_id].action_forms[0]
    click(qtbot, form.remove_button)
    box = editor.confirmation
    assert isinstance(box, QMessageBox)
    click(qtbot, box.button(QMessageBox.StandardButton.No))
    assert editor.action_form(form.action_id) is not None
    assert plan_model.plan.objectives[0].actions  # type: ignore[union-attr]


def _tab_stops_in_content(qtbot: QtBot, editor: PlanEditor) -> list[QWidget]:
    """Tab from « Contrat lié » until the focus leaves the editor's left column."""
    editor.contract.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    focused = QApplication.focusWidget()
    while focused is not None and editor.content.isAncestorOf(focused) and focused not in seen:
        seen.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
    return seen
