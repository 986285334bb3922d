"""Presentation mode on a real laptop screen, run by ``test_layout_screens.py`` in a process
whose offscreen screen is 1366×768 (Qt's offscreen platform has an 800×600 screen unless
configured, and only per process). Not collected by itself: its name is not ``test_*``."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

from .layout_checks import layout_problems
from .main_helpers import people_of, wait_idle
from .test_layout_workspace import Template, layout_template, main, open_workspace

__all__ = ["layout_template", "main"]  # the fixtures, shared with the workspace tests


def test_presentation_mode_stays_on_its_screen_and_cuts_no_name(
    qtbot: QtBot, runner: TaskRunner, main: MainWindow, layout_template: Template
) -> None:
    free = main.screen().availableGeometry()
    assert (free.width(), free.height()) == (1366, 768), "run with the 1366×768 screen"
    main.move(free.topLeft())
    workspace = open_workspace(
        qtbot, runner, main, layout_template.person_id, (free.width(), free.height())
    )
    workspace.go_to("situation")
    page = workspace.pages.currentWidget()
    assert isinstance(page, DiagnosticPage)
    for pane in page.panes:
        for panel in pane.panels:
            panel.set_expanded(True)
    wait_idle(qtbot, runner)

    main.set_presentation_mode(True)  # F11: larger text, for the person to read
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    assert free.contains(main.frameGeometry()), (main.frameGeometry(), free)
    assert layout_problems(page) == []

    workspace.leave()
    section = people_of(main)
    section.show_list()
    table = section.list_page.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 3, timeout=10_000)
    qtbot.wait(50)
    assert free.contains(main.frameGeometry())
    for column in (0, 1, 3):  # last name, first name, commune: whole, never "A…"
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    main.set_presentation_mode(False)
