"""The right-of-access PDF (RGPD art. 15): what the store holds on one person, to be read.

:class:`AccessDocument` is plain text already in French (labels, not keys; dates in the
territory's time zone), so rendering needs no domain knowledge; the service that reads the
store builds it. A4, DejaVu Sans embedded, headings in the outline, a footer with the page
number on every page. Nothing touches the disk: the PDF is built in memory.
"""

from __future__ import annotations

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

from .access_document import (
    AccessDocument,
    AuditLine,
    Chapter,
    Line,
    ObjectiveLine,
    PlanBlock,
    Section,
)
from .fonts import BOLD, REGULAR, register_fonts
from .page import A4_PAGE, FRAME_WIDTH, MARGIN, body_frame, paragraph

BODY_SIZE = 10.5
FOOTER_Y = 10 * mm
FOOTER_SIZE = 8
INK = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#cccccc")
BAND = colors.HexColor("#e8eef6")
GREY = colors.HexColor("#555555")

__all__ = [
    "AccessDocument",
    "AuditLine",
    "Chapter",
    "INTRODUCTION",
    "Line",
    "ObjectiveLine",
    "PlanBlock",
    "Section",
    "render_access_pdf",
]


INTRODUCTION = (
    "Ce document rassemble toutes les informations que la structure qui vous accompagne "
    "conserve à votre sujet dans l'outil du diagnostic partagé, au titre de votre droit "
    "d'accès (article 15 du règlement général sur la protection des données). Vous pouvez "
    "demander à tout moment qu'elles soient corrigées ou, dans les cas prévus par la loi, "
    "effacées. Le même contenu est joint au format JSON, lisible par un ordinateur."
)


def render_access_pdf(doc: AccessDocument) -> bytes:
    register_fonts()
    s = _styles()
    out = BytesIO()
    template = BaseDocTemplate(
        out,
        **A4_PAGE,
        title="Vos données personnelles — droit d'accès",
        subject="Droit d'accès (RGPD, article 15)",
        creator="spie-desktop",
        producer="spie-desktop",
        lang="fr-FR",
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
        pageCompression=1,
    )

    def footer(canvas: Canvas, _template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setFillColor(GREY)
        canvas.drawString(
            MARGIN,
            FOOTER_Y,
            f"Droit d'accès · {doc.reference} · établi le {doc.generated} · "
            f"page {canvas.getPageNumber()}",
        )
        canvas.restoreState()

    frame = body_frame()
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    template.afterFlowable = lambda f: _bookmark(template, f)  # type: ignore[method-assign]
    template.build(_story(doc, s))
    return out.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    heading = ParagraphStyle(
        "h1",
        parent=body,
        fontName=BOLD,
        fontSize=14,
        leading=17,
        spaceBefore=12,
        spaceAfter=4,
        keepWithNext=1,
        textColor=INK,
    )
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=22),
        "h1": heading,
        "h2": ParagraphStyle(
            "h2", parent=heading, fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=2
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "label": ParagraphStyle("label", parent=body, fontSize=9.5, leading=12, textColor=GREY),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=9.5, leading=12),
        "audit": ParagraphStyle("audit", parent=body, fontSize=9, leading=11.5),
    }


class _Heading(Paragraph):
    def __init__(self, text: str, style: ParagraphStyle, level: int) -> None:
        super().__init__(escape(text), style)
        self.outline = (text, level)


def _bookmark(template: BaseDocTemplate, flowable: Flowable) -> None:
    if isinstance(flowable, _Heading):
        text, level = flowable.outline
        key = f"h{id(flowable)}"
        template.canv.bookmarkPage(key)
        template.canv.addOutlineEntry(text, key, level=level)


def _story(doc: AccessDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        _Heading("Vos données personnelles", s["title"], 0),
        Spacer(1, 4),
        paragraph(
            f"{doc.person_name} — document établi le {doc.generated}, {doc.territory}.", s["body"]
        ),
        Spacer(1, 6),
        paragraph(INTRODUCTION, s["small"]),
        _Heading("Votre identité", s["h1"], 0),
        _lines_table(doc.identity, s),
        _Heading("Vos consentements", s["h1"], 0),
    ]
    if not doc.consents:
        story.append(paragraph("Aucun consentement n'a été recueilli.", s["body"]))
    for consent in doc.consents:
        story.extend(_section(consent, s))
    story.append(_Heading("Vos entretiens de diagnostic", s["h1"], 0))
    if not doc.interviews:
        story.append(paragraph("Aucun entretien.", s["body"]))
    for head, themes in doc.interviews:
        story.append(_Heading(head.title, s["h2"], 1))
        story.append(_lines_table(head.lines, s))
        story.append(Spacer(1, 6))
        for theme in themes:
            story.extend(_section(theme, s))
    story.append(_Heading("Vos plans d'action", s["h1"], 0))
    if not doc.plans:
        story.append(paragraph("Aucun plan d'action.", s["body"]))
    for plan in doc.plans:
        story.append(_Heading(plan.title, s["h2"], 1))
        if plan.lines:
            story.append(_lines_table(plan.lines, s))
        story.append(_objectives_table(plan.objectives, s))
    story.append(_Heading("Le suivi de votre parcours", s["h1"], 0))
    story.append(
        _lines_table(doc.events, s)
        if doc.events
        else paragraph("Aucun suivi enregistré.", s["body"])
    )
    for chapter in doc.chapters:
        story.append(_Heading(chapter.title, s["h1"], 0))
        if not chapter.sections:
            story.append(paragraph(chapter.empty, s["body"]))
        for section in chapter.sections:
            story.extend(_section(section, s))
    story.append(_Heading("Qui a consulté ou modifié votre dossier", s["h1"], 0))
    story.append(
        paragraph(
            "Résumé du journal de l'outil : chaque création, modification, signature ou "
            "export de votre dossier y est noté, avec son auteur et sa date.",
            s["small"],
        )
    )
    story.append(Spacer(1, 3))
    story.append(_audit_table(doc.audit, s))
    return story


def _section(section: Section, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A short section stays on one page; a long one flows, its title kept with it."""
    title = paragraph(section.title, s["head"])
    title.keepWithNext = 1
    parts: list[Flowable] = [title, Spacer(1, 2)]
    if section.lines:
        parts.append(_lines_table(section.lines, s))
    parts.append(Spacer(1, 5))
    return [KeepTogether(parts)] if len(section.lines) < 12 else parts


def _lines_table(lines: tuple[Line, ...], s: dict[str, ParagraphStyle]) -> Flowable:
    rows = [
        [paragraph(line.label, s["label"]), paragraph(line.value or "—", s["cell"])]
        for line in lines
    ]
    # yes/no answers (consents) leave the room to their long labels
    label_share = 0.8 if all(len(line.value) <= 5 for line in lines) else 0.36
    widths = [label_share * FRAME_WIDTH, (1 - label_share) * FRAME_WIDTH]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _objectives_table(objectives: tuple[ObjectiveLine, ...], s: dict[str, Any]) -> Flowable:
    if not objectives:
        return paragraph("Aucun objectif n'a été fixé.", s["body"])
    rows: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for objective in objectives:
        commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), BAND))
        rows.append(
            [
                paragraph(f"Objectif : {objective.label}", s["head"]),
                paragraph(objective.status, s["cell"]),
            ]
        )
        if not objective.actions:
            rows.append([paragraph("Aucune action pour l'instant.", s["cell"]), ""])
        for action in objective.actions:
            rows.append([paragraph(f"• {action}", s["cell"]), ""])
            commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    table = Table(rows, colWidths=[0.78 * FRAME_WIDTH, 0.22 * FRAME_WIDTH])
    table.setStyle(TableStyle(commands))
    return table


def _audit_table(audit: tuple[AuditLine, ...], s: dict[str, ParagraphStyle]) -> Flowable:
    if not audit:
        return paragraph("Aucune entrée.", s["body"])
    head = ["Quoi", "Action", "Fois", "Première", "Dernière", "Par"]
    rows: list[list[Any]] = [[paragraph(h, s["head"]) for h in head]]
    for line in audit:
        cells = (line.what, line.action, str(line.count), line.first, line.last, line.by)
        rows.append([paragraph(cell, s["audit"]) for cell in cells])
    widths = [0.17, 0.19, 0.075, 0.195, 0.195, 0.175]
    table = Table(rows, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table
