"""Barriers by theme as a horizontal bar chart, drawn with QPainter (no QtCharts).

One row per theme, in definition order: the theme's label, then a bar 0–3 (none, light,
strong, blocking) with the weight written after it. "Non abordé" is a hatched grey band,
"not yet assessed" an empty row. The same content is given as text (tooltip, accessible
description) for screen readers and for tests.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from spie_desktop.forms import BarrierWeight, ThemeBarrier

from ..i18n import tr
from .weights import COLOURS, SCALE, SHORT_LABELS

MAX_SCALE = 3


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
        super().changeEvent(event)

    def columns(self) -> list[list[ThemeBarrier]]:
        """One column per pane (social | professional), like the panes above."""
        by_pane: dict[str, list[ThemeBarrier]] = {}
        for barrier in self.barriers:
            by_pane.setdefault(barrier.pane, []).append(barrier)
        return list(by_pane.values())

    def sizeHint(self) -> QSize:  # noqa: N802
        longest = max((len(c) for c in self.columns()), default=1)
        return QSize(640, max(60, self._row_height() * longest))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, self.sizeHint().height())

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 2

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        columns = self.columns()
        if not columns:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width() / len(columns)
        for index, column in enumerate(columns):
            self._paint_column(painter, column, QRectF(index * width, 0, width - 12, self.height()))
        painter.end()

    def _paint_column(self, painter: QPainter, column: list[ThemeBarrier], area: QRectF) -> None:
        metrics = self.fontMetrics()
        row_h = min(float(self._row_height()), area.height() / len(column))
        label_w = min(
            max(metrics.horizontalAdvance(b.label) for b in column) + 8, area.width() * 0.45
        )
        value_w = metrics.horizontalAdvance(tr("Non abordé")) + 8
        bar_w = max(area.width() - label_w - value_w, 20)
        text_colour = self.palette().windowText().color()
        left = area.left()
        for index, barrier in enumerate(column):
            weight = barrier.weight
            top = area.top() + index * row_h
            painter.setPen(text_colour)
            label_rect = QRectF(left, top, label_w - 6, row_h)
            elided = metrics.elidedText(
                barrier.label, Qt.TextElideMode.ElideRight, int(label_rect.width())
            )
            right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
            painter.drawText(label_rect, right, elided)
            band = QRectF(left + label_w, top + row_h * 0.2, bar_w, row_h * 0.6)
            painter.setPen(QPen(QColor("#d5dae0")))
            painter.drawRect(band)
            if weight is BarrierWeight.NOT_DISCUSSED:
                painter.fillRect(band, QBrush(COLOURS[weight], Qt.BrushStyle.BDiagPattern))
            elif weight is not None and SCALE[weight]:
                length = bar_w * SCALE[weight] / MAX_SCALE
                painter.fillRect(
                    QRectF(band.left(), band.top(), length, band.height()), COLOURS[weight]
                )
            elif weight is BarrierWeight.NONE:
                painter.fillRect(QRectF(band.left(), band.top(), 3, band.height()), COLOURS[weight])
            painter.setPen(text_colour)
            value = SHORT_LABELS[weight] if weight else "—"
            left_align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            painter.drawText(
                QRectF(left + label_w + bar_w + 6, top, value_w, row_h), left_align, value
            )
