"""Text at 200 % on a 1366×768 window: the application's font twice its size (what a
person with low vision sets in the system), then every section of the main window and every
step of the interview is looked at: no control lost (zero size, outside its parent) and no
label cut (see ``layout_checks.py``) inside the section shown, no page or form that needs a
horizontal scroll bar (a section taller than the room scrolls down, never sideways), and no
label whose text runs past the part of it on screen. Every dialog and window the
accessibility walk opens (``a11y_windows.OPENERS``) is looked at the same way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.ui.elided_label import ElidedLabel
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.tasks import TaskRunner

from .a11y_checks import INTERACTIVE
from .conftest import NADIA_PASSPHRASE
from .layout_checks import SLACK, layout_problems
from .main_helpers import unlock_to_main, wait_idle
from .test_accessibility_walk import demo_dir, first_person
from .test_layout_workspace import open_workspace

__all__ = ["demo_dir"]
SIZE = (1366, 768)
SCALE = 2.0
FIELD_CHARS = 8  # a text field narrower shows too little of what is typed


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[QApplication]:
    font = qapp.font()
    bigger = type(font)(font)
    bigger.setPointSizeF(max(font.pointSizeF(), 11.0) * SCALE)
    qapp.setFont(bigger)
    yield qapp
    qapp.setFont(font)


def lost_controls(root: QWidget) -> list[str]:
    """A control shown but with no room: zero size, or outside the part of its parent that
    is on screen (a scroll area's contents scroll: only their width counts)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            found.append(f"{type(widget).__name__} {widget.accessibleName()!r} has no size")
        narrow = widget.fontMetrics().averageCharWidth() * FIELD_CHARS
        if isinstance(widget, QLineEdit) and widget.isEnabled() and widget.width() < narrow:
            found.append(f"QLineEdit {widget.accessibleName()!r} is {widget.width()} px wide")
    return found


def _shown_whole_in_a_tooltip(page: QWidget) -> set[str]:
    """A choice list narrower than its text, whose tooltip gives the whole of it."""
    return {
        f"QComboBox('') needs {combo.minimumSizeHint().width()} px, has {combo.width()}"
        for combo in page.findChildren(QComboBox)
        if combo.toolTip() == combo.currentText()
    }


def _with_whole_tooltip(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QLabel) if w.text() and w.toolTip() == w.text()]


def _name_of(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.text()!r})"  # type: ignore[attr-defined]


def sideways_scrolling(root: QWidget) -> list[str]:
    """A page or a form (a scroll area, the main window's sections) whose contents are wider
    than the room: a person would scroll sideways to read each line. Tables and text
    editors may scroll sideways; forms may not."""
    areas = [root] if isinstance(root, QScrollArea) else []
    areas += root.findChildren(QScrollArea)
    found = []
    for area in areas:
        inner = area.widget()
        if inner is None or not area.isVisible() or not inner.isVisible():
            continue
        if area.horizontalScrollBar().maximum() > 0:
            found.append(
                f"{type(inner).__name__} needs a horizontal scroll bar: "
                f"{inner.width()} px in {area.viewport().width()} px"
            )
    return found


def clipped_text(root: QWidget) -> list[str]:
    """A label whose text runs past the part of it a person sees: pushed out of its window or
    of a scroll area's visible room (what ``layout_problems`` cannot see from sizes alone)."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or isinstance(label, ElidedLabel):
            continue
        if label.isWindow():  # a tooltip, shown where the pointer happens to be
            continue
        if label.pixmap() is not None and not label.pixmap().isNull():
            continue
        seen = label.visibleRegion().boundingRect()
        if seen.isEmpty():
            continue  # scrolled out of view, up or down: a person scrolls to it
        needed = label.width() if label.wordWrap() else min(label.sizeHint().width(), label.width())
        if seen.width() + SLACK < needed:
            found.append(f"{_name_of(label)} shows {seen.width()} px of its {needed} px")
    return found


def _look(qtbot: QtBot, runner: TaskRunner, main: MainWindow, page: QWidget) -> list[str]:
    wait_idle(qtbot, runner)
    qtbot.wait(50)
    problems = [p for p in layout_problems(page) if p not in _shown_whole_in_a_tooltip(page)]
    problems += lost_controls(page)
    problems += sideways_scrolling(main.pages_scroll) + clipped_text(page)
    problems += [  # the status bar's facts give way with their whole text in a tooltip
        p
        for p in layout_problems(main.status_bar)
        if not any(p.startswith(_name_of(w)) for w in _with_whole_tooltip(main.status_bar))
    ]
    if (main.width(), main.height()) != SIZE:
        problems.append(f"the window grew to {main.width()}×{main.height()}")
    return problems


def test_at_200_percent_text_no_section_cuts_or_loses_anything(
    qtbot: QtBot, runner: TaskRunner, large_text: QApplication, demo_dir: Path
) -> None:
    main = unlock_to_main(qtbot, runner, demo_dir, NADIA_PASSPHRASE)
    main.resize(*SIZE)
    main.show()
    found: dict[str, list[str]] = {}
    for row in range(main.navigation.count()):
        main.navigation.setCurrentRow(row)
        found[main.navigation.item(row).text()] = _look(
            qtbot, runner, main, main.pages.currentWidget()
        )
    table = main.people_section.list_page.table  # type: ignore[union-attr]
    floor = table.fontMetrics().horizontalAdvance("BERNARD")
    main.navigation.setCurrentRow(0)
    wait_idle(qtbot, runner)
    found["Personnes: names and communes"] = [
        f"column {c} is {table.columnWidth(c)} px: names read « … »"
        for c in (0, 3)
        if table.columnWidth(c) < floor
    ]
    workspace = open_workspace(qtbot, runner, main, first_person(main), SIZE)
    for step in workspace.model.state.definition.steps:
        workspace.go_to(step.id)
        for pane in getattr(workspace.pages.currentWidget(), "panes", []):
            for panel in pane.panels:  # every theme open: the widest its content gets
                panel.set_expanded(True)
        found[f"entretien: {step.id}"] = _look(qtbot, runner, main, workspace)
    failing = {name: listed for name, listed in found.items() if listed}
    report = "\n".join(f"{name}: {problem}" for name, ps in failing.items() for problem in ps)
    assert not failing, "\n" + report
