"""The point de situation as a PDF list for the team meeting: landscape A4, one line a
person, a header naming the territory, the day and the filters, and on every page the
warning that the list names people and stays within the team.

Plain data in (texts already formatted), bytes out: the service decides what goes in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate

from .fonts import BOLD, REGULAR, register_fonts

TEAM_ONLY_FR = (
    "Document de travail pour l'équipe : il nomme des personnes accompagnées. "
    "Il ne doit pas quitter l'équipe ; détruisez-le après la réunion."
)

COLUMNS = (
    "Nom",
    "Structure",
    "Conseillers",
    "Étape",
    "Dernier contact",
    "Prochaine étape",
    "Attente",
    "Alertes",
)
#: The days waiting are a number of days: say so once, in the header line.
WAITING_NOTE = "Attente : jours depuis la dernière étape du parcours."
#: Column widths in mm (landscape A4 is 297 mm wide; 15 mm margins).
WIDTHS = (38, 30, 34, 26, 22, 52, 18, 47)


@dataclass(frozen=True)
class SituationList:
    territory: str
    day: str  # jj/mm/aaaa
    filters: str  # the filters applied, in French ("aucun filtre" when none)
    #: One tuple per person, in :data:`COLUMNS` order.
    lines: Sequence[tuple[str, ...]]


def render_situation_list(doc: SituationList) -> bytes:
    register_fonts()
    out = BytesIO()
    page = landscape(A4)
    template = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title="Point de situation — pour l'équipe",
        author="spie-desktop",
    )
    title = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5)
    warning = ParagraphStyle(
        "warning",
        parent=body,
        fontName=BOLD,
        textColor=colors.HexColor("#8a1c1c"),
        borderColor=colors.HexColor("#8a1c1c"),
        borderWidth=0.8,
        borderPadding=4,
    )
    cell = ParagraphStyle("cell", fontName=REGULAR, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=cell, fontName=BOLD)

    def footer(canvas: Canvas, template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(15 * mm, 8 * mm, "Pour l'équipe uniquement — ne pas diffuser.")
        canvas.drawRightString(page[0] - 15 * mm, 8 * mm, f"Page {template.page}")
        canvas.restoreState()

    story = [
        Paragraph(escape(f"Point de situation — {doc.territory}"), title),
        Spacer(1, 2 * mm),
        Paragraph(escape(f"Au {doc.day} · {len(doc.lines)} personne(s)"), body),
        Paragraph(escape(f"Filtres : {doc.filters}"), body),
        Paragraph(escape(WAITING_NOTE), body),
        Spacer(1, 3 * mm),
        Paragraph(escape(TEAM_ONLY_FR), warning),
        Spacer(1, 4 * mm),
    ]
    data = [[Paragraph(escape(c), head) for c in COLUMNS]]
    data += [[Paragraph(_cell(c), cell) for c in line] for line in doc.lines]
    table = LongTable(data, colWidths=[w * mm for w in WIDTHS], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa3ad")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f5f6f8")]),
            ]
        )
    )
    story.append(table)
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _cell(text: str) -> str:
    """Escaped for a paragraph; a line break in the text stays a line break."""
    return "<br/>".join(escape(part) for part in text.split("\n"))
