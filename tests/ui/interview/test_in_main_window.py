"""The workspace inside the real main window: a demo person's interview resumes at its step,
the header's presentation button is the window's, and locking loses no keystroke."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.interview import InterviewStatus
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.tasks import TaskRunner

from ..conftest import NADIA_PASSPHRASE
from ..main_helpers import people_of, unlock_to_main, wait_idle
from .helpers import panel


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
