"""A row that becomes a column when the room is too narrow for it: two group boxes side by
side at 100 % text, one under the other at 200 % (a page scrolls down, never sideways)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayoutItem, QSplitter, QWidget

MIN_SPACING = 6  # px between items when the style says nothing


class ReflowBox(QBoxLayout):
    """Left to right when the width holds every item at its minimum, else top to bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight, parent)

    def _shown(self) -> list[QLayoutItem]:
        items = (self.itemAt(index) for index in range(self.count()))
        return [item for item in items if item is not None and not item.isEmpty()]

    def _margins(self) -> int:
        margins = self.contentsMargins()
        return margins.left() + margins.right()

    def side_by_side_width(self) -> int:
        shown = self._shown()
        gaps = max(self.spacing(), MIN_SPACING) * max(len(shown) - 1, 0)
        return sum(item.minimumSize().width() for item in shown) + gaps + self._margins()

    def minimumSize(self) -> QSize:  # noqa: N802
        narrowest = max((item.minimumSize().width() for item in self._shown()), default=0)
        return QSize(narrowest + self._margins(), super().minimumSize().height())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        wide = rect.width() >= self.side_by_side_width()
        wanted = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.direction() != wanted:
            self.setDirection(wanted)
        super().setGeometry(rect)


class ReflowSplitter(QSplitter):
    """A splitter side by side when the width holds both panes at their minimum, one above
    the other when not (text at 200 %): never a page wider than the window."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        panes = [self.widget(index) for index in range(self.count())]
        widths = [pane.minimumSizeHint().width() for pane in panes if pane is not None]
        hint = super().minimumSizeHint()
        return QSize(max(widths, default=0), hint.height())

    def side_by_side_width(self) -> int:
        panes = [self.widget(index) for index in range(self.count())]
        widths = [pane.minimumSizeHint().width() for pane in panes if pane is not None]
        return sum(widths) + self.handleWidth() * max(len(widths) - 1, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        wide = event.size().width() >= self.side_by_side_width()
        wanted = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.orientation() != wanted:
            self.setOrientation(wanted)
            self.updateGeometry()
        super().resizeEvent(event)
