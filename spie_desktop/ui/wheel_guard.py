"""The mouse wheel scrolls pages; it changes a value only in the control being worked on.

A page scrolled with the wheel used to change every drop-down, spin box, date or slider that
passed under the pointer, and the autosave kept the change: a signed plan held an objective
nobody chose. :class:`WheelGuard`, one event filter on the application (see
:func:`install_wheel_guard`), gives a wheel event aimed at such a control without keyboard
focus to the scroll area around it instead, so the page scrolls and the value stays. A
control that has focus (clicked, or reached with Tab) still takes the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QSlider,
    QWidget,
)

#: Controls whose value the wheel changes.
GUARDED = (QComboBox, QAbstractSpinBox, QSlider)


class WheelGuard(QObject):
    """Application-wide filter: wheel events on unfocused value controls scroll the page."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(watched, GUARDED):
            return False
        kind = event.type()
        if kind == QEvent.Type.Polish:
            _no_wheel_focus(watched)
            return False
        if kind != QEvent.Type.Wheel or watched.hasFocus():
            return False
        assert isinstance(event, QWheelEvent)
        _scroll_enclosing_area(watched, event)
        return True  # never delivered to the control: its value stays


def install_wheel_guard(app: QCoreApplication) -> WheelGuard:
    """Install the guard on ``app``, once: a second call returns the one installed."""
    existing = app.findChild(WheelGuard)
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    return guard


def _no_wheel_focus(widget: QWidget) -> None:
    """Qt gives a spontaneous wheel event's focus to a control whose policy includes wheel
    focus before any filter sees it: such a control would then look focused and take it."""
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def _scroll_enclosing_area(widget: QWidget, event: QWheelEvent) -> None:
    area = _enclosing_scroll_area(widget)
    if area is None:
        return
    viewport = area.viewport()
    relay = QWheelEvent(
        viewport.mapFromGlobal(event.globalPosition()),
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
        event.source(),
    )
    QCoreApplication.sendEvent(viewport, relay)


def _enclosing_scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None
