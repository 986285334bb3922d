"""Locking covers the window and closes the store; unlocking resumes where it was."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from spie_desktop.config import store_path
from spie_desktop.services import device
from spie_desktop.services.changes import EVERYTHING
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.device import SetupResult
from spie_desktop.storage.store_guard import STORE_LOST_FR
from spie_desktop.ui.inactivity import InactivityWatch
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE, press_enter, type_text
from .main_helpers import people_of, unlock_to_main, wait_idle


def main_with_people(
    qtbot: QtBot, runner: TaskRunner, ready: tuple[Path, SetupResult], people: int = 80
) -> MainWindow:
    data_dir, setup = ready
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    populate_demo(session, people=people, seed=3)
    session.close()
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.show()
    return main


def unlock_overlay(qtbot: QtBot, main: MainWindow, passphrase: str) -> None:
    type_text(main.lock_overlay.passphrase, passphrase)
    press_enter(main.lock_overlay.passphrase)


def test_ctrl_l_covers_the_window_closes_the_store_and_unlock_resumes(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    main = main_with_people(qtbot, runner, ready_device)
    navigator = main.navigator  # type: ignore[attr-defined]
    section = people_of(main)
    table = section.list_page.table
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 20, timeout=5000)
    table.selectRow(37)
    table.verticalScrollBar().setValue(20)
    chosen = section.list_page.selected_person()
    session = navigator.session
    assert session is not None and session.is_open

    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main.is_locked and navigator.window is main
    assert main.windowTitle() == "spie-desktop — verrouillé"
    assert main.lock_overlay.isVisible() and not main.content.isVisible()
    assert section.people.table.rowCount() == 0  # nothing personal kept in the model
    assert not [w for w in main.findChildren(QTableView) if w.isVisible()]
    qtbot.waitUntil(lambda: not session.is_open, timeout=5000)
    assert navigator.session is None
    assert main.statusBar().texts()[2] == "Coffre verrouillé"  # type: ignore[attr-defined]
    assert not main.new_person_action.isEnabled() and main.quit_action.isEnabled()
    assert QApplication.focusWidget() is main.lock_overlay.passphrase
    assert main.lock_overlay.accounts.currentText() == "Nadia B. — Volet social"

    unlock_overlay(qtbot, main, "pas la bonne phrase")
    qtbot.waitUntil(lambda: main.lock_overlay.message.isVisible(), timeout=15_000)
    assert main.lock_overlay.message.text() == "Phrase de passe incorrecte."
    assert main.is_locked and main.lock_overlay.passphrase.selectedText() == "pas la bonne phrase"

    main.lock_overlay.passphrase.clear()
    unlock_overlay(qtbot, main, NADIA_PASSPHRASE)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=15_000)
    assert navigator.session is not None and navigator.session.is_open
    assert navigator.session is main.context.session and navigator.session is not session
    assert main.content.isVisible() and not main.lock_overlay.isVisible()
    assert main.windowTitle() == "spie-desktop — Aveyron (12)"
    qtbot.waitUntil(lambda: section.people.table.rowCount() == 80, timeout=10_000)
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() == 20, timeout=5000)
    assert section.list_page.selected_person() == chosen
    assert main.new_person_action.isEnabled()
    wait_idle(qtbot, runner)


def test_lock_on_a_person_file_comes_back_to_it_and_closes_open_dialogs(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    main = main_with_people(qtbot, runner, ready_device, people=5)
    section = people_of(main)
    person_id = section.people.person_id_at(2)
    assert person_id is not None
    section.open_person(person_id)
    qtbot.waitUntil(lambda: section.person_file.file is not None, timeout=5000)
    title = section.file_page.title.text()
    dialog = section.ask_consent(person_id)
    assert dialog is not None and dialog.isVisible()

    main.lock_requested.emit()
    assert not section.dialogs and not dialog.isVisible()
    assert section.file_page.title.text() == ""  # cleared while locked
    unlock_overlay(qtbot, main, NADIA_PASSPHRASE)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=15_000)
    assert section.currentWidget() is section.file_page
    qtbot.waitUntil(lambda: section.file_page.title.text() == title, timeout=5000)
    wait_idle(qtbot, runner)


def test_inactivity_locks_like_ctrl_l(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    main = main_with_people(qtbot, runner, ready_device, people=3)
    navigator = main.navigator  # type: ignore[attr-defined]
    watch = navigator._inactivity
    assert isinstance(watch, InactivityWatch)  # config.lock_timeout_minutes = 10 by default
    watch.timed_out.emit()
    assert main.is_locked and navigator._inactivity is None
    unlock_overlay(qtbot, main, NADIA_PASSPHRASE)
    qtbot.waitUntil(lambda: not main.is_locked, timeout=15_000)
    assert isinstance(navigator._inactivity, InactivityWatch)  # watching again
    wait_idle(qtbot, runner)


def test_inactivity_watch_times_out(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    watch = InactivityWatch(0.002)  # 120 ms
    watch.start(app)
    try:
        with qtbot.waitSignal(watch.timed_out, timeout=2000):
            pass
    finally:
        watch.stop(app)


def test_late_results_are_dropped_once_locked(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    context = WindowContext(session, runner)
    results: list[object] = []
    assert context.query(lambda s: s.counsellor.display_name, results.append)
    assert context.lock() is session
    wait_idle(qtbot, runner)
    assert results == [] and context.is_locked
    assert context.query(lambda s: 1, results.append) is None  # refused while locked
    context.unlock(session)
    assert context.query(lambda s: s.counsellor.display_name, results.append)
    qtbot.waitUntil(lambda: results == ["Nadia B."], timeout=5000)
    session.close()


def test_losing_the_store_file_shows_a_clear_message_and_no_crash(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = main_with_people(qtbot, runner, ready_device, people=3)
    section = people_of(main)
    store = store_path(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{store}{suffix}").exists():
            os.unlink(f"{store}{suffix}")

    dialog = section.new_person()  # a write
    assert dialog is not None
    dialog.first_name.setText("Paul")
    dialog.last_name.setText("Martin")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # The banner may first come from another read (status bar, badges); the save's own
    # error then lands in the dialog, next to the action.
    qtbot.waitUntil(lambda: dialog.message.text() == STORE_LOST_FR, timeout=10_000)
    assert main.banner.isVisible() and main.banner.text() == STORE_LOST_FR
    dialog.reject()

    main.banner.clear_message()
    main.context.announce(EVERYTHING)  # a refresh: list and status bar read again
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: section.list_page.error.isVisible(), timeout=5000)
    assert section.list_page.error.text() == STORE_LOST_FR
    wait_idle(qtbot, runner)
    main.lock_requested.emit()  # locking still works (the audit of the lock cannot be written)
    assert main.is_locked
    wait_idle(qtbot, runner)


def test_the_inactivity_watch_ends_with_the_main_window(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    """A watch left running after its window was deleted locked a window that no longer
    existed (« already deleted » raised in the event loop minutes later)."""
    main = main_with_people(qtbot, runner, ready_device, people=3)
    navigator = main.navigator  # type: ignore[attr-defined]
    watch = navigator._inactivity
    assert isinstance(watch, InactivityWatch)
    wait_idle(qtbot, runner)
    main.destroyed.emit()  # what Qt says as the window goes (qtbot deletes the window itself)
    assert navigator._inactivity is None  # no timer left to lock a window that is gone
