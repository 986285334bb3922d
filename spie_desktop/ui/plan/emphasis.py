"""Emphasis that still follows presentation mode: only the weight is set on the widget's own
font, so its size keeps coming from the workspace (a style sheet would freeze it)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget


def bold(widget: QWidget) -> None:
    font = QFont()
    font.setBold(True)
    widget.setFont(font)
