"""Bold, underlined or coloured text that still follows presentation mode.

A style sheet freezes a widget's font (on buttons at least): the workspace's larger font
would no longer reach it. Setting only the weight or underline on the widget's own font, and
colours through its palette, keeps the size inherited from the workspace.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from ..theme import current


def make_bold(widget: QWidget) -> QWidget:
    font = QFont()
    font.setBold(True)  # only the weight is resolved: size and family still come from parents
    widget.setFont(font)
    return widget


def make_link(widget: QWidget) -> QWidget:
    font = QFont()
    font.setUnderline(True)
    widget.setFont(font)
    set_text_colour(widget, current().accent_text)
    return widget


def set_text_colour(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


def set_text(widget: QLabel | QAbstractButton, text: str) -> None:
    """Change a text only if it differs: each change relays out the window (word wrap)."""
    if widget.text() != text:
        widget.setText(text)
