"""A dialog's body that scrolls down, never sideways, above buttons that stay in view: with
text at 200 % a consent, an alert threshold or an erasure's warning is taller than the room
Qt gives a new window (two thirds of the screen), and was cut."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _BodyScroll(QScrollArea):
    """As tall as its body wants (Qt still keeps a new window within the screen)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        body = self.widget()
        if body is None:
            return super().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return body.sizeHint() + QSize(bar, 0)


class _Body(QWidget):
    """What scrolls. Asked for its size hint once shown, it gives the height its layout needs
    at the width it has, never at another width: QFormLayout keeps one table of row heights
    for two cached widths (its preferred one and the last asked), so Qt's usual question at
    the preferred width, asked by the scroll area between two layouts, left the next layout
    with rows sized for a wider form and its word-wrapped labels a line short or more."""

    def sizeHint(self) -> QSize:  # noqa: N802
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth() or not self.isVisible():
            return super().sizeHint()
        hint = layout.sizeHint()
        return QSize(hint.width(), layout.heightForWidth(self.width()))


def scrolling_body(dialog: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """(the body's layout, the layout under it for messages and buttons) of ``dialog``."""
    body = _Body(dialog)
    body_layout = QVBoxLayout(body)
    scroll = _BodyScroll(dialog)
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; they scroll in
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, 1)
    footer = QVBoxLayout()
    margin = body_layout.contentsMargins()
    footer.setContentsMargins(margin.left(), 0, margin.right(), margin.bottom())
    outer.addLayout(footer)
    return body_layout, footer
