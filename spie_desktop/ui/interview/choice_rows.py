"""Choices whose labels wrap, and a row of short choices that flows onto the next line.

A ``QCheckBox`` or ``QRadioButton`` never wraps its text: in a half-width pane a long
situation ("Français Langue Étrangère (FLE) : non maîtrise…") would be cut, and its width
would push the whole pane wider than the screen. Here the button shows only its box and a
word-wrapped label beside it reads the text; clicking the label clicks the button.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QWidget,
)


class ClickableLabel(QLabel):
    """A wrapped label that clicks its button (a choice's box, a theme's header)."""

    def __init__(self, text: str, button: QAbstractButton, parent: QWidget) -> None:
        super().__init__(text, parent)
        self._button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Never taller than its wrapped text: spare height stays below the choices.
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:  # noqa: N802
        """The text on one line if it can be: Qt's guess for a wrapped label is two lines
        for a short text, which left gaps between the choices."""
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + 1
        width += margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._button.isEnabled():
            self._button.setFocus(Qt.FocusReason.MouseFocusReason)
            self._button.click()
        super().mouseReleaseEvent(event)


class WrappedChoice(QWidget):
    """A check box or radio button (its box only) and its label, wrapped."""

    def __init__(self, button: QAbstractButton, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = button
        button.setParent(self)
        button.setAccessibleName(text)
        self.label = ClickableLabel(text, button, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        self.setSizePolicy(self.label.sizePolicy())

    def text(self) -> str:
        return self.label.text()
