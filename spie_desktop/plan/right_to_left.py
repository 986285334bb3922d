"""Right-to-left paragraphs (Arabic) for reportlab, which neither joins nor reorders them.

Lines are broken in logical order (the order the sentence is written and read), then each
line is shaped (``arabic_reshaper``: the contextual letter forms, lam-alef ligatures) and put
in visual order (``python-bidi``: the Unicode bidirectional algorithm), and drawn flush right.

Numbers and Latin words inside an Arabic line keep their own order: each left-to-right run
(« 2026-12 », « 27/11/2026 », « Rodez ») is embedded left to right first. Without it the
algorithm turns digits that follow Arabic letters into Arabic numbers, and a hyphen between
those is no longer part of the number: « 2026-12 » would be drawn « 12-2026 ». (The
pure-Python algorithm knows embeddings, not the newer isolates, LRI/PDI.)
"""

from __future__ import annotations

import re

import arabic_reshaper

# The pure-Python algorithm, not the Rust ``bidi.get_display`` of python-bidi 0.6: only the
# former mirrors brackets in right-to-left runs (rule L4), so « (جار) » is not drawn « )جار( ».
from bidi.algorithm import get_display
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

LEFT_TO_RIGHT_EMBEDDING = "\u202a"
POP_DIRECTIONAL_FORMATTING = "\u202c"
_LATIN = "0-9A-Za-z\u00c0-\u024f"
#: A run read left to right: digits and Latin letters, with the separators between them
#: (« 2026-12 », « 12/04/1979 », « 27 novembre 2026 », « France Travail »), a phone
#: number's leading plus, a trailing percent or euro sign (« +594 694 12 34 56 », « 12 % »).
_LEFT_TO_RIGHT_RUN = re.compile(
    rf"(?:\+(?=[0-9]))?[{_LATIN}](?:[{_LATIN}]|[-/.:,·'’ \u00a0](?=[{_LATIN}]))*"
    r"(?:[ \u00a0]?[%€](?![0-9A-Za-z]))?"
)


def keep_left_to_right_runs(text: str) -> str:
    """``text`` with each left-to-right run embedded left to right (LRE … PDF)."""
    return _LEFT_TO_RIGHT_RUN.sub(
        lambda run: f"{LEFT_TO_RIGHT_EMBEDDING}{run.group(0)}{POP_DIRECTIONAL_FORMATTING}", text
    )


def visual_line(text: str) -> str:
    """One line of logical text as it is drawn: shaped, then in visual order, its numbers
    and Latin words in their own order; no directional control is left to draw."""
    shaped = arabic_reshaper.reshape(keep_left_to_right_runs(text))
    drawn = str(get_display(shaped, base_dir="R"))
    return drawn.replace(LEFT_TO_RIGHT_EMBEDDING, "").replace(POP_DIRECTIONAL_FORMATTING, "")


def break_lines(text: str, width: float, font: str, size: float) -> list[str]:
    """``text`` broken into logical lines no wider than ``width`` once shaped (a single
    word wider than that gets a line of its own), at spaces only, not at no-break spaces."""
    lines: list[str] = []
    for part in text.split("\n"):
        current = ""
        for word in part.split(" "):  # a no-break space holds its words together
            if not word:
                continue
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(visual_line(candidate), font, size) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


class RightToLeftParagraph(Flowable):
    """A paragraph of right-to-left text in ``style``'s font, size, leading and colour."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        style = self.style
        self.width = avail_width
        self.lines = [
            visual_line(line)
            for line in break_lines(self.text, avail_width, style.fontName, style.fontSize)
        ]
        self.height = len(self.lines) * style.leading
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        # The baseline sits where reportlab's own paragraphs put it: one font size down.
        y = self.height - style.fontSize
        for line in self.lines:
            canvas.drawRightString(self.width, y, line)
            y -= style.leading
