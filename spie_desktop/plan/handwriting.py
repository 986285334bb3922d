"""The three handwritten signatures, drawn as vector paths from the strokes captured on screen.

Strokes are lists of points in a 0..1 box with y pointing down (screen convention); each is
drawn as one smooth polyline, keeping the pad's aspect ratio (3:1) inside the box.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .document import SignatureLine

GAP = 10.0
PAD_HEIGHT = 62.0
LABEL_SIZE = 9.0
PAD_RATIO = 3.0  # width / height of the on-screen signature pad


class HandwrittenSignatures(Flowable):
    """One framed box per signer, side by side: role, drawn signature, name."""

    def __init__(
        self, signatures: Sequence[SignatureLine], width: float, font: str, bold_font: str
    ) -> None:
        super().__init__()
        self.signatures = signatures
        self.width = width
        self.height = PAD_HEIGHT + 2 * (LABEL_SIZE + 4)
        self.font = font
        self.bold_font = bold_font

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = max(len(self.signatures), 1)
        box_width = (self.width - GAP * (count - 1)) / count
        for index, signature in enumerate(self.signatures):
            self._draw_one(signature, index * (box_width + GAP), box_width)

    def _draw_one(self, signature: SignatureLine, x: float, width: float) -> None:
        canvas = self.canv
        top = self.height
        canvas.setFont(self.bold_font, LABEL_SIZE)
        canvas.setFillColor(colors.black)
        canvas.drawString(x, top - LABEL_SIZE, signature.role_label)
        pad_bottom = LABEL_SIZE + 4
        canvas.setStrokeColor(colors.HexColor("#b5c3d6"))
        canvas.setLineWidth(0.5)
        canvas.rect(x, pad_bottom, width, PAD_HEIGHT)
        canvas.setFont(self.font, LABEL_SIZE)
        canvas.drawString(x, 1, signature.signer_name or "—")
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


def _clamp(value: float) -> float:
    """A pen that slipped off the pad's edge stays on the box's edge."""
    return min(max(value, 0.0), 1.0)
