"""« Immersion (PMSMP)… » on the real widgets and a real store: the button shows on an
immersion action only; the SIRET is checked as it is typed; the convention is refused in
French when it lasts over a month and saved otherwise; its draft exports as a PDF; once it
ended its assessment puts the end on the parcours. The dialog fits 1366×768 and gives every
field its own Alt+letter."""

from __future__ import annotations

import re
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.ui.immersion_dialog import ImmersionDialog, open_immersion_dialog
from spie_desktop.ui.immersion_periods_editor import PeriodRow
from spie_desktop.ui.plan.objective_view import ActionForm
from spie_desktop.ui.plan.plan_model import PlanModel
from spie_desktop.ui.tasks import TaskRunner
from tests.services.plan_fixtures import Room

from ..conftest import type_text
from ..layout_checks import layout_problems, settled

PMSMP = "Réalisation d’une PMSMP"
HOLDERS: list[QWidget] = []


def _pmsmp_action(plan_model: PlanModel) -> tuple[str, uuid.UUID]:
    plan = plan_model.plan
    assert plan is not None
    objective = plan.objectives[0]
    action = plan.add_action(objective.id, PMSMP)
    plan_model.service.save_draft(plan)
    return objective.theme, action.id


def _open(qtbot: QtBot, plan_model: PlanModel, room: Room, action_id: uuid.UUID) -> ImmersionDialog:
    holder = QWidget()
    qtbot.addWidget(holder)
    HOLDERS.append(holder)  # qtbot keeps a weak reference only
    dialog = open_immersion_dialog(plan_model.context, room.person_id, action_id, holder)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.sheet is not None, timeout=10_000)
    return dialog


def _set_period(row: PeriodRow, start: date, end: date) -> None:
    """As picked on the calendars: the start first, then the end."""
    row.start.setDate(QDate(start.year, start.month, start.day))
    row.end.setDate(QDate(end.year, end.month, end.day))


def _fill(dialog: ImmersionDialog) -> None:
    for line, text in (
        (dialog.company, "Boulangerie du Maroni"),
        (dialog.address, "12 rue Victor-Hugo"),
        (dialog.commune, "Saint-Laurent-du-Maroni"),
        (dialog.sector, "10.71C Boulangerie"),
        (dialog.tutor, "Marc Dupuis"),
        (dialog.function, "Chef boulanger"),
        (dialog.phone, "0594 00 00 00"),
        (dialog.hours, "30"),
        (dialog.rome, "D1102"),
        (dialog.trade, "Boulangerie - viennoiserie"),
    ):
        line.setText(text)
    type_text(dialog.siret, "73282932000074")
    dialog.activities.setPlainText("Pétrissage, façonnage")


def test_the_button_shows_on_an_immersion_action_only(qtbot: QtBot, plan_model: PlanModel) -> None:
    theme, action_id = _pmsmp_action(plan_model)
    with qtbot.waitSignal(plan_model.loaded, timeout=10_000):
        plan_model.load()
    plan = plan_model.plan
    assert plan is not None
    action = plan.action(action_id)
    form = ActionForm(plan_model, theme, action)
    qtbot.addWidget(form)
    [button] = [b for b in form.findChildren(QPushButton) if "PMSMP" in b.text()]
    assert button.isVisibleTo(form)
    form.label.text_edited.emit("Réalisation d’un stage")
    assert not button.isVisibleTo(form)


def test_siret_checked_as_typed_then_saved_exported_and_assessed(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel, room: Room, tmp_path: Path
) -> None:
    _theme, action_id = _pmsmp_action(plan_model)
    dialog = _open(qtbot, plan_model, room, action_id)
    type_text(dialog.siret, "73282932000075")
    assert (
        dialog.siret_error.text() == "Le SIRET 73282932000075 n'est pas valide (clé de contrôle)."
    )
    dialog.siret.clear()

    today = plan_model.service.today()
    _fill(dialog)
    assert dialog.siret_error.text() == ""
    editor = dialog.periods
    [first] = editor.rows  # a new convention starts with a week to adjust
    assert editor.periods()[0].days == 5
    # Two periods on the calendars, 45 days in all: refused live, then on saving.
    _set_period(first, today - timedelta(days=60), today - timedelta(days=31))
    second = editor.add_period()
    _set_period(second, today - timedelta(days=30), today - timedelta(days=16))
    assert [p.days for p in editor.periods()] == [30, 15]
    assert editor.summary.text() == (
        "Total : 45 jours — un mois au plus par convention (31 jours)."
    )
    refusal = "Une immersion dure au plus un mois par convention : 45 jours demandés."
    assert editor.problem.text() == refusal and editor.problem.isVisibleTo(dialog)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == refusal
    with room.session.uow(read_only=True) as uow:
        assert uow.immersions.list_for_action(action_id) == []  # nothing saved

    # One week, the second period removed: accepted.
    second.remove_button.click()
    assert len(editor.rows) == 1
    _set_period(first, today - timedelta(days=12), today - timedelta(days=8))
    assert editor.summary.text().startswith("Total : 5 jours")
    assert not editor.problem.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.model.saved, timeout=10_000):
        dialog.save_button.click()
    assert dialog.message.text() == "Convention enregistrée."
    with room.session.uow(read_only=True) as uow:
        [stored] = uow.immersions.list_for_action(action_id)
        [employer] = uow.employers.list_all()
    assert (stored.company.siret, stored.days, employer.name) == (
        "73282932000074",
        5,
        "Boulangerie du Maroni",
    )

    assert dialog.export_button.isEnabled()
    target = tmp_path / "projet.pdf"
    with qtbot.waitSignal(dialog.model.exported, timeout=20_000):
        dialog.export_to(target)
    assert target.read_bytes().startswith(b"%PDF-")

    assert dialog.assess_button.isEnabled()  # it ended last week
    assessment = dialog.open_assessment()
    assessment.skills.setPlainText("Ponctualité, hygiène")
    assessment.follow_up.setPlainText("Proposition de CDD")
    with qtbot.waitSignal(dialog.model.assessed, timeout=10_000):
        assessment.save_button.click()
    assert "Proposition de CDD" in dialog.assessment_label.text()
    with room.session.uow(read_only=True) as uow:
        kinds = [e.kind for e in uow.events.list_for_person(room.person_id)]
    assert kinds.count(FollowUpKind.IMMERSION_START) == 1
    assert kinds.count(FollowUpKind.IMMERSION_END) == 1


def _mnemonic(text: str) -> str:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found[1].casefold() if found else ""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_the_dialog_fits_and_every_field_has_its_own_letter(
    qtbot: QtBot, plan_model: PlanModel, room: Room, width: int, height: int
) -> None:
    _theme, action_id = _pmsmp_action(plan_model)
    dialog = _open(qtbot, plan_model, room, action_id)
    hint = dialog.sizeHint()
    assert hint.width() <= width and hint.height() <= height - 60  # the taskbar, the title
    dialog.resize(hint)
    qtbot.waitExposed(dialog)
    assert settled(lambda: layout_problems(dialog)) == []

    fields = [
        w
        for kind in (QLineEdit, QPlainTextEdit, QComboBox)
        for w in dialog.findChildren(kind)
        if w.isVisibleTo(dialog)
        and w.parent() is not None
        and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
    ]
    buddies = {
        label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    missing = [f.accessibleName() for f in fields if not _mnemonic(buddies.get(f, ""))]
    assert missing == []
    letters = [_mnemonic(t) for t in buddies.values()]
    letters += [_mnemonic(b.text()) for b in dialog.buttons.buttons() if _mnemonic(b.text())]
    assert [letter for letter, n in Counter(letters).items() if n > 1] == []


def test_the_button_takes_no_alt_letter_of_the_plan_editor(
    qtbot: QtBot, runner: TaskRunner, plan_model: PlanModel, room: Room
) -> None:
    from spie_desktop.ui.main_window import MainWindow
    from spie_desktop.ui.plan.plan_editor import PlanEditor

    from .test_mnemonics import _clashes, _texts

    _pmsmp_action(plan_model)
    with qtbot.waitSignal(plan_model.loaded, timeout=10_000):
        plan_model.load()
    main = MainWindow(room.session, runner)
    qtbot.addWidget(main)
    editor = PlanEditor(plan_model)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(
        lambda: any("PMSMP" in b.text() for b in editor.findChildren(QPushButton) if b.isVisible()),
        timeout=5000,
    )
    assert _clashes(_texts(editor, menus_of=main)) == {}


def test_a_long_company_name_reads_from_its_start(
    qtbot: QtBot, plan_model: PlanModel, room: Room
) -> None:
    _theme, action_id = _pmsmp_action(plan_model)
    dialog = _open(qtbot, plan_model, room, action_id)
    _fill(dialog)
    long_name = "Hôtel-Restaurant Le Vieux Moulin des Gorges de l'Aveyron et du Viaur"
    dialog.company.setText(long_name)
    dialog.sector.setText("55.10Z Hôtels et hébergement similaire, restauration traditionnelle")
    with qtbot.waitSignal(dialog.model.saved, timeout=10_000):
        dialog.save_button.click()  # saved, then shown again from the store
    assert dialog.company.text() == long_name
    assert dialog.company.cursorPosition() == 0
    assert dialog.sector.cursorPosition() == 0
