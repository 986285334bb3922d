"""The themes' pictograms in the plan PDF: a small reader of basic SVG, drawn with reportlab.

reportlab cannot read SVG, and the libraries that can bring an XML stack the bundle leaves
out; the pictograms are our own and use a small subset, which this module reads: ``svg``
(its ``viewBox``), ``g``, ``path`` (commands M L H V C S Q T Z, absolute and relative),
``circle``, ``ellipse``, ``rect`` (with ``rx``), ``line``, ``polyline``, ``polygon``, and the
presentation attributes ``fill``, ``stroke``, ``stroke-width``, ``stroke-linecap``,
``stroke-linejoin`` and ``fill-rule``, inherited from groups. Anything else (text, filters,
transforms, arcs, CSS) is refused with :class:`PictogramError` rather than drawn wrong.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO, Canvas
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Flowable

from spie_desktop.domain.pictograms import pictogram_svg

SVG_NS = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}
CONTAINERS = {"svg", "g"}
SKIPPED = {"title", "desc"}
INHERITED = ("fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "fill-rule")
GEOMETRY = {"d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height"}
GEOMETRY |= {"x1", "y1", "x2", "y2", "points", "viewBox", "id"}
CAPS = {"butt": 0, "round": 1, "square": 2}
JOINS = {"miter": 0, "round": 1, "bevel": 2}
_TOKEN = re.compile(r"[MLHVCSQTZmlhvcsqtz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


class PictogramError(ValueError):
    """An SVG outside the subset this module draws."""


@dataclass(frozen=True, slots=True)
class Shape:
    tag: str
    attributes: dict[str, str]
    style: dict[str, str]


@dataclass(frozen=True, slots=True)
class Picture:
    view_box: tuple[float, float, float, float]
    shapes: tuple[Shape, ...]


def read_svg(data: bytes) -> Picture:
    """The shapes of an SVG in the subset, with each one's inherited style."""
    root = ET.fromstring(data)
    if _local(root.tag) != "svg":
        raise PictogramError("the root element is not <svg>")
    box = root.get("viewBox") or f"0 0 {root.get('width', '0')} {root.get('height', '0')}"
    numbers = tuple(float(n) for n in box.replace(",", " ").split())
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        raise PictogramError(f"bad viewBox {box!r}")
    shapes: list[Shape] = []
    _collect(root, {"fill": "black", "stroke": "none", "stroke-width": "1"}, shapes)
    return Picture((numbers[0], numbers[1], numbers[2], numbers[3]), tuple(shapes))


def _local(tag: str) -> str:
    return tag.removeprefix(SVG_NS)


def _collect(element: ET.Element, inherited: dict[str, str], out: list[Shape]) -> None:
    tag = _local(element.tag)
    if tag in SKIPPED:
        return
    if tag not in SHAPES | CONTAINERS:
        raise PictogramError(f"unsupported element <{tag}>")
    style = dict(inherited)
    geometry: dict[str, str] = {}
    for name, value in element.attrib.items():
        if name in INHERITED:
            style[name] = value
        elif name in GEOMETRY or (tag == "svg" and name in {"width", "height", "version"}):
            geometry[name] = value
        else:
            raise PictogramError(f"unsupported attribute {name!r} on <{tag}>")
    if tag in CONTAINERS:
        for child in element:
            _collect(child, style, out)
    else:
        out.append(Shape(tag, geometry, style))


def path_segments(d: str) -> list[tuple[str, tuple[float, ...]]]:
    """``d`` as absolute segments: ("M", (x, y)), ("L", (x, y)), ("C", (6 numbers)), ("Z", ())."""
    if _TOKEN.sub("", d).strip(" ,\t\r\n"):
        raise PictogramError(f"unreadable path {d!r}")
    tokens = _TOKEN.findall(d)
    segments: list[tuple[str, tuple[float, ...]]] = []
    x = y = start_x = start_y = 0.0
    last_control: tuple[float, float] | None = None
    command = ""
    index = 0

    def numbers(count: int) -> list[float]:
        nonlocal index
        values = tokens[index : index + count]
        if len(values) != count or any(v.isalpha() for v in values):
            raise PictogramError(f"path {d!r}: {command} needs {count} numbers")
        index += count
        return [float(v) for v in values]

    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
        elif not command or command in "Zz":
            raise PictogramError(f"path {d!r}: a number without a command")
        upper, relative = command.upper(), command.islower()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        control: tuple[float, float] | None = None
        if upper == "Z":
            segments.append(("Z", ()))
            x, y = start_x, start_y
        elif upper in "ML":
            px, py = numbers(2)
            x, y = px + dx, py + dy
            if upper == "M":
                start_x, start_y = x, y
                command = "l" if relative else "L"  # further pairs are lines
            segments.append((upper, (x, y)))
        elif upper == "H":
            x = numbers(1)[0] + dx
            segments.append(("L", (x, y)))
        elif upper == "V":
            y = numbers(1)[0] + dy
            segments.append(("L", (x, y)))
        elif upper in "CS":
            values = numbers(6 if upper == "C" else 4)
            if upper == "S":
                mirror = (
                    (2 * x - last_control[0], 2 * y - last_control[1]) if last_control else (x, y)
                )
                values = [mirror[0] - dx, mirror[1] - dy, *values]
            c1 = (values[0] + dx, values[1] + dy)
            control = (values[2] + dx, values[3] + dy)
            x, y = values[4] + dx, values[5] + dy
            segments.append(("C", (*c1, *control, x, y)))
        elif upper in "QT":
            if upper == "Q":
                qx, qy, ex, ey = numbers(4)
                q = (qx + dx, qy + dy)
            else:
                ex, ey = numbers(2)
                q = (2 * x - last_control[0], 2 * y - last_control[1]) if last_control else (x, y)
            end = (ex + dx, ey + dy)
            segments.append(("C", _quadratic_as_cubic((x, y), q, end)))
            x, y = end
            control = q
        else:
            raise PictogramError(f"path {d!r}: unsupported command {command!r}")
        last_control = control
    return segments


def _quadratic_as_cubic(
    start: tuple[float, float], q: tuple[float, float], end: tuple[float, float]
) -> tuple[float, ...]:
    c1 = (start[0] + 2 / 3 * (q[0] - start[0]), start[1] + 2 / 3 * (q[1] - start[1]))
    c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
    return (*c1, *c2, *end)


def draw_picture(canvas: Canvas, picture: Picture, x: float, y: float, size: float) -> None:
    """Draw ``picture`` in the ``size`` × ``size`` square whose lower-left corner is (x, y)."""
    min_x, min_y, width, height = picture.view_box
    scale = size / max(width, height)
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(scale, -scale)  # SVG's y goes down
    canvas.translate(-min_x, -min_y)
    for shape in picture.shapes:
        _draw_shape(canvas, shape)
    canvas.restoreState()


def _draw_shape(canvas: Canvas, shape: Shape) -> None:
    style, a = shape.style, shape.attributes
    fill = style["fill"] != "none" and shape.tag not in {"line", "polyline"}
    stroke = style["stroke"] != "none"
    if not fill and not stroke:
        return
    if fill:
        canvas.setFillColor(colors.toColor(style["fill"]))
    if stroke:
        canvas.setStrokeColor(colors.toColor(style["stroke"]))
        canvas.setLineWidth(float(style["stroke-width"]))
        canvas.setLineCap(CAPS.get(style.get("stroke-linecap", "butt"), 0))
        canvas.setLineJoin(JOINS.get(style.get("stroke-linejoin", "miter"), 0))
    path = canvas.beginPath()
    _outline(path, shape.tag, a)
    even_odd = style.get("fill-rule") == "evenodd"
    canvas.drawPath(
        path,
        stroke=int(stroke),
        fill=int(fill),
        fillMode=FILL_EVEN_ODD if even_odd else FILL_NON_ZERO,
    )


def _outline(path: PDFPathObject, tag: str, a: dict[str, str]) -> None:
    def n(name: str, default: float = 0.0) -> float:
        return float(a.get(name, default))

    if tag == "path":
        for command, values in path_segments(a.get("d", "")):
            if command == "M":
                path.moveTo(*values)
            elif command == "L":
                path.lineTo(*values)
            elif command == "C":
                path.curveTo(*values)
            else:
                path.close()
    elif tag == "circle":
        path.circle(n("cx"), n("cy"), n("r"))
    elif tag == "ellipse":
        rx, ry = n("rx"), n("ry")
        path.ellipse(n("cx") - rx, n("cy") - ry, 2 * rx, 2 * ry)
    elif tag == "rect":
        radius = n("rx", n("ry"))
        if radius:
            path.roundRect(n("x"), n("y"), n("width"), n("height"), radius)
        else:
            path.rect(n("x"), n("y"), n("width"), n("height"))
    elif tag == "line":
        path.moveTo(n("x1"), n("y1"))
        path.lineTo(n("x2"), n("y2"))
    else:  # polyline, polygon
        numbers = [float(v) for v in a.get("points", "").replace(",", " ").split()]
        points = list(zip(numbers[::2], numbers[1::2], strict=False))
        if points:
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            if tag == "polygon":
                path.close()


@cache
def theme_picture(theme: str) -> Picture | None:
    """The pictogram of a referential theme, read once; ``None`` when it has none."""
    data = pictogram_svg(theme)
    return read_svg(data) if data is not None else None


class Pictogram(Flowable):
    """A theme's pictogram as a square flowable of ``size`` points."""

    def __init__(self, picture: Picture, size: float) -> None:
        super().__init__()
        self.picture = picture
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_picture(self.canv, self.picture, 0, 0, self.width)
