"""One indicator's bar chart, drawn with QPainter: its name, its unit on the value axis,
a bar per month, structure or category with its value written on it, and the axis named
below. The tooltip says how the figure is computed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from spie_desktop.services.indicators import Breakdown, Series
from spie_protocol.indicators.facts import SCALE

from .i18n import tr
from .indicator_texts import category_label, month_label, short_month_label, value_text
from .theme import current

#: The theme's chart series each kind of indicator is drawn in.
SERIES = {
    "count": "chart_primary",
    "median": "chart_secondary",
    "share": "chart_tertiary",
    "mean": "chart_quaternary",
}
AXIS_NAMES = {
    "theme": "Thème",
    "status": "Statut de l'action",
    "thematique": "Thématique de l'offre",
    "step": "Moment de l'évaluation",
    "question": "Question",
}
BAR_AREA_PX = 110


def series_colour(kind: str) -> QColor:
    """The bars' colour of an indicator of this kind, in the current theme."""
    return QColor(getattr(current(), SERIES.get(kind, SERIES["count"])))


class IndicatorChart(QWidget):
    def __init__(self, series: Series, breakdown: Breakdown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        self.breakdown = breakdown
        #: The months are too many for « oct. 2026 » under each bar: « oct. » is written.
        self._short = False
        definition = series.definition
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr(definition.label))
        self.setToolTip(f"<b>{tr(definition.label)}</b><br>{tr(definition.how)}")
        self.setAccessibleDescription(self.describe())

    @property
    def horizontal(self) -> bool:
        """Categories are drawn as horizontal bars: their names are read whole on the left."""
        return bool(self.series.definition.categories)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        if self.horizontal:
            rows = max(len(self.series.bars), 1)
            return QSize(520, max(BAR_AREA_PX + 4 * line + 16, (rows + 3) * (line + 6) + 8))
        return QSize(520, BAR_AREA_PX + 4 * line + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def bar_labels(self) -> list[str]:
        kind = self.series.definition.categories
        if kind:
            return [category_label(kind, label) for label, _, _ in self.series.bars]
        if self.breakdown is Breakdown.MONTH:
            return [month_label(label) for label, _, _ in self.series.bars]
        return [label for label, _, _ in self.series.bars]

    def axis_name(self) -> str:
        kind = self.series.definition.categories
        if kind:
            return tr(AXIS_NAMES.get(kind, kind))
        if self.breakdown is Breakdown.STRUCTURE:
            return tr("Structure")
        if not self._short:
            return tr("Mois")
        years = sorted({month[:4] for month, _, _ in self.series.bars})
        return tr("Mois ({years})", years=" – ".join(dict.fromkeys([years[0], years[-1]])))

    def describe(self) -> str:
        """The chart in words (screen readers; the table holds every cell)."""
        unit = self.series.definition.unit
        parts = [
            f"{label} : {value_text(value, unit)}"
            for label, (_, value, _) in zip(self.bar_labels(), self.series.bars, strict=True)
        ]
        return "; ".join(parts) or tr("Aucune valeur")

    def paintEvent(self, _event: QPaintEvent) -> None:
        definition = self.series.definition
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().windowText().color()
        muted = self.palette().placeholderText().color()
        metrics = painter.fontMetrics()
        line = metrics.height()
        width, height = float(self.width()), float(self.height())
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        title = metrics.elidedText(tr(definition.label), Qt.TextElideMode.ElideRight, int(width))
        painter.drawText(QRectF(0, 0, width, line), title)
        painter.setFont(self.font())
        painter.setPen(muted)
        painter.drawText(QRectF(0, line, width, line), tr("en {unit}", unit=tr(definition.unit)))
        if self.horizontal:
            self._paint_horizontal(painter, metrics, line, width, height, text_colour, muted)
            painter.end()
            return
        plot = QRectF(8, 2 * line + line + 4, width - 16, height - 5 * line - 8)
        baseline = plot.bottom()
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline))
        bars = self.series.bars
        labels = self.bar_labels()
        slot_px = plot.width() / max(len(bars), 1)
        self._short = (
            self.breakdown is Breakdown.MONTH
            and not definition.categories
            and any(metrics.horizontalAdvance(label) > slot_px - 4 for label in labels)
        )
        if self._short:  # « oct. » under each bar, the years under the axis
            labels = [short_month_label(month) for month, _, _ in bars]
            if any(metrics.horizontalAdvance(label) > slot_px - 4 for label in labels):
                labels = [label[:1].upper() for label in labels]  # J F M A M J J A S O N D
        painter.setPen(text_colour)
        if not bars:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, tr("Aucune valeur"))
            self._axis(painter, width, height, line, muted)
            painter.end()
            return
        top = self._scale_top()
        slot = plot.width() / len(bars)
        colour = series_colour(definition.kind)
        for i, ((_, value, _), label) in enumerate(zip(bars, labels, strict=True)):
            x = plot.left() + i * slot
            bar_width = min(slot * 0.7, 64.0)
            left = x + (slot - bar_width) / 2
            h = 0.0 if value is None else plot.height() * value / top
            if h:
                painter.fillRect(QRectF(left, baseline - h, bar_width, h), colour)
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x, baseline - h - line - 1, slot, line),
                Qt.AlignmentFlag.AlignCenter,
                value_text(value, definition.unit),
            )
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            painter.drawText(
                QRectF(x, baseline + 2, slot, line), Qt.AlignmentFlag.AlignCenter, shown
            )
        self._axis(painter, width, height, line, muted)
        painter.end()

    def _paint_horizontal(
        self,
        painter: QPainter,
        metrics: QFontMetrics,
        line: int,
        width: float,
        height: float,
        text_colour: QColor,
        muted: QColor,
    ) -> None:
        """One row per category: its name, its bar, its value at the bar's end."""
        definition = self.series.definition
        bars = self.series.bars
        labels = self.bar_labels()
        top_y = 2 * line + 8
        if not bars:
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, top_y, width, height - top_y - line - 4),
                Qt.AlignmentFlag.AlignCenter,
                tr("Aucune valeur"),
            )
            self._axis(painter, width, height, line, muted)
            return
        label_width = min(max(metrics.horizontalAdvance(t) for t in labels) + 8, width * 0.45)
        value_width = metrics.horizontalAdvance("000,0 %") + 8
        left = 8 + label_width
        room = max(width - left - value_width - 8, 10.0)
        top = self._scale_top()
        row = line + 6
        colour = series_colour(definition.kind)
        painter.setPen(QPen(muted, 1))
        painter.drawLine(QPointF(left, top_y), QPointF(left, top_y + row * len(bars)))
        for i, ((_, value, _), label) in enumerate(zip(bars, labels, strict=True)):
            y = top_y + i * row
            painter.setPen(text_colour)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 8)
            painter.drawText(
                QRectF(8, y, label_width - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            length = 0.0 if value is None else room * value / top
            if length:
                painter.fillRect(QRectF(left + 1, y + 3, length, row - 6), colour)
            painter.drawText(
                QRectF(left + length + 6, y, value_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                value_text(value, definition.unit),
            )
        painter.setPen(muted)  # the axis named right under its rows
        painter.drawText(
            QRectF(left, top_y + row * len(bars) + 2, room, line),
            Qt.AlignmentFlag.AlignLeft,
            self.axis_name(),
        )

    def _scale_top(self) -> float:
        """The value a full bar stands for: 100 % for a share, 4 for a mean score (so bars
        compare across charts), else the largest value."""
        kind = self.series.definition.kind
        if kind == "share":
            return 100.0
        if kind == "mean":
            return float(max(SCALE))
        return max([v for _, v, _ in self.series.bars if v is not None] + [1.0])

    def _axis(
        self, painter: QPainter, width: float, height: float, line: int, muted: QColor
    ) -> None:
        painter.setPen(muted)
        painter.drawText(
            QRectF(0, height - line - 2, width, line),
            Qt.AlignmentFlag.AlignCenter,
            self.axis_name(),
        )
