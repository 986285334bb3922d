"""Presentation mode on a real laptop screen, and « Présenter la séance » of a case review on
it, run by ``test_layout_screens.py`` in a process whose offscreen screen is 1366×768 (Qt's
offscreen platform has an 800×600 screen unless configured, and only per process). Not
collected by itself: its name is not ``test_*``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from spie_desktop.domain.case_review import Participant
from spie_desktop.services import case_reviews as reviews
from spie_desktop.storage.session import Session
from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .case_review_people import three_people
from .layout_checks import layout_problems, settled
from .main_helpers import people_of, wait_idle
from .test_case_presentation import QUESTIONS, context, presentation, section, session
from .test_layout_workspace import Template, layout_template, main, open_workspace

# the fixtures, shared with the workspace and the case review tests
__all__ = ["context", "layout_template", "main", "session"]


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
    assert settled(lambda: layout_problems(page)) == []

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


def test_the_session_presentation_fills_the_screen_and_cuts_nothing(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext, session: Session
) -> None:
    review = reviews.save_review(
        session,
        datetime.now(UTC) + timedelta(days=3),
        "Rodez, Maison des solidarités",
        [Participant("Sylvie M.", "Conseil départemental de l'Aveyron", "Référente")],
    )
    for someone, question in zip(three_people(session), QUESTIONS, strict=True):
        case = reviews.flag_case(session, someone.person_id, "Freins cumulés", question)
        reviews.schedule_case(session, case.id, review.id)
    page = section(qtbot, context)
    qtbot.waitUntil(lambda: page.sessions.topLevelItemCount() == 1, timeout=10_000)
    page.sessions.setCurrentItem(page.sessions.topLevelItem(0))
    qtbot.waitUntil(lambda: page.cases.topLevelItemCount() == 3, timeout=10_000)
    window = presentation(qtbot, page)
    window.decisions.set_lines([["Rendez-vous tripartite", "France Travail", "15/01/2027"]])
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    free = window.screen().availableGeometry()
    assert (free.width(), free.height()) == (1366, 768), "run with the 1366×768 screen"
    assert free.contains(window.frameGeometry()), (window.frameGeometry(), free)
    assert window.width() >= 1300  # maximised: the shared screen is for the group
    assert settled(lambda: layout_problems(window)) == []
    assert window.chart.elided_labels() == []
    window.close()
    wait_idle(qtbot, runner)
