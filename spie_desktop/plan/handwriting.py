"""The three handwritten signatures, drawn as vector paths from the strokes captured on screen.

Strokes are lists of points in a 0..1 box with y pointing down (screen convention); each is
drawn as one smooth polyline, keeping the pad's aspect ratio (3:1) inside the box.

Above each box, who signs: in the person's language with the French below it (grey,
smaller) when the plan is bilingual, broken into lines to fit the box; right-to-left words
shaped, ordered and aligned right.

A signature typed on the keyboard has no strokes: its box shows the name typed, in a plain
bold typeface, and « Signé au clavier le … » in the person's language with the French below.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .document import SignatureLine
from .right_to_left import break_lines, visual_line
from .wording import Said

GAP = 10.0
PAD_HEIGHT = 62.0
LABEL_SIZE = 9.0
FRENCH_LABEL_SIZE = 8.0
FRENCH_GREY = colors.HexColor("#4a4a4a")
#: A line of a label as drawn: text, font, size, colour, aligned right.
LabelLine = tuple[str, str, float, colors.Color, bool]
PAD_RATIO = 3.0  # width / height of the on-screen signature pad
TYPED_NAME_SIZE = 13.0
TYPED_NOTE_SIZE = 8.0
SMALLEST_SIZE = 5.0


class HandwrittenSignatures(Flowable):
    """One framed box per signer, side by side: role, drawn signature, name."""

    def __init__(
        self,
        signatures: Sequence[SignatureLine],
        width: float,
        font: str,
        bold_font: str,
        labels: Sequence[Said] = (),
        right_to_left: bool = False,
        typed_note: Said | None = None,
    ) -> None:
        """``labels``: who signs each box, in the person's language and French (default:
        each signature's French ``role_label``); ``typed_note``: « Signé au clavier le … »,
        written in the box of a signature typed on the keyboard."""
        super().__init__()
        self.typed_note = typed_note
        self.signatures = signatures
        self.width = width
        self.font = font
        self.bold_font = bold_font
        self.labels = tuple(labels) or tuple(Said(s.role_label) for s in signatures)
        self.right_to_left = right_to_left
        self.label_lines = self._label_lines()
        self.label_height = max(
            (sum(line[2] * 1.2 for line in lines) for lines in self.label_lines), default=0.0
        )
        self.height = self.label_height + 4 + PAD_HEIGHT + LABEL_SIZE + 4

    @property
    def box_width(self) -> float:
        count = max(len(self.signatures), 1)
        return (self.width - GAP * (count - 1)) / count

    def _label_lines(self) -> list[list[LabelLine]]:
        width = self.box_width
        out: list[list[LabelLine]] = []
        for said in self.labels:
            lines: list[LabelLine] = []
            if said.own and self.right_to_left:
                lines += [
                    (visual_line(part), self.bold_font, LABEL_SIZE, colors.black, True)
                    for part in break_lines(said.own, width, self.bold_font, LABEL_SIZE)
                ]
            elif said.own:
                lines += [
                    (part, self.bold_font, LABEL_SIZE, colors.black, False)
                    for part in simpleSplit(said.own, self.bold_font, LABEL_SIZE, width)
                ]
            if said.own:
                lines += [
                    (part, self.font, FRENCH_LABEL_SIZE, FRENCH_GREY, False)
                    for part in simpleSplit(said.french, self.font, FRENCH_LABEL_SIZE, width)
                ]
            else:
                lines += [
                    (part, self.bold_font, LABEL_SIZE, colors.black, False)
                    for part in simpleSplit(said.french, self.bold_font, LABEL_SIZE, width)
                ]
            out.append(lines)
        return out

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        box_width = self.box_width
        for index, signature in enumerate(self.signatures):
            x = index * (box_width + GAP)
            lines = self.label_lines[index] if index < len(self.label_lines) else []
            self._draw_label(lines, x, box_width)
            self._draw_one(signature, x, box_width)

    def _draw_label(self, lines: list[LabelLine], x: float, width: float) -> None:
        canvas = self.canv
        y = self.height
        for text, font, size, colour, right in lines:
            y -= size * 1.2
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            if right:
                canvas.drawRightString(x + width, y + size * 0.2, text)
            else:
                canvas.drawString(x, y + size * 0.2, text)

    def _draw_one(self, signature: SignatureLine, x: float, width: float) -> None:
        canvas = self.canv
        canvas.setFillColor(colors.black)
        pad_bottom = LABEL_SIZE + 4
        canvas.setStrokeColor(colors.HexColor("#b5c3d6"))
        canvas.setLineWidth(0.5)
        canvas.rect(x, pad_bottom, width, PAD_HEIGHT)
        canvas.setFont(self.font, LABEL_SIZE)
        canvas.drawString(x, 1, signature.signer_name or "—")
        if signature.typed:
            self._draw_typed(signature.signer_name, x, width, pad_bottom)
            return
        if not signature.strokes:
            return
        # Fit the pad's 3:1 box inside the frame, centred, with a small margin.
        inner_w, inner_h = width - 8, PAD_HEIGHT - 8
        scale_w = min(inner_w, inner_h * PAD_RATIO)
        scale_h = scale_w / PAD_RATIO
        origin_x = x + 4 + (inner_w - scale_w) / 2
        origin_y = pad_bottom + 4 + (inner_h - scale_h) / 2
        canvas.setStrokeColor(colors.HexColor("#1a237e"))
        canvas.setLineWidth(1.1)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        path = canvas.beginPath()
        for stroke in signature.strokes:
            if not stroke:
                continue
            points = [
                (origin_x + _clamp(px) * scale_w, origin_y + (1 - _clamp(py)) * scale_h)
                for px, py in stroke
            ]
            path.moveTo(*points[0])
            if len(points) == 1:  # a dot
                path.lineTo(points[0][0] + 0.3, points[0][1])
            for point in points[1:]:
                path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)

    def _draw_typed(self, name: str, x: float, width: float, pad_bottom: float) -> None:
        """The name typed, clear and bold, and when and how it was signed, in both languages."""
        canvas = self.canv
        centre, inner = x + width / 2, width - 8
        lines: list[tuple[str, str, float, colors.Color]] = [
            (name, self.bold_font, TYPED_NAME_SIZE, colors.black)
        ]
        note = self.typed_note or Said("Signé au clavier")
        if note.own:
            own = visual_line(note.own) if self.right_to_left else note.own
            lines.append((own, self.font, TYPED_NOTE_SIZE, colors.black))
            lines.append((note.french, self.font, FRENCH_LABEL_SIZE - 1, FRENCH_GREY))
        else:
            lines.append((note.french, self.font, TYPED_NOTE_SIZE, colors.black))
        y = pad_bottom + PAD_HEIGHT - 6
        for text, font, size, colour in lines:
            size = _fitting_size(text, font, size, inner)
            y -= size * 1.25
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            canvas.drawCentredString(centre, y, text)
        canvas.setFillColor(colors.black)


def _fitting_size(text: str, font: str, size: float, width: float) -> float:
    """``size``, or smaller so that ``text`` holds on one line of ``width``."""
    drawn = stringWidth(text, font, size)
    return size if drawn <= width else max(size * width / drawn, SMALLEST_SIZE)


def _clamp(value: float) -> float:
    """A pen that slipped off the pad's edge stays on the box's edge."""
    return min(max(value, 0.0), 1.0)
