"""Helpers for the main-window tests: unlock through the real windows, wait for the lane."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.navigator import Navigator
from spie_desktop.ui.offer_section import OfferSection
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow

from .conftest import press_enter, type_text


def start(qtbot: QtBot, runner: TaskRunner, data_dir: Path) -> Navigator:
    navigator = Navigator(data_dir, runner)
    navigator.window_changed.connect(qtbot.addWidget)
    first = navigator.start()
    qtbot.addWidget(first)
    return navigator


def unlock_to_main(qtbot: QtBot, runner: TaskRunner, data_dir: Path, passphrase: str) -> MainWindow:
    """Start the app, type the passphrase in the unlock window, wait for the loaded list."""
    navigator = start(qtbot, runner, data_dir)
    window = navigator.window
    assert isinstance(window, UnlockWindow)
    type_text(window.passphrase, passphrase)
    press_enter(window.passphrase)
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=15_000)
    main = navigator.window
    assert isinstance(main, MainWindow)
    main.navigator = navigator  # type: ignore[attr-defined]  # kept alive with the window
    section = people_of(main)
    qtbot.waitUntil(lambda: not section.people.loading, timeout=15_000)
    return main


def people_of(main: MainWindow) -> PeopleSection:
    section = main.people_section
    assert section is not None
    return section


def wait_idle(qtbot: QtBot, runner: TaskRunner, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: runner.idle, timeout=timeout)


def open_offer_section(main: MainWindow) -> OfferSection:
    """« Offre locale » chosen in the navigation: its tabs, services first."""
    index = next(
        i for i in range(main.pages.count()) if isinstance(main.pages.widget(i), OfferSection)
    )
    assert main.navigation.item(index).text() == "Offre locale"
    main.navigation.setCurrentRow(index)
    section = main.pages.widget(index)
    assert isinstance(section, OfferSection)
    return section
