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

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from spie_desktop.domain.plan import SignerRole

from .bilingual import BilingualWriter, Heading, RightToLeftHeading
from .chart import barrier_chart
from .document import ENGAGEMENT_VALUES, ActionLine, ObjectiveBlock, PlanDocument
from .fonts import BOLD, REGULAR, register_fonts
from .handwriting import HandwrittenSignatures
from .page import A4_PAGE, FRAME_WIDTH, MARGIN, body_frame, paragraph
from .pictogram_drawing import Pictogram, theme_picture
from .reading import (
    ACTION_COLUMN_KEYS,
    action_cells,
    action_status,
    long_date,
    objective_said,
    short_date,
)
from .wording import PlanWords, Said, theme_name

__all__ = ["long_date", "render_plan_pdf", "RenderedPlan"]

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
    if isinstance(flowable, (Heading, RightToLeftHeading)):
        canvas = template.canv
        key = f"h{id(flowable)}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(flowable.outline_text, key, level=flowable.outline_level)


def _story(
    doc: PlanDocument, s: dict[str, ParagraphStyle], boxes: dict[SignerRole, Box]
) -> list[Flowable]:
    words = doc.words
    w = BilingualWriter(words, s)
    story: list[Flowable] = [Heading(doc.title, s["title"])]
    if words.bilingual:
        story += w.lines(words.say("plan.french_reference"), "small")
    # No sex or gender is recorded, so no "né"/"née": the date says it without one.
    story.append(paragraph(doc.person_name, s["body"]))
    if doc.birth_date:
        born = Said(short_date(doc.birth_date), short_date(doc.birth_date))
        story += w.lines(words.say("plan.birth_date", date=born))
    day = words.day(doc.day)
    if doc.place:
        story += w.lines(words.say("plan.made_at_on", place=doc.place, date=day))
    else:
        story += w.lines(words.say("plan.made_on", date=day))
    for counsellor in doc.counsellors:
        structure = f", {counsellor.structure_name}" if counsellor.structure_name else ""
        story.append(
            paragraph(f"{counsellor.field_label} : {counsellor.name}{structure}", s["body"])
        )

    story += w.heading(words.say("plan.situation.heading"))
    story += w.lines(words.say("plan.situation.intro"), "small")
    story.append(Spacer(1, 3))
    story.append(barrier_chart(doc.barriers, FRAME_WIDTH))
    if doc.situations:
        story.append(Spacer(1, 4))
        for theme, labels in doc.situations:
            story += w.lines(_situation_line(words, theme, labels), "small")
    if doc.strengths:
        story += w.lines(words.say("plan.strengths", list=" ; ".join(doc.strengths)))

    story += w.heading(words.say("plan.project.heading"))
    story.append(paragraph(f"« {doc.project_text} »" if doc.project_text else "—", s["quote"]))
    if doc.priorities:
        story.append(Spacer(1, 4))
        story += w.lines(words.say("plan.priorities"))
        for number, priority in enumerate(doc.priorities, start=1):
            story.append(paragraph(f"{number}. {priority}", s["body"]))

    story += w.heading(words.say("plan.objectives.heading"))
    story.append(_objectives_table(doc, w))
    if doc.next_review:
        story.append(Spacer(1, 4))
        story += w.lines(words.say("plan.next_review", date=words.day(doc.next_review)))

    story += w.heading(words.say("plan.commitments.heading"))
    if doc.contract_label:
        contract = (
            words.say(f"plan.contract.{doc.contract}") if doc.contract else Said(doc.contract_label)
        )
        story += w.lines(words.say("plan.contract", contract=contract))
        if doc.contract in ENGAGEMENT_VALUES:
            # What the contrat d'engagement is, in plain words, with its law reference.
            story += w.lines(words.say("plan.contract.about"))
    for index, line in enumerate(doc.commitments):
        known = doc.commitment_words[index] if index < len(doc.commitment_words) else None
        story += w.lines(known if known and known.french == line else Said(line))

    story += w.heading(words.say("next.heading"))
    for key in NEXT_KEYS:
        story += w.lines(words.say(key))
    # The last section and the signatures go on one page: signatures alone on a last page
    # would sign a page that says nothing.
    closing: list[Flowable] = w.heading(words.say("plan.data.heading"))
    closing += w.lines(words.consent(doc.consent_wording), "small")
    if doc.consent_scopes:
        closing += w.lines(words.say("plan.data.agreed"), "small")
        names = doc.consent_scope_names
        for index, scope in enumerate(doc.consent_scopes):
            said = words.say(f"consent.scope.{names[index]}") if index < len(names) else None
            said = said if said and said.french == scope else Said(scope)
            closing += w.lines(
                Said(f"• {said.french}", f"• {said.own}" if said.own else "", said.fallback),
                "small",
            )
    if doc.consent_version:
        closing += w.lines(words.say("consent.version", version=doc.consent_version), "small")

    signatures: list[Flowable] = [
        *closing,
        *w.heading(words.say("plan.signatures.heading")),
        HandwrittenSignatures(doc.signatures, FRAME_WIDTH, REGULAR, BOLD),
        Spacer(1, 6),
        *w.lines(words.say("plan.signatures.electronic"), "small"),
        Spacer(1, 3),
        _SignatureFieldSlots(boxes),
    ]
    story.append(KeepTogether(signatures))
    return story


#: The "what happens next" section, sentence by sentence.
NEXT_KEYS = (
    "next.copy",
    "next.actions",
    "next.review",
    "next.change",
    "next.contact",
    "next.withdraw",
)


def _situation_line(words: PlanWords, theme: str, labels: tuple[str, ...]) -> Said:
    """« Logement : Hébergé chez un tiers ; … » in both languages."""
    theme_said = words.theme(theme_name(theme), theme)
    said = [words.label("situation", label) for label in labels]
    french = f"{theme} : " + " ; ".join(x.french for x in said) + "."
    if not words.bilingual:
        return Said(french)
    own = f"{theme_said.first}: " + " ; ".join(x.first for x in said) + "."
    return Said(french, own, theme_said.fallback or any(x.fallback for x in said))


#: Each action column's share of the frame's width.
OBJECTIVE_COLUMN_WIDTHS = (0.27, 0.23, 0.165, 0.165, 0.17)


def _objective_heading(objective: ObjectiveBlock, w: BilingualWriter) -> Flowable | list[Flowable]:
    """The objective's heading, its theme's pictogram on the left when it has one."""
    lines = w.lines(objective_said(objective, w.words), "cell_head")
    heading: Flowable | list[Flowable] = lines[0] if len(lines) == 1 else lines
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


def _objectives_table(doc: PlanDocument, w: BilingualWriter) -> Flowable:
    words = doc.words
    if not doc.objectives:
        return KeepTogether(w.lines(words.say("plan.no_objective")))
    rows: list[list[Any]] = [[w.lines(words.say(k), "cell_head") for k in ACTION_COLUMN_KEYS]]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f3a5f")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ]
    for objective in doc.objectives:
        row = len(rows)
        rows.append([_objective_heading(objective, w), "", "", "", ""])
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#e8eef6")),
        ]
        if not objective.actions:
            rows.append([w.lines(words.say("plan.no_action"), "cell"), "", "", "", ""])
            commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        for action in objective.actions:
            rows.append([w.lines(cell, "cell") for cell in _action_cells(action, words)])
            if action.offer:
                rows.append([paragraph(action.offer, w.styles["cell"]), "", "", "", ""])
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


def _action_cells(action: ActionLine, words: PlanWords) -> tuple[Said, ...]:
    """One action under the columns, the label and status in both languages."""
    label, who, start, due, _status = action_cells(action)
    return (
        words.label("action", action.label),
        Said(who),
        Said(start),
        Said(due),
        action_status(action, words),
    )
