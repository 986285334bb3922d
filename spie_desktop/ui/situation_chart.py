"""The summary strip's small chart: people without contact for 30/60/90 days (bars), and
the monthly trend of people oriented and back in work (two lines), drawn with QPainter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .i18n import tr
from .theme import current

if TYPE_CHECKING:
    from spie_desktop.domain.situation_summary import Summary


def series_pens() -> tuple[QPen, QPen]:
    """« orientées » solid, « en emploi » dashed: the two lines differ without the colour."""
    oriented, in_work = QColor(current().chart_primary), QColor(current().chart_tertiary)
    dashed = QPen(in_work, 2)
    dashed.setStyle(Qt.PenStyle.DashLine)
    return QPen(oriented, 2), dashed


MONTHS_FR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


LABEL_GAP = 8  # px at least between two month names


class SituationChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: Summary | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Graphique du point de situation"))

    def sizeHint(self) -> QSize:
        return QSize(560, 110)

    def minimumSizeHint(self) -> QSize:
        return QSize(420, 110)

    def set_summary(self, summary: Summary | None) -> None:
        self.summary = summary
        self.setToolTip(self._describe())
        self.update()

    def _describe(self) -> str:
        s = self.summary
        if s is None:
            return ""
        counts = ", ".join(
            tr("{n} depuis {d} jours", n=s.without_contact[d], d=d)
            for d in sorted(s.without_contact)
        )
        return tr("Sans contact : {counts}", counts=counts)

    def _left_width(self) -> float:
        return min(220.0, self.width() * 0.4)

    def _trend_area(self) -> QRectF:
        line = self.fontMetrics().height()
        left = self._left_width()
        bar_bottom = self.height() - line - 2
        return QRectF(left + 24, line + 4, self.width() - left - 48, bar_bottom - line - 4)

    def month_labels(self) -> list[tuple[str, QRectF]]:
        """The months written under the trend and where: every month when their names fit
        side by side, else every 2nd, 3rd… (the last month always), from the font's
        measures, so that large text thins them instead of writing one over the other."""
        trend = self.summary.trend if self.summary is not None else ()
        area = self._trend_area()
        if len(trend) < 2 or area.width() < 40:
            return []
        metrics = self.fontMetrics()
        names = [MONTHS_FR[m.month.month - 1] for m in trend]
        widest = max(metrics.horizontalAdvance(name) for name in names) + LABEL_GAP
        step = area.width() / (len(trend) - 1)
        stride = next(n for n in range(1, len(trend) + 1) if n * step >= widest)
        top = self.height() - metrics.height()
        return [
            (name, QRectF(area.x() + i * step - widest / 2, top, widest, metrics.height()))
            for i, name in enumerate(names)
            if (len(trend) - 1 - i) % stride == 0
        ]

    def paintEvent(self, _event: QPaintEvent) -> None:
        s = self.summary
        if s is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        text_colour = self.palette().windowText().color()
        height = self.height()
        # -- left: without contact for 30/60/90 days ------------------------------------------
        left = QRectF(0, 0, self._left_width(), height)
        painter.setPen(text_colour)
        painter.drawText(QRectF(left.x(), 0, left.width(), line), tr("Sans contact depuis…"))
        days = sorted(s.without_contact)
        most = max([s.without_contact[d] for d in days] + [1])
        bar_top, bar_bottom = line + 4, height - line - 2
        slot = left.width() / max(len(days), 1)
        for i, d in enumerate(days):
            n = s.without_contact[d]
            h = (bar_bottom - bar_top - line) * n / most
            x = left.x() + i * slot + slot * 0.2
            painter.fillRect(
                QRectF(x, bar_bottom - h, slot * 0.6, h), QColor(current().chart_secondary)
            )
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(x - 10, bar_bottom - h - line, slot * 0.6 + 20, line),
                Qt.AlignmentFlag.AlignCenter,
                str(n),
            )
            painter.drawText(
                QRectF(x - 10, bar_bottom + 2, slot * 0.6 + 20, line),
                Qt.AlignmentFlag.AlignCenter,
                tr("{d} j", d=d),
            )
        # -- right: monthly trend ------------------------------------------------------------
        trend = s.trend
        area = self._trend_area()
        painter.setPen(text_colour)
        title = QRectF(area.x(), 0, area.width(), line)
        painter.drawText(title, tr("Par mois : "))
        offset = metrics.horizontalAdvance(tr("Par mois : "))
        pens = series_pens()
        for pen, label in zip(pens, (tr("orientées"), tr("en emploi")), strict=True):
            painter.setPen(pen)  # the legend shows the line itself, dashes included
            painter.drawLine(
                QPointF(area.x() + offset, line / 2), QPointF(area.x() + offset + 16, line / 2)
            )
            painter.setPen(text_colour)
            painter.drawText(QRectF(area.x() + offset + 20, 0, 200, line), label)
            offset += 20 + metrics.horizontalAdvance(label) + 12
        if len(trend) < 2 or area.width() < 40:
            painter.end()
            return
        top = max([max(m.oriented, m.back_in_work) for m in trend] + [1])
        step = area.width() / (len(trend) - 1)
        for series, pen in zip(
            ([m.oriented for m in trend], [m.back_in_work for m in trend]), pens, strict=True
        ):
            painter.setPen(pen)
            points = [
                QPointF(area.x() + i * step, area.bottom() - area.height() * v / top)
                for i, v in enumerate(series)
            ]
            for a, b in zip(points, points[1:], strict=False):
                painter.drawLine(a, b)
        painter.setPen(text_colour)
        for text, rect in self.month_labels():
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
