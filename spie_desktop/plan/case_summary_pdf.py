"""The anonymised case summary as a PDF, for a multi-agency meeting and for screen sharing.

A :class:`CaseSummary` in (plain data, already anonymised by the service that built it),
bytes out, built in memory. A4 portrait, DejaVu Sans embedded, the plan's barriers chart.
The PDF's metadata say what the document is and nothing of whom: no person, no counsellor
(reportlab would otherwise write "anonymous" as author and its own name as producer).
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
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

from spie_desktop.domain.case_summary import CaseSummary, TriedAction
from spie_desktop.forms import BarrierWeight

from .chart import barrier_chart
from .document import BarrierLine
from .fonts import BOLD, REGULAR, register_fonts
from .page import A4_PAGE, FRAME_WIDTH, MARGIN, body_frame, paragraph

TITLE = "Revue de situation — résumé anonymisé"
ANONYMISED = "Document anonymisé pour une réunion pluri-partenariale"
KEEP_NOTE = (
    "Ce résumé ne nomme personne : seule la structure qui accompagne la personne relie la "
    "référence à son dossier. Ne le complétez d'aucun élément qui permettrait de la "
    "reconnaître ; détruisez-le après la réunion."
)
PRODUCER = "spie-desktop"
BODY_SIZE = 10.5
FOOTER_SIZE = 8
INK = colors.HexColor("#1f3a5f")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#cccccc")


def summary_metadata(summary: CaseSummary) -> dict[str, str]:
    """The document information dictionary: the kind of document and its reference."""
    return {
        "title": f"{TITLE} — {summary.reference}",
        "author": PRODUCER,
        "subject": ANONYMISED,
        "creator": PRODUCER,
        "producer": PRODUCER,
        "keywords": f"revue de situation, {summary.reference}",
    }


def render_case_summary_pdf(summary: CaseSummary) -> bytes:
    register_fonts()
    s = _styles()
    out = BytesIO()
    template = BaseDocTemplate(
        out,
        **A4_PAGE,
        lang="fr-FR",
        initialFontName=REGULAR,
        initialFontSize=10,
        pageCompression=1,
        invariant=1,  # no creation date: the day of the meeting is no business of the file
        **summary_metadata(summary),
    )
    footer = f"{summary.reference} · {ANONYMISED}"

    def draw_footer(canvas: Canvas, _template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 10 * mm, footer)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, f"page {canvas.getPageNumber()}")
        canvas.restoreState()

    template.addPageTemplates([PageTemplate(id="page", frames=[body_frame()], onPage=draw_footer)])
    template.build(_story(summary, s))
    return out.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=21),
        "reference": ParagraphStyle(
            "reference", parent=body, fontName=BOLD, fontSize=14, leading=18, textColor=INK
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=12.5,
            leading=16,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
            textColor=INK,
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5, textColor=GREY),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "cell_head": ParagraphStyle(
            "cell_head", parent=body, fontName=BOLD, fontSize=9.5, leading=12
        ),
        "question": ParagraphStyle(
            "question",
            parent=body,
            fontName=BOLD,
            borderColor=INK,
            borderWidth=0.8,
            borderPadding=5,
            backColor=colors.HexColor("#f3f6fa"),
        ),
        "quote": ParagraphStyle(
            "quote",
            parent=body,
            leftIndent=10,
            backColor=colors.HexColor("#f5f6f8"),
            borderPadding=3,
        ),
    }


def _story(summary: CaseSummary, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [
        paragraph(TITLE, s["title"]),
        Spacer(1, 2 * mm),
        paragraph(f"Référence : {summary.reference}", s["reference"]),
        paragraph(ANONYMISED, s["body"]),
        paragraph(KEEP_NOTE, s["small"]),
        Spacer(1, 3 * mm),
        paragraph("Question posée au groupe", s["h1"]),
        paragraph(summary.question, s["question"]),
        paragraph("La personne", s["h1"]),
    ]
    facts = [("Âge", summary.age_band)]
    if summary.sex:
        facts.append(("Sexe", summary.sex))
    facts += [("Département", summary.departement), ("Composition du foyer", summary.household)]
    story.append(_facts(facts, s))

    story.append(paragraph("Freins par thème", s["h1"]))
    if summary.barriers:
        story.append(
            barrier_chart(
                [_barrier(b.theme_label, b.weight) for b in summary.barriers], FRAME_WIDTH
            )
        )
        for line in summary.barriers:
            if line.situations:
                story.append(
                    paragraph(
                        f"{line.theme_label} : " + " ; ".join(line.situations) + ".", s["cell"]
                    )
                )
    else:
        story.append(paragraph("Pas encore de diagnostic partagé.", s["body"]))
    if summary.sensitive_hidden:
        story.append(
            paragraph(
                "Les thèmes sensibles (santé) n'y figurent pas : la personne n'a pas accepté "
                "qu'ils soient imprimés.",
                s["small"],
            )
        )

    story.append(paragraph("Le parcours", s["h1"]))
    origin = "Mois 0 : début du parcours (orientation ou première étape)."
    if summary.current_month is not None:
        origin += f" La situation est présentée au mois {summary.current_month}."
    story.append(paragraph(origin, s["small"]))
    if summary.parcours:
        story.append(
            _table(("Quand", "Étape"), [(p.when, p.label) for p in summary.parcours], (0.2, 0.8), s)
        )
    else:
        story.append(paragraph("Aucune étape enregistrée.", s["body"]))

    story.append(paragraph("Ce qui a été essayé", s["h1"]))
    story.append(_actions(summary.tried, "Aucune action du plan en cours.", s))
    story.append(paragraph("Ce qui s'est arrêté, et pourquoi", s["h1"]))
    story.append(_actions(summary.stopped, "Aucune action abandonnée ou annulée.", s))

    story.append(paragraph("Notes relues par le conseiller", s["h1"]))
    if not summary.notes:
        story.append(paragraph("Aucune note retenue.", s["body"]))
    for note in summary.notes:  # a note never starts on one page and ends on the next
        story.append(
            KeepTogether(
                [
                    paragraph(note.source, s["cell_head"]),
                    paragraph(note.text, s["quote"]),
                    Spacer(1, 2 * mm),
                ]
            )
        )
    return story


def _barrier(theme_label: str, weight: str | None) -> BarrierLine:
    return BarrierLine(theme_label, BarrierWeight(weight) if weight else None)


def _facts(facts: list[tuple[str, str]], s: dict[str, ParagraphStyle]) -> Flowable:
    rows = [
        [paragraph(label, s["cell_head"]), paragraph(value, s["cell"])] for label, value in facts
    ]
    table = Table(rows, colWidths=[0.3 * FRAME_WIDTH, 0.7 * FRAME_WIDTH])
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE)]
        )
    )
    return table


def _actions(
    actions: tuple[TriedAction, ...], empty: str, s: dict[str, ParagraphStyle]
) -> Flowable:
    if not actions:
        return paragraph(empty, s["body"])
    rows = [(a.theme_label, a.label, a.status_label, a.period or "—") for a in actions]
    return _table(("Thème", "Action", "Statut", "Quand"), rows, (0.19, 0.41, 0.18, 0.22), s)


def _table(
    head: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
    widths: tuple[float, ...],
    s: dict[str, ParagraphStyle],
) -> Flowable:
    data = [[paragraph(h, s["cell_head"]) for h in head]]
    data += [[paragraph(cell, s["cell"]) for cell in row] for row in rows]
    table = Table(data, colWidths=[w * FRAME_WIDTH for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
            ]
        )
    )
    return table
