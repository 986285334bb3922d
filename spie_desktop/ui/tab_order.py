"""Tab in the order a person reads the screen: a container's controls in the order of its
layouts (top to bottom, then left to right inside a row), nested boxes included. Qt's own
order is the order of creation, so controls built later (an objective added to a plan) came
after the whole window and Tab left the page before reaching them. (Chaining them with
``QWidget.setTabOrder`` instead made loops with compound fields and their focus proxies.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLayout, QWidget


def _takes_tab(widget: QWidget) -> bool:
    policy = widget.focusPolicy()
    return bool(policy.value & Qt.FocusPolicy.TabFocus.value)


def _walk_layout(layout: QLayout, found: list[QWidget]) -> None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        child, inner = item.widget(), item.layout()
        if child is not None:
            _walk_widget(child, found)
        elif inner is not None:
            _walk_layout(inner, found)


def _walk_widget(widget: QWidget, found: list[QWidget]) -> None:
    if widget.isHidden():
        return
    proxy = widget.focusProxy()
    if proxy is not None:  # a compound field: Tab stops on what it shows
        while (further := proxy.focusProxy()) is not None:
            proxy = further
        found.append(proxy)
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


class ReadingOrderColumn(QWidget):
    """A column whose Tab and Shift+Tab go through its controls in reading order, whatever
    order they were made in (Qt's focus chain is left alone: past the last control, or before
    the first, Tab goes on as Qt would)."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002, N802
        stops = [w for w in reading_order(self) if w.isEnabled() and w.isVisible()]
        current = QApplication.focusWidget()
        if current in stops:
            index = stops.index(current) + (1 if next else -1)
            if 0 <= index < len(stops):
                reason = (
                    Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                )
                stops[index].setFocus(reason)
                return True
        return super().focusNextPrevChild(next)
