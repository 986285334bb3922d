"""A drop-down as wide as the choice it shows, in the current font: large text widens it
instead of cutting « Toutes les thématiques » to « Toutes les thé… ». Meant for a row that
wraps (a flow layout): the row takes another line rather than the choice losing letters."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QWidget


class ChoiceCombo(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _index: self.updateGeometry())

    def _fitted(self, floor: QSize) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = self.fontMetrics().horizontalAdvance(self.currentText())
        contents = QSize(text, self.fontMetrics().height())
        style = self.style()
        wanted = style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self)
        return QSize(max(floor.width(), wanted.width()), floor.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._fitted(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self._fitted(super().minimumSizeHint())
