"""The diagnostic step: the panes side by side in a splitter (social | professional)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from spie_desktop.forms.schema import Step

from .pane_view import PaneView
from .workspace_model import WorkspaceModel


class DiagnosticPage(QWidget):
    def __init__(self, model: WorkspaceModel, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.panes = [PaneView(model, pane, self.splitter) for pane in step.panes]
        for pane in self.panes:
            self.splitter.addWidget(pane)
        layout.addWidget(self.splitter)

    def pane_with_focus(self) -> PaneView | None:
        return next((pane for pane in self.panes if pane.contains_focus()), None)

    def reveal(self, key: str) -> bool:
        return any(pane.reveal(key) for pane in self.panes)

    def restore_scroll(self) -> None:
        for pane in self.panes:
            pane.restore_scroll()

    def focus_first(self) -> None:
        if self.panes:
            self.panes[0].focus_pane()
