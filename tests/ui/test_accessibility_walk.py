"""The accessibility walk: every section of the main window, the interview workspace and
every dialog the application opens, on a demo store, in the everyday and the high-contrast
theme. Each fails on a control a screen reader cannot name, on a focus trap, and on a
text/background pair below the WCAG contrast threshold (see ``a11y_checks.py``).

``WINDOWS`` lists every dialog or window class of ``spie_desktop.ui`` with how the walk
opens it; a new class missing from it fails the test that enumerates them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device
from spie_desktop.services.demo import populate_demo
from spie_desktop.ui import theme
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

from .a11y_checks import (
    focus_problems,
    unnamed_controls,
)
from .a11y_windows import ELSEWHERE, OPENERS, window_classes
from .conftest import NADIA_PASSPHRASE
from .main_helpers import unlock_to_main, wait_idle
from .test_layout_workspace import open_workspace

PEOPLE = 12


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application's style and everyday theme, as ``run_gui`` applies them; put back."""
    style, palette = qapp.style().name(), qapp.palette()
    theme.apply_theme(qapp, theme.NORMAL)
    yield qapp
    theme._current[0] = theme.NORMAL
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture
def demo_dir(data_dir: Path) -> Path:
    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        populate_demo(session, PEOPLE, 7)
    return data_dir


def _checked(root: QWidget, focus_root: QWidget, first: QWidget | None = None) -> list[str]:
    return unnamed_controls(root) + focus_problems(focus_root, first)


def test_every_section_names_its_controls_and_traps_no_focus(
    qtbot: QtBot, runner: TaskRunner, themed: QApplication, demo_dir: Path
) -> None:
    main = unlock_to_main(qtbot, runner, demo_dir, NADIA_PASSPHRASE)
    main.resize(1366, 768)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5000)
    found: dict[str, list[str]] = {}
    for row in range(main.navigation.count()):
        main.navigation.setCurrentRow(row)
        wait_idle(qtbot, runner)
        qtbot.wait(20)
        title = main.navigation.item(row).text()
        found[title] = _checked(main, main, main.navigation)
    assert len(found) >= 6, list(found)  # the walk saw the sections
    assert_none(found)


def assert_none(found: dict[str, list[str]]) -> None:
    failing = {name: listed for name, listed in found.items() if listed}
    report = "\n".join(f"{name}: {problem}" for name, ps in failing.items() for problem in ps)
    assert not failing, "\n" + report


def first_person(main: MainWindow) -> uuid.UUID:
    session = main.context.session
    assert session is not None
    with session.uow(read_only=True) as uow:
        return uow.people.list_all()[0].id


def test_every_step_of_the_interview_names_its_controls_and_traps_no_focus(
    qtbot: QtBot, runner: TaskRunner, themed: QApplication, demo_dir: Path
) -> None:
    main = unlock_to_main(qtbot, runner, demo_dir, NADIA_PASSPHRASE)
    main.resize(1366, 768)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=5000)
    workspace = open_workspace(qtbot, runner, main, first_person(main), (1366, 768))
    found: dict[str, list[str]] = {}
    for step in workspace.model.state.definition.steps:
        workspace.go_to(step.id)
        wait_idle(qtbot, runner)
        qtbot.wait(20)
        page = workspace.pages.currentWidget()
        for pane in getattr(page, "panes", []):
            for panel in pane.panels:  # every theme open: each question's controls
                panel.set_expanded(True)
        wait_idle(qtbot, runner)
        found[step.id] = _checked(workspace, main, main.navigation)
    assert len(found) >= 4, list(found)
    assert_none(found)


def test_the_walk_knows_every_dialog_and_window() -> None:
    classes = window_classes()
    assert "NewPersonDialog" in classes and "MainWindow" in classes  # the scan sees them
    missing = classes - set(OPENERS) - set(ELSEWHERE)
    assert missing == set(), f"open them in tests/ui/a11y_windows.py: {sorted(missing)}"
    assert set(OPENERS) - classes == set(), "a dialog the walk opens no longer exists"


@pytest.mark.parametrize("name", sorted(OPENERS))
def test_every_dialog_names_its_controls_and_traps_no_focus(
    qtbot: QtBot, runner: TaskRunner, themed: QApplication, demo_dir: Path, name: str
) -> None:
    main = unlock_to_main(qtbot, runner, demo_dir, NADIA_PASSPHRASE)
    main.resize(1366, 768)
    main.show()
    window = OPENERS[name](qtbot, runner, main)
    assert window is not None and type(window).__name__ == name
    qtbot.addWidget(window)
    wait_idle(qtbot, runner)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    wait_idle(qtbot, runner)
    assert_none({name: _checked(window, window)})
