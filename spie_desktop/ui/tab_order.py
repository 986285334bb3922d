"""Tab in the order a person reads the screen: a container's controls in the order of its
layouts (top to bottom, then left to right inside a row), nested boxes included. Qt's own
order is the order of creation, so controls built later (an objective added to a plan) came
after the whole window and Tab left the page before reaching them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return bool(policy.value & Qt.FocusPolicy.TabFocus.value)


def _walk_layout(layout: QLayout, found: list[QWidget]) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        child = item.widget()
        if child is not None:
            _walk_widget(child, found)
        elif item.layout() is not None:
            _walk_layout(item.layout(), found)


def _walk_widget(widget: QWidget, found: list[QWidget]) -> None:
    if widget.isHidden():
        return
    if widget.focusProxy() is not None:  # a compound field: Qt moves it as a whole
        found.append(widget)
        return
    if _takes_tab(widget):
        found.append(widget)
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        return  # their line edit is part of them
    layout = widget.layout()
    if layout is not None:
        _walk_layout(layout, found)


def reading_order(root: QWidget) -> list[QWidget]:
    """The controls under ``root`` that Tab stops on, in the order they are laid out."""
    found: list[QWidget] = []
    layout = root.layout()
    if layout is not None:
        _walk_layout(layout, found)
    return found


def chain_in_reading_order(root: QWidget) -> None:
    """Make Tab go through ``root``'s controls in reading order, one after the other."""
    widgets = reading_order(root)
    for before, after in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(before, after)
