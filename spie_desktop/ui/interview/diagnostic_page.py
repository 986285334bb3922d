"""The diagnostic step: the panes side by side (social | professional), sharing the width
evenly whatever their content: their texts wrap, so neither needs more than its half."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from spie_desktop.forms.schema import Step

from .pane_view import PaneView
from .workspace_model import WorkspaceModel


class DiagnosticPage(QWidget):
    def __init__(self, model: WorkspaceModel, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panes = [PaneView(model, pane, self) for pane in step.panes]
        for pane in self.panes:
            # Ignored: a pane's preferred width (its longest line unwrapped) never claims
            # more than its share.
            pane.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(pane, 1)

    def pane_with_focus(self) -> PaneView | None:
        return next((pane for pane in self.panes if pane.contains_focus()), None)

    def reveal(self, key: str) -> bool:
        return any(pane.reveal(key) for pane in self.panes)

    def restore_scroll(self) -> None:
        for pane in self.panes:
            pane.restore_scroll()

    def focus_first(self) -> bool:
        """Focus the social pane's theme last worked on; ``False`` with no pane."""
        if not self.panes:
            return False
        self.panes[0].focus_pane()
        return True
