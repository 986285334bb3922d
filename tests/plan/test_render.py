"""The plan PDF: French text intact, fonts embedded, metadata, outline, structure checks."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf

from spie_desktop.domain.plan import SignerRole
from spie_desktop.forms import BarrierWeight
from spie_desktop.plan.chart import weight_text
from spie_desktop.plan.render import RenderedPlan, render_plan_pdf
from tests.plan.conftest import plan_document, run_tool

ACCENTED = (
    "Hélène LEFÈVRE",
    "Accéder à un véhicule",
    "cœur",
    "œuvre",
    "€",
    "Réalisation d'une PMSMP",
)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def _write(tmp_path: Path, pdf: bytes) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    return str(path)


def _words(text: str) -> str:
    """Text with line breaks folded: table cells wrap wherever their width says."""
    return " ".join(text.split())


def test_french_text_survives_extraction(rendered: RenderedPlan, tmp_path: Path) -> None:
    text = _words(_text(rendered.pdf))
    for fragment in ACCENTED:
        assert fragment in text, fragment
    assert "Découvrir un métier" in text and "Bourse au permis" in text
    assert "Conseil départemental de l'Aveyron" in text and "France Travail Rodez" in text
    assert "27/02/2027" in text  # due date of the first action
    poppler_text = _words(
        run_tool("pdftotext", "-enc", "UTF-8", _write(tmp_path, rendered.pdf), "-")
    )
    for fragment in ACCENTED:
        assert fragment in poppler_text, fragment


def test_every_font_is_embedded_and_none_is_helvetica(
    rendered: RenderedPlan, tmp_path: Path
) -> None:
    assert b"Helvetica" not in rendered.pdf
    listing = run_tool("pdffonts", _write(tmp_path, rendered.pdf)).splitlines()[2:]
    assert listing, "pdffonts listed no font"
    for line in listing:
        assert "DejaVuSans" in line and " yes yes yes " in line, line


def test_metadata_and_outline(rendered: RenderedPlan) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == "Plan d'action de Hélène LEFÈVRE"
    assert reader.metadata.author == "Nadia Benali, Julien Roux"
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "Plan d'action de Hélène LEFÈVRE"
    assert "Vos objectifs et les actions prévues" in titles and "Signatures" in titles


def test_qpdf_accepts_the_file(rendered: RenderedPlan, tmp_path: Path) -> None:
    output = run_tool("qpdf", "--check", _write(tmp_path, rendered.pdf))
    assert "No syntax or stream encoding errors found" in output, output


def test_footer_chart_and_signature_room(rendered: RenderedPlan) -> None:
    text = _text(rendered.pdf)
    doc = plan_document()
    pages = rendered.page_count
    assert pages >= 2
    for page in range(1, pages + 1):
        footer = rf"Plan {doc.short_id} · version 1 · Page {page} sur {pages}"
        assert re.search(footer, text), footer
    assert "non abordé" in text  # numerique was not discussed
    assert "frein bloquant" in text and "Prochain rendez-vous ensemble : le 8 janvier 2027" in text
    boxes = rendered.signature_boxes
    assert set(boxes) == {SignerRole.SOCIAL, SignerRole.EMPLOI}
    for page, x1, y1, x2, y2 in boxes.values():
        assert page == pages - 1 and x2 - x1 > 150 and y2 - y1 > 30 and y1 > 40
    social, emploi = boxes[SignerRole.SOCIAL], boxes[SignerRole.EMPLOI]
    assert social[3] < emploi[1]  # side by side, not overlapping


def test_handwritten_signatures_are_vector_paths(rendered: RenderedPlan) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    last = reader.pages[-1].get_contents()
    assert last is not None
    content = last.get_data()
    # Three signatures of 41 + 11 points each: at least 3 x 50 line segments.
    assert content.count(b" l\n") + content.count(b" l ") >= 150


def test_weights_in_words() -> None:
    assert weight_text(None) == "non renseigné"
    assert weight_text(BarrierWeight.NOT_DISCUSSED) == "non abordé"
    assert weight_text(BarrierWeight.BLOCKING) == "frein bloquant"


def test_rendering_is_in_memory_and_repeatable() -> None:
    first = render_plan_pdf(plan_document())
    assert first.pdf.startswith(b"%PDF-") and first.pdf.rstrip().endswith(b"%%EOF")
