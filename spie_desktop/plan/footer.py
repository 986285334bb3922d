"""The footer of the person's documents (plan, draft convention): what the document is and
« Page 1 sur 3 », in the person's language with the French below it.

The page total is known only once every page is laid out, and its place in the sentence
depends on the language (« Page 1 sur 3 », « صفحة 1 من 3 »); so the canvas keeps each page
until the end and draws every footer then, with the total (:func:`footed_canvas`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from .fonts import REGULAR
from .page import MARGIN
from .right_to_left import visual_line
from .wording import PlanWords, Said

FOOTER_SIZE = 8.0
FRENCH_FOOTER_SIZE = 7.5
FOOTER_Y = 10 * mm
FOOTER_COLOUR = colors.HexColor("#555555")

#: Draws a page's footer: the canvas, the page's number, the number of pages.
DrawFooter = Callable[[Canvas, int, int], None]


def footer_lines(words: PlanWords, lead: Said, page: int, pages: int) -> Said:
    """``lead`` then « Page n sur N », in both languages."""
    count = words.say("plan.page", page=str(page), pages=str(pages))
    french = f"{lead.french} · {count.french}"
    if not words.bilingual or not (lead.own or count.own):
        return Said(french)
    return Said(french, f"{lead.own or lead.french} · {count.own or count.french}")


def page_footer(words: PlanWords, lead: Said) -> DrawFooter:
    """Draws ``lead`` and the page count at the foot of a page: the person's language on
    top (right-aligned when written right to left), the French under it."""

    def draw(canvas: Canvas, page: int, pages: int) -> None:
        said = footer_lines(words, lead, page, pages)
        canvas.saveState()
        canvas.setFillColor(FOOTER_COLOUR)
        if said.own:
            canvas.setFont(REGULAR, FOOTER_SIZE)
            own_y = FOOTER_Y + FRENCH_FOOTER_SIZE + 2
            if words.right_to_left:
                canvas.drawRightString(A4[0] - MARGIN, own_y, visual_line(said.own))
            else:
                canvas.drawString(MARGIN, own_y, said.own)
            canvas.setFont(REGULAR, FRENCH_FOOTER_SIZE)
        else:
            canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.drawString(MARGIN, FOOTER_Y, said.french)
        canvas.restoreState()

    return draw


def footed_canvas(draw_footer: DrawFooter) -> type[Canvas]:
    """A canvas class (for ``build(canvasmaker=…)``) that draws every page's footer once the
    total is known."""

    class FootedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._kept_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._kept_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._kept_pages)
            for state in self._kept_pages:
                self.__dict__.update(state)
                draw_footer(self, self.getPageNumber(), pages)
                super().showPage()
            super().save()

    return FootedCanvas
