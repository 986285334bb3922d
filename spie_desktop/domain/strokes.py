"""Handwritten signature strokes as plain data: capture, simplification, sanity rules, JSON.

Coordinates. A point is ``(x, y)`` in a 0..1 box, y pointing down (screen convention). The
box is the signing area, whose shape is fixed at :data:`PAD_ASPECT_RATIO` (width / height,
3:1): the pad on screen letterboxes a 3:1 area inside whatever size the widget has, and the
PDF (``plan/handwriting.py``, ``PAD_RATIO``) fits the same 3:1 box in its frame. Each axis is
normalised against its own side of that fixed-shape box, so a stored signature is drawn
undistorted at any size without storing a ratio per signature.

Distances. Because x and y are relative to different sides, lengths (decimation, path
length, simplification tolerance) are measured in *pad widths*: ``dx`` as is, ``dy`` divided
by the ratio. Extents (is the scribble big enough?) are per axis, in fractions of the box.

Nothing here imports Qt: the widget maps its pixels to the box and back; this module holds
the rules, so they are tested headless and shared with whatever else reads signatures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError

Point = tuple[float, float]
Stroke = list[Point]
Strokes = list[Stroke]

PAD_ASPECT_RATIO = 3.0  # must equal plan.handwriting.PAD_RATIO (checked by a test)
MIN_POINT_DISTANCE = 0.004  # pad widths: closer points add bytes, not shape
SIMPLIFY_EPSILON = 0.0015  # pad widths: Ramer–Douglas–Peucker tolerance (~1 px at 600 px)
MAX_POINTS = 4000  # per signature, all strokes together
MIN_INK_LENGTH = 0.1  # pad widths of ink below which it is a dot or a tick, not a signature
MIN_EXTENT = 0.05  # a signature must span 5 % of the box on at least one axis
DECIMALS = 4  # 1/10,000 of the box: finer than any screen or printer


def clamp_point(x: float, y: float) -> Point:
    """A pen that slipped off the pad's edge stays on the box's edge."""
    return (min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))


def distance(a: Point, b: Point) -> float:
    """Distance between two box points, in pad widths (see the module docstring)."""
    return math.hypot(b[0] - a[0], (b[1] - a[1]) / PAD_ASPECT_RATIO)


def path_length(stroke: Sequence[Point]) -> float:
    """Length of the polyline through ``stroke``, in pad widths."""
    return sum(distance(a, b) for a, b in zip(stroke, stroke[1:], strict=False))


def point_count(strokes: Iterable[Sequence[Point]]) -> int:
    return sum(len(stroke) for stroke in strokes)


def decimate(stroke: Sequence[Point], min_distance: float = MIN_POINT_DISTANCE) -> Stroke:
    """Drop points closer than ``min_distance`` to the last kept one; the end point stays."""
    if not stroke:
        return []
    kept: Stroke = [stroke[0]]
    for point in stroke[1:]:
        if distance(kept[-1], point) >= min_distance:
            kept.append(point)
    last = stroke[-1]
    if kept[-1] != last:
        if len(kept) > 1:
            kept[-1] = last  # move the last kept point onto the true end: no gap, no spike
        elif distance(kept[0], last) > 0:
            kept.append(last)
    return kept


def simplify(stroke: Sequence[Point], epsilon: float = SIMPLIFY_EPSILON) -> Stroke:
    """Ramer–Douglas–Peucker: the fewest points within ``epsilon`` of the original polyline.

    The first and last points are always kept. Iterative, so a long stroke cannot hit the
    recursion limit.
    """
    count = len(stroke)
    if count < 3:
        return list(stroke)
    keep = [False] * count
    keep[0] = keep[-1] = True
    pending = [(0, count - 1)]
    while pending:
        first, last = pending.pop()
        farthest, worst = -1, epsilon
        for index in range(first + 1, last):
            gap = _segment_distance(stroke[index], stroke[first], stroke[last])
            if gap > worst:
                farthest, worst = index, gap
        if farthest > 0:
            keep[farthest] = True
            pending.append((first, farthest))
            pending.append((farthest, last))
    return [point for point, kept in zip(stroke, keep, strict=True) if kept]


def fit_to_budget(strokes: Sequence[Sequence[Point]], max_points: int = MAX_POINTS) -> Strokes:
    """Simplify harder until the signature holds at most ``max_points`` points.

    The tolerance doubles until the strokes fit; a pathological input (more strokes than the
    budget can give two points each) loses its last strokes rather than its shape.
    """
    result = [list(stroke) for stroke in strokes]
    epsilon = SIMPLIFY_EPSILON
    while point_count(result) > max_points and epsilon < 1.0:
        result = [simplify(stroke, epsilon) for stroke in result]
        epsilon *= 2
    while point_count(result) > max_points:
        excess = point_count(result) - max_points
        if len(result[-1]) > excess:
            result[-1] = result[-1][: len(result[-1]) - excess]
        else:
            result.pop()
    return result


def finish_stroke(raw: Sequence[Point]) -> Stroke:
    """What is kept of a stroke once the pen lifts: decimated, simplified, rounded."""
    return round_stroke(simplify(decimate(raw)))


def round_stroke(stroke: Iterable[Point]) -> Stroke:
    return [(round(x, DECIMALS), round(y, DECIMALS)) for x, y in stroke]


def clean_strokes(strokes: Iterable[Iterable[Sequence[float]]]) -> Strokes:
    """Stored or foreign strokes made safe to keep: clamped, rounded, no empty stroke, capped."""
    cleaned: Strokes = []
    for stroke in strokes:
        points = round_stroke(clamp_point(float(p[0]), float(p[1])) for p in stroke)
        if points:
            cleaned.append(points)
    return fit_to_budget(cleaned)


def is_meaningful(strokes: Sequence[Sequence[Point]]) -> bool:
    """Whether this much ink can stand for a signature (a dot or a tiny scribble cannot)."""
    points = [point for stroke in strokes for point in stroke]
    if not points:
        return False
    if sum(path_length(stroke) for stroke in strokes) < MIN_INK_LENGTH:
        return False
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return max(xs) - min(xs) >= MIN_EXTENT or max(ys) - min(ys) >= MIN_EXTENT


def to_json(strokes: Iterable[Iterable[Point]]) -> list[list[list[float]]]:
    """``[[[x, y], ...], ...]`` rounded to :data:`DECIMALS`: what the database column holds."""
    return [[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in stroke] for stroke in strokes]


def from_json(data: object) -> Strokes:
    """Strokes read back from :func:`to_json` output; malformed data is refused, not guessed."""
    if not isinstance(data, list):
        raise _malformed("not a list of strokes")
    strokes: Strokes = []
    for stroke in data:
        if not isinstance(stroke, list):
            raise _malformed("a stroke is not a list")
        points: Stroke = []
        for point in stroke:
            if not (isinstance(point, list | tuple) and len(point) == 2):
                raise _malformed("a point is not an [x, y] pair")
            x, y = point
            if not all(_is_number(v) for v in (x, y)):
                raise _malformed("a coordinate is not a finite number")
            points.append((float(x), float(y)))
        strokes.append(points)
    return clean_strokes(strokes)


class StrokeRecorder:
    """The strokes of one signature as they are drawn: one pen-down … pen-up at a time.

    The widget feeds box points (already mapped from pixels); the recorder decimates live,
    simplifies each stroke when the pen lifts and keeps the whole under :data:`MAX_POINTS`.
    """

    def __init__(self, max_points: int = MAX_POINTS) -> None:
        self.max_points = max_points
        self._strokes: Strokes = []
        self._current: Stroke | None = None

    @property
    def drawing(self) -> bool:
        return self._current is not None

    @property
    def current(self) -> Stroke:
        """The stroke being drawn (decimated, not yet simplified), or an empty list."""
        return list(self._current or [])

    def strokes(self) -> Strokes:
        """The finished strokes (a copy)."""
        return [list(stroke) for stroke in self._strokes]

    def set_strokes(self, strokes: Iterable[Iterable[Sequence[float]]]) -> None:
        self._current = None
        self._strokes = clean_strokes(strokes)

    def begin(self, point: Point) -> None:
        self._current = [clamp_point(*point)]

    def extend(self, point: Point) -> bool:
        """Add a point to the stroke being drawn; ``False`` if it was too close to matter."""
        if self._current is None:
            return False
        point = clamp_point(*point)
        if distance(self._current[-1], point) < MIN_POINT_DISTANCE:
            return False
        self._current.append(point)
        if len(self._current) >= self.max_points:  # a very long scribble: compact as we go
            self._current = fit_to_budget([self._current], self.max_points // 2)[0]
        return True

    def end(self, point: Point | None = None) -> bool:
        """Lift the pen; ``True`` if a stroke was added."""
        if self._current is None:
            return False
        if point is not None:
            self._current.append(clamp_point(*point))
        stroke = finish_stroke(self._current)
        self._current = None
        if not stroke:
            return False
        self._strokes.append(stroke)
        if point_count(self._strokes) > self.max_points:
            self._strokes = fit_to_budget(self._strokes, self.max_points)
        return True

    def cancel(self) -> bool:
        """Forget the stroke being drawn (a cancelled touch); ``True`` if there was one."""
        drawing = self._current is not None
        self._current = None
        return drawing

    def undo(self) -> bool:
        """Remove the stroke being drawn, else the last finished one; ``True`` if any."""
        if self.cancel():
            return True
        if self._strokes:
            self._strokes.pop()
            return True
        return False

    def clear(self) -> bool:
        """Remove everything; ``True`` if there was anything."""
        had_ink = bool(self._strokes) or self._current is not None
        self._strokes = []
        self._current = None
        return had_ink

    def is_empty(self) -> bool:
        return not self._strokes

    def is_meaningful(self) -> bool:
        return is_meaningful(self._strokes)


def _segment_distance(point: Point, start: Point, end: Point) -> float:
    """Distance from ``point`` to the segment start–end, in pad widths."""
    px, py = point[0], point[1] / PAD_ASPECT_RATIO
    ax, ay = start[0], start[1] / PAD_ASPECT_RATIO
    bx, by = end[0], end[1] / PAD_ASPECT_RATIO
    dx, dy = bx - ax, by - ay
    length_sq = dx * dx + dy * dy
    if length_sq == 0:
        return math.hypot(px - ax, py - ay)
    t = min(max(((px - ax) * dx + (py - ay) * dy) / length_sq, 0.0), 1.0)
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _malformed(detail: str) -> ValidationError:
    return ValidationError(
        say("La signature enregistrée est illisible."), f"malformed signature strokes: {detail}"
    )
