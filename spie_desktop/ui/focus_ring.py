"""The focus ring every control draws when it has the keyboard: ``FOCUS_WIDTH`` px in the
theme's focus colour, and on the high-contrast black an edge around fields, boxes and
buttons the platform would draw black on black."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QTextEdit,
    QWidget,
)

FOCUS_WIDTH = 2  # px: the ring around the focused control


class FocusRingStyle(QProxyStyle):
    """The platform's style, with a ring ``FOCUS_WIDTH`` px wide in the theme's focus colour
    around the focused control: buttons, boxes, fields and lists alike. ``ring`` gives the
    theme's focus colour, ``edge`` the edge drawn around unfocused fields (``None``: the
    platform's frame is visible enough), both asked at each paint so a theme applies live."""

    def __init__(self, key: str, ring: Callable[[], str], edge: Callable[[], str | None]) -> None:
        super().__init__(key)
        self.ring = ring
        self.edge = edge

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            self._ring(painter, option.rect)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_FrameLineEdit:
            self._edge(painter, option)

    def drawComplexControl(  # noqa: N802 (Qt override)
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            self._edge(painter, option)

    def drawControl(  # noqa: N802 (Qt override)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButtonBevel:
            self._edge(painter, option)
        elif element == QStyle.ControlElement.CE_ShapedFrame and isinstance(
            widget, QPlainTextEdit | QTextEdit
        ):
            self._edge(painter, option)  # a notes box: its frame is no line edit's

    def _edge(self, painter: QPainter, option: QStyleOption) -> None:
        """The ring on a focused field, box or button; on black, a light edge on the others
        (the platform draws their frames in shades of the window colour: black on black)."""
        edge = self.edge()
        if option.state & QStyle.StateFlag.State_HasFocus:
            self._ring(painter, option.rect)
        elif edge is not None:
            painter.save()
            painter.setPen(QColor(edge))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()

    def _ring(self, painter: QPainter, rect: QRect) -> None:
        painter.save()
        pen = QPen(QColor(self.ring()))
        pen.setWidth(FOCUS_WIDTH)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = FOCUS_WIDTH // 2
        painter.drawRect(rect.adjusted(half, half, -half, -half))
        painter.restore()
