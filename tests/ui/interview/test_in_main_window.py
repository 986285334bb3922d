"""The workspace inside the real main window: a demo person's interview resumes at its step,
the header's presentation button is the window's, locking loses no keystroke, and the whole
fits a 1366-px-wide laptop screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from pytestqt.qtbot import QtBot

from spie_desktop.app import BASE_POINT_SIZE
from spie_desktop.domain.interview import InterviewStatus
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.tasks import TaskRunner

from ..conftest import NADIA_PASSPHRASE
from ..main_helpers import people_of, unlock_to_main, wait_idle
from .helpers import diagnostic, panel


def test_a_demo_interview_resumes_and_a_lock_keeps_what_was_just_typed(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, device.SetupResult]
) -> None:
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        populate_demo(session, people=25, seed=4)
        with session.uow(read_only=True) as uow:
            underway = [
                interview
                for summary in uow.people.iter_summaries()
                for interview in uow.interviews.list_for_person(summary.id)
                if interview.status is InterviewStatus.IN_PROGRESS
            ]
    assert underway
    interview = underway[0]
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.open_interview(interview.person_id)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    assert workspace.model.interview_id == interview.id
    assert workspace.model.state.current_step.id == interview.current_step
    assert workspace.presentation_button.defaultAction() is main.presentation_action

    workspace.go_to("situation")
    notes = panel(workspace, "numerique")
    notes.set_expanded(True)
    box = notes.editors["numerique.notes"].box  # type: ignore[attr-defined]
    box.setFocus()
    qtbot.keyClicks(box, "pas de box internet")
    qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # lock at once
    assert main.is_locked
    wait_idle(qtbot, runner)  # the store is closed on the database lane, after the saves
    again = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    with again, again.uow(read_only=True) as uow:
        answer = uow.answers.get(interview.id, "numerique.notes")
    assert answer is not None and answer.value == "pas de box internet"


def test_leaving_the_workspace_comes_back_to_the_persons_file(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, device.SetupResult]
) -> None:
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        populate_demo(session, people=5, seed=2)
        with session.uow(read_only=True) as uow:
            person_id = next(
                interview.person_id
                for summary in uow.people.iter_summaries()
                for interview in uow.interviews.list_for_person(summary.id)
            )
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.open_interview(person_id)
    section = people_of(main)
    workspace = section.currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    workspace.closed.emit()
    assert section.currentWidget() is section.file_page
    qtbot.waitUntil(lambda: section.file_page.model.person_id == person_id, timeout=10_000)
    assert section.indexOf(workspace) < 0


def test_the_workspace_fits_a_13_inch_laptop_beside_the_navigation(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, device.SetupResult]
) -> None:
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        populate_demo(session, people=12, seed=4)
        with session.uow(read_only=True) as uow:
            person_id = next(
                interview.person_id
                for summary in uow.people.iter_summaries()
                for interview in uow.interviews.list_for_person(summary.id)
                if interview.status is InterviewStatus.IN_PROGRESS
            )
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    font = QFont(main.font())
    font.setPointSizeF(BASE_POINT_SIZE)  # the application's text size, as spie-desktop sets it
    main.setFont(font)
    main.show()
    main.resize(1366, 768)
    main.open_interview(person_id)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    workspace.go_to("situation")
    for pane in diagnostic(workspace).panes:  # a theme open in each pane, as in an interview
        pane.panels[0].set_expanded(True)
    wait_idle(qtbot, runner)

    assert workspace.minimumSizeHint().width() <= 1280
    assert main.minimumSizeHint().width() <= 1366
    qtbot.waitUntil(lambda: main.width() == 1366)  # the window did not have to grow
    # The step bar has its own row under the person's line; progress is a bar, not text.
    header_bottom = workspace.person_label.geometry().bottom()
    assert workspace.step_bar.geometry().top() > header_bottom
    situation = workspace.step_bar.buttons["situation"]
    assert "%" not in situation.text() and "%" in situation.accessibleName()
    # The synthesis, unfolded, shows every theme label whole, in the current font.
    workspace.strip.set_expanded(True)
    chart = workspace.strip.chart
    qtbot.waitUntil(lambda: chart.width() >= chart.minimumSizeHint().width())
    assert chart.rows() and chart.elided_labels() == []
    metrics = QFontMetricsF(chart.font())
    for placed in chart.column_layout():
        longest = max(metrics.horizontalAdvance(b.label) for b in placed.barriers)
        assert placed.label_w > longest
        assert placed.left + placed.width <= chart.width()
    workspace.leave()
    wait_idle(qtbot, runner)
