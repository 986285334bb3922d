"""The real spie-server and laptop fixtures of the sync tests, plus a main window on a laptop."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.sync.sync_section import SyncSection
from spie_desktop.ui.tasks import TaskRunner
from tests.sync.conftest import (  # noqa: F401  (fixtures, found by name)
    Laptop,
    fast_options,
    laptop_template,
    make_laptop,
    sync_admin,
    sync_server,
    sync_territory,
)

WAIT_MS = 60_000  # the machine running the suite may be heavily loaded


def sync_section_of(window: MainWindow) -> SyncSection:
    for index in range(window.pages.count()):
        page = window.pages.widget(index)
        if isinstance(page, SyncSection):
            return page
    raise AssertionError("no Synchronisation section")


@pytest.fixture
def open_window(
    qtbot: QtBot, runner: TaskRunner
) -> Iterator[Callable[[Laptop], tuple[MainWindow, SyncSection]]]:
    """The main window on a laptop's session, its Synchronisation section shown and loaded."""
    windows: list[MainWindow] = []

    def open_on(laptop: Laptop) -> tuple[MainWindow, SyncSection]:
        window = MainWindow(laptop.session, runner)
        qtbot.addWidget(window)
        windows.append(window)
        section = sync_section_of(window)
        section.model.driver.options = fast_options(attempts=3, budget=20)
        window.navigation.setCurrentRow(window.pages.indexOf(section))
        window.show()
        qtbot.waitUntil(lambda: section.model.overview is not None, timeout=WAIT_MS)
        return window, section

    yield open_on
    # Nothing may still run on the lane when the laptops' sessions close.
    qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
