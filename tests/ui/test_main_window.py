"""From start to the main window and back: navigator, main window, lock, broken device."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.config import keyslots_path
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.device import SetupResult
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.navigator import Navigator
from spie_desktop.ui.problem_window import ProblemWindow
from spie_desktop.ui.setup_window import SetupWindow
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow

from .conftest import NADIA_PASSPHRASE, press_enter, type_text


def start(qtbot: QtBot, runner: TaskRunner, data_dir: Path) -> Navigator:
    navigator = Navigator(data_dir, runner)
    navigator.window_changed.connect(qtbot.addWidget)
    first = navigator.start()
    qtbot.addWidget(first)
    return navigator


def test_new_device_starts_on_the_setup_wizard(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    navigator = start(qtbot, runner, data_dir)
    assert isinstance(navigator.window, SetupWindow) and navigator.window.isVisible()


def test_unlock_opens_the_main_window_and_ctrl_l_locks(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    from spie_desktop.services.device import unlock

    session = unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    populate_demo(session, people=40, seed=2)
    session.close()

    navigator = start(qtbot, runner, data_dir)
    unlock_window = navigator.window
    assert isinstance(unlock_window, UnlockWindow)
    type_text(unlock_window.passphrase, NADIA_PASSPHRASE)
    press_enter(unlock_window.passphrase)
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=15_000)
    main = navigator.window
    assert isinstance(main, MainWindow)
    assert main.windowTitle() == "spie-desktop — Aveyron (12)"
    assert [main.navigation.item(i).text() for i in range(main.navigation.count())] == ["Personnes"]
    assert (
        main.status_label.text() == "Nadia B. — Volet social · Aveyron (12) · Coffre déverrouillé"
    )
    qtbot.waitUntil(lambda: main.people.proxy.rowCount() == 40, timeout=10_000)
    assert main.people_page.count.text() == "40 personnes"
    session = navigator.session
    assert session is not None and session.is_open

    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(navigator.window, UnlockWindow), timeout=5000)
    qtbot.waitUntil(lambda: not session.is_open, timeout=5000)
    assert navigator.session is None
    assert navigator.window.accounts.count() == 1


def test_broken_device_explains_instead_of_crashing(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    keyslots_path(data_dir).unlink()
    navigator = start(qtbot, runner, data_dir)
    window = navigator.window
    assert isinstance(window, ProblemWindow)
    assert "keyslots.json" in window.problem.text()
    assert window.folder.text() == str(data_dir)


def test_corrupt_key_file_is_explained_too(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    keyslots_path(data_dir).write_text("{ pas du json")
    navigator = start(qtbot, runner, data_dir)
    assert isinstance(navigator.window, ProblemWindow)
    assert "illisible" in navigator.window.problem.text()


def test_run_gui_bench_hook_reports_the_first_window(tmp_path: Path) -> None:
    env = dict(os.environ, SPIE_BENCH_EXIT_ON_SHOW="1", QT_QPA_PLATFORM="offscreen")
    code = "import sys; from pathlib import Path; from spie_desktop.app import run_gui; sys.exit(run_gui(Path(sys.argv[1])))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "device")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("first window shown after ")
    seconds = float(result.stdout.split()[4])
    assert 0 < seconds < 60
