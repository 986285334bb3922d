"""Fixtures for the UI tests: a task runner, real devices in a temporary folder, typing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device
from spie_desktop.ui.gui_gc import GuiThreadCollector
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.wheel_guard import install_wheel_guard

NADIA_PASSPHRASE = "la tortue court vite"
JULIEN_PASSPHRASE = "le héron pêche à l'aube"


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As in the application: cyclic garbage is only collected on the GUI thread."""
    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()


@pytest.fixture(scope="session", autouse=True)
def _wheel_guard(qapp: QApplication) -> None:
    """As in the application: the wheel changes only the value of a focused control."""
    install_wheel_guard(qapp)


@pytest.fixture(autouse=True)
def _no_timer_outlives_its_test(qapp: object) -> Iterator[None]:
    """Stop the timers of every window a test leaves behind, and close it.

    A window left alive keeps its timers (status refresh, background sync probe) firing into
    the next test, against a store that test has already closed.
    """
    yield
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        for timer in widget.findChildren(QTimer):
            timer.stop()
        widget.close()


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """The application's lanes, every progress item passed on (no 50 ms thinning).

    The application thins progress to one item per 50 ms (tests/ui/test_tasks.py proves
    it); a test that checks which steps were reported must not depend on how long each step
    took, or a faster machine (or key derivation) would drop the step it looks for.
    """
    task_runner = TaskRunner(progress_interval_s=0)
    yield task_runner
    task_runner.shutdown(wait=True)


@pytest.fixture
def ready_device(data_dir: Path) -> tuple[Path, device.SetupResult]:
    """A device set up for Nadia (volet social) in Aveyron."""
    result = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    return data_dir, result


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, accents included (``qtbot.keyClicks`` aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def press_enter(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)
