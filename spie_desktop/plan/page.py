"""The A4 page the project's documents share: margins, the body frame, a plain paragraph."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Frame, Paragraph

MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
#: The page arguments of every document template: A4, the same margin on each side.
A4_PAGE = {
    "pagesize": A4,
    "leftMargin": MARGIN,
    "rightMargin": MARGIN,
    "topMargin": MARGIN,
    "bottomMargin": MARGIN,
}


def body_frame() -> Frame:
    """The text area of a portrait A4 page: the whole page inside the margins."""
    return Frame(
        MARGIN,
        MARGIN,
        FRAME_WIDTH,
        A4[1] - 2 * MARGIN,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Plain text as a paragraph: markup escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)
