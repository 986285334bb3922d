"""The barriers-by-theme chart of the plan: one horizontal bar per theme, drawn as vectors.

Weights map to bar lengths (aucun 0, léger 1, fort 2, bloquant 3); a theme not discussed or
not assessed has no bar and says so in words, so nothing reads as "no barrier" by mistake.
Each bar also carries its label in words: the chart never relies on colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors

from spie_desktop.forms import BarrierWeight

from .document import BarrierLine
from .fonts import BOLD, REGULAR

WEIGHT_VALUES = {
    BarrierWeight.NONE: 0,
    BarrierWeight.LIGHT: 1,
    BarrierWeight.STRONG: 2,
    BarrierWeight.BLOCKING: 3,
}
WEIGHT_COLOURS = {
    0: colors.HexColor("#9bbf8a"),
    1: colors.HexColor("#f2c14e"),
    2: colors.HexColor("#e8833a"),
    3: colors.HexColor("#c0392b"),
}
SCALE_LABELS = ("aucun", "léger", "fort", "bloquant")
ROW = 14.0
LABEL_WIDTH = 165.0
FONT_SIZE = 9.5


def weight_text(weight: BarrierWeight | None) -> str:
    if weight is None:
        return "non renseigné"
    if weight is BarrierWeight.NOT_DISCUSSED:
        return "non abordé"
    return weight.label.lower()


def barrier_chart(barriers: Sequence[BarrierLine], width: float) -> Drawing:
    """A drawing ``width`` points wide, one row per theme in the given order."""
    top_margin = ROW + 4
    height = top_margin + ROW * len(barriers) + 2
    drawing = Drawing(width, height, initialFontName=REGULAR)
    bar_area = width - LABEL_WIDTH - 80
    step = bar_area / 3
    axis_top = height - top_margin + 4
    for step_index, text in enumerate(SCALE_LABELS):
        x = LABEL_WIDTH + step_index * step
        drawing.add(
            Line(x, 0, x, axis_top, strokeColor=colors.HexColor("#cccccc"), strokeWidth=0.4)
        )
        drawing.add(
            String(
                x,
                axis_top + 3,
                text,
                fontName=REGULAR,
                fontSize=7,
                textAnchor="middle",
                fillColor=colors.HexColor("#555555"),
            )
        )
    for index, barrier in enumerate(barriers):
        y = height - top_margin - (index + 1) * ROW + 3
        drawing.add(
            String(
                LABEL_WIDTH - 6,
                y + 1.5,
                barrier.theme_label,
                fontName=REGULAR,
                fontSize=FONT_SIZE,
                textAnchor="end",
            )
        )
        value: int | None = WEIGHT_VALUES.get(barrier.weight) if barrier.weight else None
        words = weight_text(barrier.weight)
        if value is None:
            drawing.add(
                String(
                    LABEL_WIDTH + 2,
                    y + 1.5,
                    words,
                    fontName=REGULAR,
                    fontSize=FONT_SIZE,
                    fillColor=colors.HexColor("#777777"),
                )
            )
            continue
        bar = max(value * step, 3.0)
        drawing.add(
            Rect(LABEL_WIDTH, y, bar, ROW - 4, fillColor=WEIGHT_COLOURS[value], strokeColor=None)
        )
        drawing.add(
            String(
                LABEL_WIDTH + bar + 4,
                y + 1.5,
                words,
                fontName=BOLD if value >= 2 else REGULAR,
                fontSize=FONT_SIZE,
            )
        )
    return drawing
