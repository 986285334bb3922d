"""Sentences of the plan laid out in the person's language with the French below.

For a French reader a :class:`~spie_desktop.plan.wording.Said` is one paragraph, as always.
For anyone else it is their language first (right-aligned and shaped when it is written
right to left), then the French reference in grey; a sentence their language lacks is the
French once, followed by a small note in their language saying it is not translated.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from .page import paragraph
from .right_to_left import RightToLeftParagraph
from .wording import PlanWords, Said

FRENCH_COLOUR = colors.HexColor("#4a4a4a")
MARK_COLOUR = colors.HexColor("#8a4b00")


class Heading(Paragraph):
    """A heading that becomes an outline entry (bookmark) of the PDF."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(escape(text), style)
        self.outline_text = text
        self.outline_level = level


class RightToLeftHeading(RightToLeftParagraph):
    """A right-to-left heading, in the outline as well."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(text, style)
        self.outline_text = text
        self.outline_level = level


class BilingualWriter:
    """Turns sentences into flowables in ``styles``, in one or two languages."""

    def __init__(self, words: PlanWords, styles: dict[str, ParagraphStyle]) -> None:
        self.words = words
        self.styles = styles
        self._french: dict[str, ParagraphStyle] = {}

    def french_style(self, name: str) -> ParagraphStyle:
        """``name``'s style for the French under another language: grey, a touch smaller."""
        if name not in self._french:
            base = self.styles[name]
            self._french[name] = ParagraphStyle(
                f"{name}_fr",
                parent=base,
                fontSize=base.fontSize * 0.9,
                leading=base.leading * 0.9,
                textColor=FRENCH_COLOUR,
                spaceBefore=0,
            )
        return self._french[name]

    def own(self, text: str, style: ParagraphStyle) -> Flowable:
        """``text`` in the person's language."""
        if self.words.right_to_left:
            return RightToLeftParagraph(text, ParagraphStyle(style.name, style, alignment=TA_RIGHT))
        return paragraph(text, style)

    def lines(self, said: Said, name: str = "body") -> list[Flowable]:
        """A sentence: the person's language, the mark if it is not translated, the French."""
        style = self.styles[name]
        if not self.words.bilingual or (not said.own and not said.fallback):
            return [paragraph(said.french, style)]
        out: list[Flowable] = []
        if said.own:
            out.append(self.own(said.own, ParagraphStyle(f"{name}_own", style, spaceAfter=0)))
            out.append(paragraph(said.french, self.french_style(name)))
        else:
            out.append(paragraph(said.french, style))
        if said.fallback:
            out.append(self.mark())
        return out

    def mark(self) -> Flowable:
        """The small note under a sentence the person's language lacks."""
        note = self.words.say("plan.not_translated")
        style = ParagraphStyle(
            "mark", self.styles["small"], fontSize=8.5, leading=10.5, textColor=MARK_COLOUR
        )
        if note.own:
            return self.own(f"({note.own})", style)
        return paragraph(f"({note.french})", style)

    def heading(self, said: Said, name: str = "h1") -> list[Flowable]:
        """A section heading: a line per language, both in the outline's entry."""
        style = self.styles[name]
        if not self.words.bilingual or not said.own:
            return [Heading(said.french, style)]
        own_style = ParagraphStyle(f"{name}_own", style, spaceAfter=0)
        first: Flowable
        if self.words.right_to_left:
            first = RightToLeftHeading(said.own, own_style)
        else:
            first = Heading(said.own, own_style)
        first.outline_text = f"{said.own} / {said.french}"  # type: ignore[attr-defined]
        second = paragraph(said.french, ParagraphStyle(f"{name}_fr2", style, spaceBefore=0))
        second.keepWithNext = 1
        return [first, second]
