"""Finding things in the workspace the way a person would point at them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.diagnostic_page import DiagnosticPage
from spie_desktop.ui.interview.field_widgets import FieldEditor
from spie_desktop.ui.interview.theme_panel import ThemePanel


def diagnostic(workspace: InterviewWorkspace) -> DiagnosticPage:
    page = workspace.page("situation")
    assert isinstance(page, DiagnosticPage)
    return page


def panel(workspace: InterviewWorkspace, theme_id: str) -> ThemePanel:
    for pane in diagnostic(workspace).panes:
        for candidate in pane.panels:
            if candidate.theme.id == theme_id:
                return candidate
    raise AssertionError(theme_id)


def editor(workspace: InterviewWorkspace, key: str) -> Any:
    found: FieldEditor = panel(workspace, key.split(".")[0]).editors[key]
    return found


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def stored(workspace: InterviewWorkspace) -> dict[str, Any]:
    session = workspace.model.service.session
    with session.uow(read_only=True) as uow:
        answers = uow.answers.list_for(workspace.model.interview_id)
    return {a.key: (a.value, a.author_id) for a in answers}
