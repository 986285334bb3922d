"""The point de situation's chart writes its month names under the trend without one over
the other, at 100 % and at 200 % text: the names are measured with the chart's font and
thinned (every 2nd, 3rd… month, the last one always) when they do not fit side by side."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from spie_desktop.domain.situation_summary import TREND_MONTHS, MonthTrend, Summary
from spie_desktop.ui.situation_chart import SituationChart


def _summary() -> Summary:
    months = [date(2026, m, 1) for m in range(1, TREND_MONTHS + 1)]
    trend = tuple(MonthTrend(month, i, 0, 0, i % 3) for i, month in enumerate(months))
    return Summary(
        people=12,
        with_alerts=1,
        without_contact={30: 3, 60: 2, 90: 1},
        median_orientation_to_diagnostic=None,
        median_diagnostic_to_first_action=None,
        median_between_steps=None,
        trend=trend,
    )


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("width", [420, 560, 900])
def test_month_names_never_overlap(qtbot: QtBot, scale: float, width: int) -> None:
    chart = SituationChart()
    qtbot.addWidget(chart)
    font = QFont(chart.font())
    font.setPointSizeF(max(font.pointSizeF(), 11.0) * scale)
    chart.setFont(font)
    chart.set_summary(_summary())
    chart.resize(width, chart.sizeHint().height())
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab()  # paints it once, as on screen

    labels = chart.month_labels()
    metrics = QFontMetrics(chart.font())
    assert len(labels) >= 2, "at least the first shown and the last month"
    assert labels[-1][0] == "déc.", "the last month is always named"
    for text, rect in labels:
        assert rect.width() >= metrics.horizontalAdvance(text), f"« {text} » is cut"
    rects = [rect for _text, rect in labels]
    overlaps = [
        (labels[i][0], labels[j][0])
        for i in range(len(rects))
        for j in range(i + 1, len(rects))
        if rects[i].intersects(rects[j])
    ]
    assert overlaps == []


def test_every_month_is_named_when_there_is_room(qtbot: QtBot) -> None:
    chart = SituationChart()
    qtbot.addWidget(chart)
    chart.set_summary(_summary())
    chart.resize(1400, chart.sizeHint().height())
    assert len(chart.month_labels()) == TREND_MONTHS
