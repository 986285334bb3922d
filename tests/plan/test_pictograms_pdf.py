"""The themes' pictograms in the plan PDF: read from our SVG subset, drawn beside each
objective's heading, never for a theme the person did not agree to print."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from spie_desktop.domain.plan import Objective
from spie_desktop.domain.referential import themes
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.plan.document import PlanDocument, build_plan_document, print_synthesis
from spie_desktop.plan.pictogram_drawing import (
    PictogramError,
    draw_picture,
    path_segments,
    read_svg,
    theme_picture,
)
from spie_desktop.plan.render import render_plan_pdf
from tests.conftest import require_tool
from tests.plan.conftest import (
    JULIEN,
    NADIA,
    NADIA_STRUCTURE,
    action_plan,
    consent_for,
    interview,
    mme_l,
    plan_document,
)

DPI = 144
SCALE = DPI / 72
#: Dark pixels in a pictogram's 24 pt square at 144 dpi (2304 pixels): a bold picture
#: darkens hundreds; a table rule crossing the square, a few dozen at most.
PICTURE = 400
NO_PICTURE = 60


def test_every_shipped_pictogram_is_read_and_drawn(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "all.pdf"))
    for name in themes():
        picture = theme_picture(name)
        assert picture is not None and picture.shapes, name
        draw_picture(canvas, picture, 40, 40, 48)
        canvas.showPage()
    canvas.save()


def test_path_commands_become_absolute_segments() -> None:
    segments = path_segments("M10 10 l5 0 h5 V20 q0 10 -10 10 Z")
    assert segments[0] == ("M", (10.0, 10.0))
    assert segments[1] == ("L", (15.0, 10.0))
    assert segments[2] == ("L", (20.0, 10.0))
    assert segments[3] == ("L", (20.0, 20.0))
    command, curve = segments[4]
    assert command == "C" and curve[-2:] == (10.0, 30.0)
    assert segments[5] == ("Z", ())


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><text>A</text></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><path d="M0 0 A2 2 0 0 1 4 4"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><g transform="scale(2)"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect style="fill:red"/></svg>',
    ],
)
def test_what_the_subset_cannot_draw_is_refused(svg: bytes) -> None:
    with pytest.raises(PictogramError):
        for shape in read_svg(svg).shapes:
            path_segments(shape.attributes.get("d", ""))


def _page_with_objectives(pdf: bytes, tmp_path: Path) -> tuple[Path, list[tuple[float, float]]]:
    """The PNG of the first page with objectives, and where each "Objectif" heading word
    starts on it (points, y down)."""
    require_tool("pdftoppm")
    require_tool("pdftotext")
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    pages = layout.split("<page ")[1:]
    number, page = next((n, p) for n, p in enumerate(pages, start=1) if ">Objectif<" in p)
    words = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Objectif<', page
    )
    starts = [(float(x), (float(top) + float(bottom)) / 2) for x, top, bottom in words]
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(number), "-l", str(number), "-png", "-singlefile",
         str(path), str(tmp_path / "page")],
        check=True, timeout=60,
    )  # fmt: skip
    return tmp_path / "page.png", starts


def _dark_pixels_left_of(png: Path, x: float, y: float) -> int:
    """Dark pixels in the 24 pt square that ends 4 pt left of (x, y), centred on y."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert not image.isNull()
    count = 0
    for px in range(int((x - 28) * SCALE), int((x - 4) * SCALE)):
        for py in range(int((y - 12) * SCALE), int((y + 12) * SCALE)):
            colour = image.pixelColor(px, py)
            if colour.red() + colour.green() + colour.blue() < 300:
                count += 1
    return count


def test_each_objective_heading_has_its_pictogram_beside_it(tmp_path: Path) -> None:
    png, starts = _page_with_objectives(render_plan_pdf(plan_document()).pdf, tmp_path)
    assert len(starts) == 2  # Mobilité, Choisir un métier
    for x, y in starts:
        # A bold pictogram covers a good part of its square; the row's pale background
        # and the heading text (right of x) are not dark there.
        assert _dark_pixels_left_of(png, x, y) > PICTURE, (x, y)


def _with_health_objective(*, sensitive_consent: bool) -> PlanDocument:
    person = mme_l()
    consent = consent_for(person, sensitive_consent)
    plan = action_plan(person)
    plan.objectives.insert(
        0, Objective(plan_id=plan.id, theme="sante", label="Prendre soin de soi")
    )
    return build_plan_document(
        plan, person, consent, [JULIEN, NADIA], [NADIA_STRUCTURE],
        print_synthesis(interview(), consent), territory_by_code("12"), "Rodez",
    )  # fmt: skip


def test_a_hidden_sensitive_theme_has_no_pictogram(tmp_path: Path) -> None:
    hidden = _with_health_objective(sensitive_consent=False)
    assert [o.theme for o in hidden.objectives] == ["", "mobilite", "choisir_un_metier"]
    shown = _with_health_objective(sensitive_consent=True)
    assert shown.objectives[0].theme == "sante"
    png, starts = _page_with_objectives(render_plan_pdf(hidden).pdf, tmp_path)
    health, *others = sorted(starts, key=lambda start: start[1])  # the first objective
    # Its heading takes the pictogram's room, the others keep theirs; left of it, at most
    # the table's rules cross the square, no picture.
    assert health[0] < min(x for x, _y in others) - 20
    assert _dark_pixels_left_of(png, *health) < NO_PICTURE


def test_without_a_theme_the_heading_is_text_only(tmp_path: Path) -> None:
    doc = plan_document()
    bare = dataclasses.replace(
        doc, objectives=tuple(dataclasses.replace(o, theme="") for o in doc.objectives)
    )
    png, starts = _page_with_objectives(render_plan_pdf(bare).pdf, tmp_path)
    assert all(_dark_pixels_left_of(png, x, y) < NO_PICTURE for x, y in starts)
