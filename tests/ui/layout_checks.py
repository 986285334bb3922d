"""Geometry checks for the layout tests: what a person would see cut, hidden or overlapping.

Computed from widget geometries and font metrics, never from pixels:

* a label without word wrap whose text is wider than its contents, a wrapped label whose text
  needs more height than it has, a button or check box narrower than its text needs;
* a widget sticking out of its parent sideways (clipped: scroll areas only scroll vertically);
* two visible siblings that overlap.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QScrollArea,
    QScrollBar,
    QSplitter,
    QSplitterHandle,
    QStackedWidget,
    QWidget,
)

from spie_desktop.ui.elided_label import ElidedLabel

SLACK = 1  # px of rounding


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}({shown!r})"


def _children(widget: QWidget) -> list[QWidget]:
    """The visible children a person sees as separate things (not a control's own parts)."""
    if isinstance(widget, QStackedWidget):
        current = widget.currentWidget()
        return [current] if current is not None and current.isVisible() else []
    if isinstance(widget, QScrollArea):
        inner = widget.widget()
        return [inner] if inner is not None and inner.isVisible() else []
    if isinstance(widget, QAbstractScrollArea | QAbstractButton | QComboBox | QLabel):
        return []
    if type(widget).__module__.startswith("PySide6") or isinstance(widget, QWidget):
        return [
            child
            for child in widget.findChildren(QWidget, options=_direct())
            if child.isVisible() and not child.isWindow()
        ]
    return []


def _direct() -> object:
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def _text_problem(widget: QWidget) -> str | None:
    if isinstance(widget, ElidedLabel):
        return f"{_name(widget)} is elided" if widget.is_elided() else None
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        inner = widget.contentsRect()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + SLACK:
                return f"{_name(widget)} needs {needed} px of height, has {widget.height()}"
            return None
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        if widget.buddy() is None:
            plain = text
        metrics = widget.fontMetrics()
        wide = max(metrics.horizontalAdvance(line) for line in plain.split("\n"))
        if wide > inner.width() + SLACK:
            return f"{_name(widget)} needs {wide} px, has {inner.width()}"
        return None
    if isinstance(widget, QAbstractButton | QComboBox) and not isinstance(widget, QScrollBar):
        needed = widget.minimumSizeHint().width()
        if isinstance(widget, QAbstractButton) and widget.text():
            needed = max(needed, widget.sizeHint().width())
        if needed > widget.width() + SLACK:
            return f"{_name(widget)} needs {needed} px, has {widget.width()}"
    return None


def layout_problems(root: QWidget) -> list[str]:
    """Everything cut, clipped or overlapping under ``root`` (visible widgets only)."""
    problems: list[str] = []
    pending = [root]
    while pending:
        widget = pending.pop()
        text = _text_problem(widget)
        if text:
            problems.append(text)
        children = _children(widget)
        for child in children:
            geometry = child.geometry()
            inside = widget.rect() if not isinstance(widget, QScrollArea) else None
            if isinstance(widget, QScrollArea):
                viewport = widget.viewport().rect()
                if geometry.width() > viewport.width() + SLACK:
                    problems.append(
                        f"{_name(child)} is {geometry.width()} px wide in a "
                        f"{viewport.width()} px scroll area: its right side is cut"
                    )
            elif inside is not None and (
                geometry.left() < -SLACK or geometry.right() > inside.right() + SLACK
            ):
                problems.append(
                    f"{_name(child)} sticks out of {_name(widget)} "
                    f"({geometry.left()}..{geometry.right()} in 0..{inside.right()})"
                )
        siblings = [
            c for c in children if not isinstance(c, QSplitterHandle | QScrollBar | QSplitter)
        ]
        siblings += [c for c in children if isinstance(c, QSplitter)]
        for index, first in enumerate(siblings):
            for second in siblings[index + 1 :]:
                overlap = first.geometry().intersected(second.geometry())
                if overlap.width() > SLACK and overlap.height() > SLACK:
                    problems.append(f"{_name(first)} overlaps {_name(second)}")
        pending.extend(children)
    return problems


def settled(problems: Callable[[], list[str]], timeout_s: float = 10.0) -> list[str]:
    """``problems()`` once the layouts have run: asked again after each turn of the event
    loop until it finds nothing or ``timeout_s`` has passed; its last answer.

    A wrapped label gets its height over several turns of the event loop; a fixed wait
    (``qtbot.wait(50)``) is enough on a quiet machine and too short on a loaded one, where it
    failed tests whose layout was right. A layout that stays wrong is still reported.
    """
    deadline = time.monotonic() + timeout_s
    found = problems()
    while found and time.monotonic() < deadline:
        QApplication.sendPostedEvents()
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        found = problems()
    return found
