"""Barriers by theme as a horizontal bar chart, drawn with QPainter (no QtCharts).

One column per pane, one row per theme, in definition order: the theme's label (whole: the
label column is as wide as the longest label in the current font), then a bar 0–3 (none, light,
strong, blocking) with the weight written after it. "Non abordé" is a hatched grey band,
"not yet assessed" an empty row. The same content is given as text (tooltip, accessible
description) for screen readers and for tests.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from spie_desktop.forms import BarrierWeight, ThemeBarrier

from ..i18n import tr
from ..theme import current
from .weights import SCALE, SHORT_LABELS, weight_colour

MAX_SCALE = 3
LABEL_GAP = 8  # between a label and its bar
COLUMN_GAP = 12  # between the social and the professional column
MIN_BAR = 40  # px: a bar still reads as "a third / two thirds / full"
PREFERRED_BAR = 96


class ColumnLayout(NamedTuple):
    barriers: list[ThemeBarrier]
    left: float
    label_w: float  # the longest label's width, gap included
    bar_w: float
    value_w: float

    @property
    def width(self) -> float:
        return self.label_w + self.bar_w + self.value_w


class BarrierChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.barriers: tuple[ThemeBarrier, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(tr("Freins par thème"))

    def set_barriers(self, barriers: tuple[ThemeBarrier, ...]) -> None:
        if barriers == self.barriers:
            return
        self.barriers = barriers
        text = self.describe()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        height = self.sizeHint().height()
        if height != self.minimumHeight():  # every theme readable, never squeezed
            self.setMinimumHeight(height)
        self.updateGeometry()  # the labels' width may have changed too
        self.update()

    def rows(self) -> list[tuple[str, BarrierWeight | None, str]]:
        """(theme label, weight, weight label) per theme: what the chart shows."""
        return [
            (b.label, b.weight, SHORT_LABELS[b.weight] if b.weight else tr("à évaluer"))
            for b in self.barriers
        ]

    def describe(self) -> str:
        return "\n".join(f"{label} : {weight}" for label, _w, weight in self.rows())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.FontChange:  # presentation mode: rows grow with the text
            self.setMinimumHeight(self.sizeHint().height())
            self.updateGeometry()
        super().changeEvent(event)

    def columns(self) -> list[list[ThemeBarrier]]:
        """One column per pane (social | professional), like the panes above."""
        by_pane: dict[str, list[ThemeBarrier]] = {}
        for barrier in self.barriers:
            by_pane.setdefault(barrier.pane, []).append(barrier)
        return list(by_pane.values())

    # -- geometry: every label whole, the bars take what is left ----------------------------

    def _label_width(self, column: list[ThemeBarrier]) -> int:
        """The width of the column's longest label in the current font, plus a gap."""
        metrics = QFontMetricsF(self.font())  # fractional advances: rounding cut a letter
        return math.ceil(max(metrics.horizontalAdvance(b.label) for b in column)) + LABEL_GAP

    def _shown_label(self, label: str, width: float) -> str:
        """The label as painted in ``width``: whole, unless the chart is below its minimum."""
        return self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, math.ceil(width))

    def _value_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(t) for t in (*SHORT_LABELS.values(), "—")) + 8

    def _width_for(self, bar_width: int) -> int:
        columns = self.columns()
        fixed = sum(self._label_width(c) + self._value_width() + COLUMN_GAP for c in columns)
        return fixed + bar_width * len(columns)

    def column_layout(self) -> list[ColumnLayout]:
        """Where each column goes at the current width: label, bar and value widths."""
        columns = self.columns()
        if not columns:
            return []
        value_w = self._value_width()
        label_ws = [self._label_width(c) for c in columns]
        fixed = sum(label_ws) + (value_w + COLUMN_GAP) * len(columns)
        bar_w = max(float(MIN_BAR), (self.width() - fixed) / len(columns))
        placed, left = [], 0.0
        for column, label_w in zip(columns, label_ws, strict=True):
            width = label_w + bar_w + value_w
            placed.append(ColumnLayout(column, left, float(label_w), bar_w, float(value_w)))
            left += width + COLUMN_GAP
        return placed

    def elided_labels(self) -> list[str]:
        """The theme labels that do not fit whole at the current width (none, normally)."""
        return [
            b.label
            for placed in self.column_layout()
            for b in placed.barriers
            if self._shown_label(b.label, placed.label_w - LABEL_GAP) != b.label
            or placed.left + placed.label_w - LABEL_GAP > self.width() + 0.5
        ]

    def sizeHint(self) -> QSize:  # noqa: N802
        longest = max((len(c) for c in self.columns()), default=1)
        width = self._width_for(PREFERRED_BAR) if self.barriers else 640
        return QSize(width, max(60, self._row_height() * longest))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        width = self._width_for(MIN_BAR) if self.barriers else 320
        return QSize(width, self.sizeHint().height())

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 2

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        placed = self.column_layout()
        if not placed:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for column in placed:
            self._paint_column(painter, column)
        painter.end()

    def _paint_column(self, painter: QPainter, placed: ColumnLayout) -> None:
        column = placed.barriers
        row_h = min(float(self._row_height()), self.height() / len(column))
        label_w, bar_w, value_w = placed.label_w, placed.bar_w, placed.value_w
        text_colour = self.palette().windowText().color()
        left = placed.left
        for index, barrier in enumerate(column):
            weight = barrier.weight
            top = index * row_h
            painter.setPen(text_colour)
            label_rect = QRectF(left, top, label_w - LABEL_GAP, row_h)
            right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
            painter.drawText(
                label_rect, right, self._shown_label(barrier.label, label_w - LABEL_GAP)
            )
            band = QRectF(left + label_w, top + row_h * 0.2, bar_w, row_h * 0.6)
            painter.setPen(QPen(QColor(current().grid_line)))
            painter.drawRect(band)
            if weight is BarrierWeight.NOT_DISCUSSED:
                painter.fillRect(band, QBrush(weight_colour(weight), Qt.BrushStyle.BDiagPattern))
            elif weight is not None and SCALE[weight]:
                length = bar_w * SCALE[weight] / MAX_SCALE
                painter.fillRect(
                    QRectF(band.left(), band.top(), length, band.height()), weight_colour(weight)
                )
            elif weight is BarrierWeight.NONE:
                painter.fillRect(
                    QRectF(band.left(), band.top(), 3, band.height()), weight_colour(weight)
                )
            painter.setPen(text_colour)
            value = SHORT_LABELS[weight] if weight else "—"
            left_align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(
                QRectF(left + label_w + bar_w + 6, top, value_w, row_h), left_align, value
            )
