"""Small widgets that tell people what is happening: an in-place message, a busy bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from .theme import current


def error_style() -> str:
    """An error's words in the theme's colour (readable at 4.5:1, 7:1 in high contrast)."""
    return f"color: {current().error};"


class InlineMessage(QLabel):
    """A message shown next to what it is about; hidden when empty."""

    def __init__(self, parent: QWidget | None = None, *, error: bool = True) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(error_style() if error else f"color: {current().note};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class BusyIndicator(QWidget):
    """An indeterminate bar with a line saying what is being done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(160)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)
        self.setVisible(False)

    def start(self, text: str) -> None:
        """Say what is being done; the bar moves without measuring (see :meth:`show_percent`)."""
        self.label.setText(text)
        self.bar.setRange(0, 0)
        self.setVisible(True)

    def show_percent(self, percent: int | None) -> None:
        """Fill the bar to ``percent`` (None: keep it moving without a measure)."""
        if percent is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(percent)

    def stop(self) -> None:
        self.setVisible(False)
