"""Strokes as smooth Qt paths: quadratic curves through the midpoints of the captured points.

Each stored point is used as a control point and the curve passes through the middle of
every segment, so a few simplified points still draw a round, natural line, and the ends
are exactly where the pen touched down and lifted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

DOT_LENGTH = 0.01  # px: a zero-length segment the round cap turns into a disc


def smooth_path(
    strokes: Iterable[Sequence[Sequence[float]]], to_pixels: Callable[[Sequence[float]], QPointF]
) -> QPainterPath:
    """One path for all ``strokes`` (box points), mapped to pixels by ``to_pixels``."""
    path = QPainterPath()
    for stroke in strokes:
        points = [to_pixels(point) for point in stroke]
        if not points:
            continue
        path.moveTo(points[0])
        if len(points) == 1:
            path.lineTo(points[0] + QPointF(DOT_LENGTH, 0))
            continue
        for control, following in zip(points[1:-1], points[2:], strict=False):
            path.quadTo(control, (control + following) / 2)
        path.lineTo(points[-1])
    return path
