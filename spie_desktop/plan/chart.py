"""The barriers-by-theme chart of the plan: one horizontal bar per theme, drawn as vectors.

Weights map to bar lengths (aucun 0, léger 1, fort 2, bloquant 3); a theme not discussed or
not assessed has no bar and says so in words, so nothing reads as "no barrier" by mistake.
Each bar also carries its label in words: the chart never relies on colour alone.

For a person who does not read French, every word of the chart (the scale, the themes, the
weights) is in their language with the French below it, smaller and grey; right-to-left
words are shaped and ordered. The columns for the themes and for the weights are as wide
as their longest words, so that no language's words run into the bars.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from spie_desktop.forms import BarrierWeight

from .document import BarrierLine
from .fonts import BOLD, REGULAR
from .right_to_left import visual_line
from .wording import PlanWords, Said

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
SCALE_KEYS = tuple(f"plan.chart.scale.{w.value}" for w in WEIGHT_VALUES)
SCALE_LABELS = tuple(PlanWords().say(key).french for key in SCALE_KEYS)
ROW = 14.0
#: A row holding the person's language and the French below it.
TWO_LINE_ROW = 22.0
LABEL_WIDTH = 165.0
FONT_SIZE = 9.5
FRENCH_SIZE = 7.5
SCALE_SIZE = 7.0
GREY = colors.HexColor("#555555")
FRENCH_GREY = colors.HexColor("#4a4a4a")
QUIET = colors.HexColor("#777777")


def weight_key(weight: BarrierWeight | None) -> str:
    if weight is None:
        return "plan.chart.weight.not_assessed"
    return f"plan.chart.weight.{weight.value}"


def weight_text(weight: BarrierWeight | None) -> str:
    """The weight in French words ("frein bloquant", "non abordé", "non renseigné")."""
    return PlanWords().say(weight_key(weight)).french


class _Writer:
    """Puts a sentence in the drawing: one line, or the person's language over the French."""

    def __init__(self, drawing: Drawing, words: PlanWords) -> None:
        self.drawing = drawing
        self.words = words

    def lines(self, said: Said) -> tuple[str, str]:
        """(first line, French line or "") as drawn."""
        if not self.words.bilingual or not said.own:
            return said.french, ""
        own = visual_line(said.own) if self.words.right_to_left else said.own
        return own, said.french

    def width(self, said: Said, font: str, size: float) -> float:
        first, french = self.lines(said)
        return max(stringWidth(first, font, size), stringWidth(french, REGULAR, FRENCH_SIZE))

    def put(
        self,
        x: float,
        y: float,
        said: Said,
        *,
        font: str = REGULAR,
        size: float = FONT_SIZE,
        anchor: str = "start",
        colour: colors.Color = colors.black,
        french_size: float = FRENCH_SIZE,
    ) -> None:
        """``said`` with its first line's baseline at ``y``, the French under it."""
        first, french = self.lines(said)
        self.drawing.add(
            String(x, y, first, fontName=font, fontSize=size, textAnchor=anchor, fillColor=colour)
        )
        if french:
            self.drawing.add(
                String(
                    x,
                    y - french_size - 0.5,
                    french,
                    fontName=REGULAR,
                    fontSize=french_size,
                    textAnchor=anchor,
                    fillColor=FRENCH_GREY,
                )
            )


def barrier_chart(
    barriers: Sequence[BarrierLine], width: float, words: PlanWords | None = None
) -> Drawing:
    """A drawing ``width`` points wide, one row per theme in the given order; in French,
    or in ``words``' language with the French below."""
    words = words if words is not None else PlanWords()
    two = words.bilingual
    row = TWO_LINE_ROW if two else ROW
    top_margin = (2 * SCALE_SIZE + 6 if two else ROW) + 4
    height = top_margin + row * len(barriers) + 2
    drawing = Drawing(width, height, initialFontName=REGULAR)
    write = _Writer(drawing, words)
    themes = [words.theme(b.theme, b.theme_label) for b in barriers]
    weights = [words.say(weight_key(b.weight)) for b in barriers]
    label_width = max([LABEL_WIDTH] + [write.width(t, REGULAR, FONT_SIZE) + 8 for t in themes])
    text_width = max([80.0] + [write.width(w, BOLD, FONT_SIZE) + 8 for w in weights])
    label_width = min(label_width, width * 0.4)
    bar_area = max(width - label_width - text_width, width * 0.25)
    step = bar_area / 3
    axis_top = height - top_margin + 4
    for step_index, key in enumerate(SCALE_KEYS):
        x = label_width + step_index * step
        drawing.add(
            Line(x, 0, x, axis_top, strokeColor=colors.HexColor("#cccccc"), strokeWidth=0.4)
        )
        baseline = axis_top + 3 + (SCALE_SIZE + 1 if two else 0)
        write.put(
            x,
            baseline,
            words.say(key),
            size=SCALE_SIZE,
            anchor="middle",
            colour=GREY,
            french_size=SCALE_SIZE,
        )
    for index, barrier in enumerate(barriers):
        y = height - top_margin - (index + 1) * row + 3
        text_y = y + 1.5 + (row - ROW)  # the first line level with the bar's top part
        bar_y = y + (row - ROW)
        write.put(label_width - 6, text_y, themes[index], anchor="end")
        value: int | None = WEIGHT_VALUES.get(barrier.weight) if barrier.weight else None
        if value is None:
            write.put(label_width + 2, text_y, weights[index], colour=QUIET)
            continue
        bar = max(value * step, 3.0)
        drawing.add(
            Rect(
                label_width, bar_y, bar, ROW - 4, fillColor=WEIGHT_COLOURS[value], strokeColor=None
            )
        )
        write.put(
            label_width + bar + 4,
            text_y,
            weights[index],
            font=BOLD if value >= 2 else REGULAR,
        )
    return drawing
