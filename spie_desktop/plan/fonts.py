"""The fonts of the plan PDF: DejaVu Sans, shipped in ``resources/fonts`` and always embedded.

reportlab falls back to the unembedded Helvetica wherever a style or canvas does not name a
font, so every style of the plan uses :data:`REGULAR` or :data:`BOLD`, and the canvas is
created with :data:`REGULAR` as its initial font.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from spie_desktop.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


@cache
def register_fonts() -> None:
    """Register both faces with reportlab once per process (parsing a face takes ~50 ms)."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )


def font_face(name: str = REGULAR) -> TTFontFace:
    """The parsed TrueType face (metrics and subsetting), shared with the signature stamps."""
    register_fonts()
    font = pdfmetrics.getFont(name)
    assert isinstance(font, TTFont)
    return font.face
