"""From start to the main window: navigation, menus, status bar, broken device, bench hook."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.config import keyslots_path
from spie_desktop.services import device
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.demo import populate_demo
from spie_desktop.services.device import SetupResult
from spie_desktop.services.status import LAST_SYNC_KEY
from spie_desktop.ui.problem_window import ProblemWindow
from spie_desktop.ui.setup_window import SetupWindow
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, start, unlock_to_main, wait_idle


def test_new_device_starts_on_the_setup_wizard(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    navigator = start(qtbot, runner, data_dir)
    assert isinstance(navigator.window, SetupWindow) and navigator.window.isVisible()


def test_main_window_shows_people_menus_and_status(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    populate_demo(session, people=40, seed=2)
    with session.uow() as uow:
        uow.meta.set(LAST_SYNC_KEY, "2026-11-27T13:05:00+00:00")
    session.close()

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    assert main.windowTitle() == "spie-desktop — Aveyron (12)"
    # only sections with real content: no empty "coming soon" pages
    assert [main.navigation.item(i).text() for i in range(main.navigation.count())] == [
        "Personnes",
        "Point de situation",
        "Revues",
        "Offre locale",
        "Indicateurs",
        "Synchronisation",
    ]
    assert section.people.table.rowCount() == 40
    assert section.list_page.count.text() == "40 personnes"
    menus = [action.text() for action in main.menuBar().actions()]
    assert menus == ["&Fichier", "&Édition", "Afficha&ge", "&Aide"]
    shortcuts = {
        main.new_person_action: "Ctrl+N",
        main.lock_action: "Ctrl+L",
        main.quit_action: "Ctrl+Q",
        main.find_action: "Ctrl+F",
        main.presentation_action: "F11",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys

    status = main.statusBar()
    qtbot.waitUntil(lambda: status.model.pending is not None, timeout=5000)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: status.model.alerts is not None, timeout=10_000)  # type: ignore[attr-defined]
    texts = [t for t in status.texts() if not t.endswith(("alerte", "alertes"))]  # type: ignore[attr-defined]
    # A demo store is never synchronised: no counters, whatever its meta says.
    assert texts == [
        "Nadia B. — Volet social",
        "Aveyron (12)",
        "Coffre déverrouillé",
        "Coffre de démonstration — jamais synchronisé",
    ]
    assert not status.pending.isVisible()  # type: ignore[attr-defined]


def test_navigation_keeps_its_width_and_never_scrolls_sideways(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    navigation = main.navigation
    main.show()
    main.resize(1366, 768)
    qtbot.waitUntil(lambda: main.width() == 1366)
    wide = navigation.width()
    assert wide < 160  # two short section titles: no wide empty column beside the pages
    assert navigation.width() >= navigation.sizeHintForColumn(0) + 2 * navigation.frameWidth()
    assert navigation.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    main.resize(800, 600)  # a narrow window squeezes the pages, never the navigation
    qtbot.waitUntil(lambda: main.width() < 1366)
    assert navigation.width() == wide
    main.set_presentation_mode(True)  # larger text: still room for the titles
    assert navigation.width() >= navigation.sizeHintForColumn(0) + 2 * navigation.frameWidth()
    main.set_presentation_mode(False)
    navigation.item(0).setText("Personnes suivies sur ce poste")  # a title that grows
    assert navigation.width() >= navigation.sizeHintForColumn(0) + 2 * navigation.frameWidth()
    wait_idle(qtbot, runner)


def test_status_bar_counts_pending_changes_after_a_write(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    status = main.status
    qtbot.waitUntil(lambda: status.pending is not None, timeout=5000)
    before = status.pending
    assert before is not None
    assert status.sync_text == "Dernière synchronisation : jamais"
    from spie_desktop.services.people import PeopleService

    main.context.change(
        lambda s: PeopleService(s).create_person("Paul", "Martin", None), changes(Change.PEOPLE)
    )
    qtbot.waitUntil(lambda: (status.pending or 0) > before, timeout=5000)
    assert status.pending_text == f"{status.pending} modifications à synchroniser"
    qtbot.waitUntil(lambda: people_of(main).people.table.rowCount() == 1, timeout=5000)


def test_ctrl_f_focuses_the_search_and_f11_enlarges_the_text(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    with qtbot.waitActive(main):
        main.activateWindow()
    section.list_page.table.setFocus()
    qtbot.keyClick(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is section.list_page.search

    base = main.font().pointSizeF()
    with qtbot.waitSignal(main.presentation_mode_changed) as signal:
        qtbot.keyClick(main, Qt.Key.Key_F11)
    assert signal.args == [True] and main.presentation_mode
    assert main.property("presentationMode") is True
    assert main.font().pointSizeF() > base * 1.2
    assert section.list_page.table.font().pointSizeF() == main.font().pointSizeF()
    qtbot.keyClick(main, Qt.Key.Key_F11)
    assert not main.presentation_mode and main.font().pointSizeF() == base

    box = main.show_about()
    qtbot.addWidget(box)
    assert "0.1.0" in box.text()
    box.close()
    wait_idle(qtbot, runner)


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
