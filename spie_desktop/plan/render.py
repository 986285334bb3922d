"""The plan PDF: A4, plain French, DejaVu Sans embedded, headings in the outline.

:func:`render_plan_pdf` lays out a :class:`PlanDocument` with reportlab's platypus and leaves,
at the end, one empty box per counsellor for the visible cryptographic signature fields; it
returns their rectangles so that :mod:`spie_desktop.plan.signing` places the fields there.
Nothing touches the disk: the PDF is built in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from spie_desktop.domain.plan import SignerRole

from .chart import barrier_chart
from .document import ObjectiveBlock, PlanDocument
from .fonts import BOLD, REGULAR, register_fonts
from .handwriting import HandwrittenSignatures
from .page import A4_PAGE, FRAME_WIDTH, MARGIN, body_frame, paragraph
from .pictogram_drawing import Pictogram, theme_picture
from .reading import (
    ACTION_COLUMNS,
    COMMITMENTS_HEADING,
    NO_ACTION,
    NO_OBJECTIVE,
    OBJECTIVES_HEADING,
    action_cells,
    contract_sentence,
    long_date,
    next_review_sentence,
    objective_heading,
    short_date,
)

FIELD_HEIGHT = 46.0
FIELD_GAP = 12.0
FOOTER_SIZE = 8
#: The person reads this plan: body text at 12 pt.
BODY_SIZE = 12
FOOTER_Y = 10 * mm
FOOTER_COLOUR = colors.HexColor("#555555")
TOTAL_FORM = "pageTotal"
#: The theme's pictogram beside each objective's heading, and the gap after it.
PICTOGRAM_SIZE = 24.0
PICTOGRAM_GAP = 6.0
#: The counsellors whose key signs the PDF, in signing order.
CRYPTO_SIGNERS = (SignerRole.SOCIAL, SignerRole.EMPLOI)

Box = tuple[int, float, float, float, float]  # page index, x1, y1, x2, y2 (PDF points)


@dataclass(frozen=True, slots=True)
class RenderedPlan:
    pdf: bytes
    signature_boxes: dict[SignerRole, Box]
    page_count: int


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=18, leading=22, spaceAfter=4
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=14,
            leading=17,
            spaceBefore=10,
            keepWithNext=1,
            spaceAfter=4,
            textColor=colors.HexColor("#1f3a5f"),
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=10, leading=12.5),
        "cell": ParagraphStyle("cell", parent=body, fontSize=10.5, leading=13),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=BOLD, fontSize=10.5, leading=13
        ),
        "quote": ParagraphStyle(
            "quote",
            parent=body,
            fontSize=BODY_SIZE,
            leading=BODY_SIZE * 1.35,
            leftIndent=10,
            borderPadding=(4, 6, 4, 6),
            backColor=colors.HexColor("#f3f6fa"),
        ),
    }


class _Heading(Paragraph):
    """A heading that becomes an outline entry (bookmark) of the PDF."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(escape(text), style)
        self.outline_text = text
        self.outline_level = level


class _SignatureFieldSlots(Flowable):
    """Empty framed boxes where the counsellors' signature fields go; remembers where."""

    def __init__(self, boxes: dict[SignerRole, Box]) -> None:
        super().__init__()
        self.boxes = boxes
        self.width = FRAME_WIDTH
        self.height = FIELD_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        box_width = (self.width - FIELD_GAP) / 2
        origin_x, origin_y = canvas.absolutePosition(0, 0)
        page = canvas.getPageNumber() - 1
        for index, role in enumerate(CRYPTO_SIGNERS):
            x = index * (box_width + FIELD_GAP)
            canvas.setStrokeColor(colors.HexColor("#b5c3d6"))
            canvas.setLineWidth(0.5)
            canvas.rect(x, 0, box_width, self.height)
            self.boxes[role] = (
                page,
                round(origin_x + x, 2),
                round(origin_y, 2),
                round(origin_x + x + box_width, 2),
                round(origin_y + self.height, 2),
            )


class _FooterCanvas(Canvas):
    """Writes the page total once known: every footer shows it through one shared form."""

    def save(self) -> None:
        self.beginForm(TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.setFillColor(FOOTER_COLOUR)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


def render_plan_pdf(doc: PlanDocument) -> RenderedPlan:
    """The plan as PDF bytes, with the rectangles left for the two signature fields."""
    register_fonts()
    styles = _styles()
    boxes: dict[SignerRole, Box] = {}
    out = BytesIO()
    template = BaseDocTemplate(
        out,
        **A4_PAGE,
        title=doc.title,
        author=", ".join(c.name for c in doc.counsellors),
        subject="Plan d'action — diagnostic partagé du service public de l'insertion et de l'emploi",
        creator="spie-desktop",
        producer="spie-desktop",
        keywords=f"plan {doc.short_id}, version {doc.plan_version}",
        lang="fr-FR",
        initialFontName=REGULAR,
        initialFontSize=10,
        pageCompression=1,
    )
    footer = f"Plan {doc.short_id} · version {doc.plan_version}"

    def draw_footer(canvas: Canvas, _template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setFillColor(FOOTER_COLOUR)
        text = f"{footer} · page {canvas.getPageNumber()}/"
        canvas.drawString(MARGIN, FOOTER_Y, text)
        canvas.translate(MARGIN + canvas.stringWidth(text, REGULAR, FOOTER_SIZE), FOOTER_Y)
        canvas.doForm(TOTAL_FORM)  # defined when the document is saved
        canvas.restoreState()

    frame = body_frame()
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw_footer)])
    template.afterFlowable = lambda flowable: _bookmark(template, flowable)  # type: ignore[method-assign]
    template.build(_story(doc, styles, boxes), canvasmaker=_FooterCanvas)
    return RenderedPlan(pdf=out.getvalue(), signature_boxes=boxes, page_count=template.page)


def _bookmark(template: BaseDocTemplate, flowable: Flowable) -> None:
    if isinstance(flowable, _Heading):
        canvas = template.canv
        key = f"h{id(flowable)}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(flowable.outline_text, key, level=flowable.outline_level)


def _story(
    doc: PlanDocument, s: dict[str, ParagraphStyle], boxes: dict[SignerRole, Box]
) -> list[Flowable]:
    story: list[Flowable] = [_Heading(doc.title, s["title"])]
    # No sex or gender is recorded, so no "né"/"née": the date says it without one.
    born = f" — date de naissance : {short_date(doc.birth_date)}" if doc.birth_date else ""
    story.append(paragraph(f"{doc.person_name}{born}", s["body"]))
    where = f"à {doc.place}, " if doc.place else ""
    story.append(paragraph(f"Établi {where}le {long_date(doc.day)}.", s["body"]))
    for counsellor in doc.counsellors:
        structure = f", {counsellor.structure_name}" if counsellor.structure_name else ""
        story.append(
            paragraph(f"{counsellor.field_label} : {counsellor.name}{structure}", s["body"])
        )

    story.append(_Heading("Votre situation aujourd'hui", s["h1"]))
    story.append(
        paragraph("Les freins que nous avons repérés ensemble, thème par thème :", s["small"])
    )
    story.append(Spacer(1, 3))
    story.append(barrier_chart(doc.barriers, FRAME_WIDTH))
    if doc.situations:
        story.append(Spacer(1, 4))
        for theme, labels in doc.situations:
            story.append(paragraph(f"{theme} : " + " ; ".join(labels) + ".", s["small"]))
    if doc.strengths:
        story.append(paragraph("Vos atouts : " + " ; ".join(doc.strengths) + ".", s["body"]))

    story.append(_Heading("Votre projet, avec vos mots", s["h1"]))
    story.append(paragraph(f"« {doc.project_text} »" if doc.project_text else "—", s["quote"]))
    if doc.priorities:
        story.append(Spacer(1, 4))
        story.append(paragraph("Nos priorités communes :", s["body"]))
        for number, priority in enumerate(doc.priorities, start=1):
            story.append(paragraph(f"{number}. {priority}", s["body"]))

    story.append(_Heading(OBJECTIVES_HEADING, s["h1"]))
    story.append(_objectives_table(doc, s))
    if doc.next_review:
        story.append(Spacer(1, 4))
        story.append(paragraph(next_review_sentence(doc.next_review), s["body"]))

    story.append(_Heading(COMMITMENTS_HEADING, s["h1"]))
    if doc.contract_label:
        story.append(paragraph(contract_sentence(doc.contract_label), s["body"]))
    for line in doc.commitments:
        story.append(paragraph(line, s["body"]))
    # The last section and the signatures go on one page: signatures alone on a last page
    # would sign a page that says nothing.
    closing: list[Flowable] = [_Heading("Vos données personnelles", s["h1"])]
    closing.append(paragraph(doc.consent_wording, s["small"]))
    if doc.consent_scopes:
        closing.append(paragraph("Vous avez donné votre accord pour :", s["small"]))
        for scope in doc.consent_scopes:
            closing.append(paragraph(f"• {scope}", s["small"]))
    if doc.consent_version:
        closing.append(
            paragraph(f"Texte d'information, version {doc.consent_version}.", s["small"])
        )

    signatures: list[Flowable] = [
        *closing,
        _Heading("Signatures", s["h1"]),
        HandwrittenSignatures(doc.signatures, FRAME_WIDTH, REGULAR, BOLD),
        Spacer(1, 6),
        paragraph(
            "Signatures électroniques des conseillers (elles garantissent que ce document "
            "n'a pas été modifié après sa signature) :",
            s["small"],
        ),
        Spacer(1, 3),
        _SignatureFieldSlots(boxes),
    ]
    story.append(KeepTogether(signatures))
    return story


#: Each action column's share of the frame's width.
OBJECTIVE_COLUMN_WIDTHS = (0.27, 0.23, 0.165, 0.165, 0.17)


def _objective_heading(objective: ObjectiveBlock, s: dict[str, ParagraphStyle]) -> Flowable:
    """The objective's heading, its theme's pictogram on the left when it has one."""
    heading = paragraph(objective_heading(objective), s["cell_head"])
    picture = theme_picture(objective.theme)
    if picture is None:
        return heading
    # The heading row spans the table; its cell has the table's 6 pt side paddings.
    text_width = FRAME_WIDTH - 12 - PICTOGRAM_SIZE - PICTOGRAM_GAP
    cell = Table(
        [[Pictogram(picture, PICTOGRAM_SIZE), heading]],
        colWidths=[PICTOGRAM_SIZE + PICTOGRAM_GAP, text_width],
    )
    cell.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, not embedded
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return cell


def _objectives_table(doc: PlanDocument, s: dict[str, ParagraphStyle]) -> Flowable:
    if not doc.objectives:
        return paragraph(NO_OBJECTIVE, s["body"])
    rows: list[list[Any]] = [[paragraph(h, s["cell_head"]) for h in ACTION_COLUMNS]]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f3a5f")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    for objective in doc.objectives:
        row = len(rows)
        rows.append([_objective_heading(objective, s), "", "", "", ""])
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#e8eef6")),
        ]
        if not objective.actions:
            rows.append([paragraph(NO_ACTION, s["cell"]), "", "", "", ""])
            commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        for action in objective.actions:
            rows.append([paragraph(cell, s["cell"]) for cell in action_cells(action)])
            if action.offer:
                rows.append([paragraph(action.offer, s["cell"]), "", "", "", ""])
                commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            commands.append(
                (
                    "LINEBELOW",
                    (0, len(rows) - 1),
                    (-1, len(rows) - 1),
                    0.3,
                    colors.HexColor("#cccccc"),
                )
            )
    widths = OBJECTIVE_COLUMN_WIDTHS
    table = Table(rows, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
