"""Bar charts drawn on the server as SVG: one group of bars per month, one bar per series.

No script and no style sheet of their own: presentation attributes only, so the page's
Content-Security-Policy holds and the chart prints as it shows. A bar that has no value (a
median over nobody) is absent; a suppressed one is marked « s » at its foot.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

#: Dark enough on white (contrast ≥ 4.5:1) to be told apart and read in black and white print.
COLOURS = ("#1f4e8c", "#a23b00", "#2e6b30", "#6a1b9a")
MONTHS_FR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
             "nov.", "déc.")  # fmt: skip

WIDTH = 720
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 84


@dataclass(frozen=True)
class Series:
    label: str
    values: Mapping[str, float | None]  # month → value (None: no figure)
    suppressed: frozenset[str] = frozenset()  # months whose figure is masked


def month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{MONTHS_FR[int(number) - 1]} {year}"


def _nice_top(largest: float) -> float:
    """A round axis top at or above ``largest`` (1, 2, 2.5 or 5 times a power of ten)."""
    if largest <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(largest))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= largest)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def bar_chart(
    chart_id: str, title: str, unit: str, months: Sequence[str], series: Sequence[Series]
) -> str:
    present = [v for s in series for v in s.values.values() if v is not None]
    top = _nice_top(max(present, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(months), 1)
    bar = min(28.0, slot * 0.8 / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)} ({escape(unit)}), par mois</title>',
    ]
    for step in range(5):
        y = TOP + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#c8c8c8" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#333">{_number(top * step / 4)}</text>'
        )
    for m, month in enumerate(months):
        x0 = LEFT + slot * m + (slot - bar * len(series)) / 2
        for s, one in enumerate(series):
            x = x0 + bar * s
            value = one.values.get(month)
            if month in one.suppressed:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - 3:.1f}" font-size="11" '
                    f'text-anchor="middle" fill="#333">s</text>'
                )
            elif value is not None:
                h = plot_h * value / top
                parts.append(
                    f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar - 2:.1f}" '
                    f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}">'
                    f"<title>{escape(one.label)}, {month_label(month)} : {_number(value)}"
                    f"</title></rect>"
                )
        parts.append(
            f'<text x="{LEFT + slot * m + slot / 2:.1f}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle" font-size="12" fill="#222">{month_label(month)}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="#222" stroke-width="1"/>'
    )
    legend_y = TOP + plot_h + 40
    column = (WIDTH - LEFT) / 2
    for s, one in enumerate(series):
        x = LEFT + column * (s % 2)
        y = legend_y + 20 * (s // 2)
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{x + 18:.1f}" y="{y}" font-size="12" fill="#222">{escape(one.label)}'
            f"</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
