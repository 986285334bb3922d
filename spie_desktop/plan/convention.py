"""The draft PMSMP convention as a PDF: the sections the Cerfa 13912 asks for, filled from a
:class:`ConventionDraft`, for the prescriber who validates and signs the convention.

Before the sections, the explanation to the person (``convention.*`` of the person-facing
language layer): in their language with the French below, as in their plan; so is the
footer of every page (what the document is, « Page 1 sur 2 »). The sections themselves are
the Cerfa's, for the prescriber: in French.

Built in memory (bytes out); the metadata name the kind of document, never the person.
"""

from __future__ import annotations

from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate, Spacer, Table, TableStyle

from spie_desktop.domain.immersion_convention import ConventionDraft
from spie_desktop.domain.plan_problems import day_text

from .bilingual import BilingualWriter
from .fonts import BOLD, REGULAR, register_fonts
from .footer import footed_canvas, page_footer
from .page import A4_PAGE, FRAME_WIDTH, body_frame, paragraph
from .wording import PlanWords

TITLE = "Projet de convention de mise en situation en milieu professionnel (PMSMP)"
NOTICE = (
    "Projet préparé avec la personne, à transmettre à la structure prescriptrice : elle seule "
    "valide la convention (Cerfa n° 13912) et la signe avec la personne, l'entreprise "
    "d'accueil et, le cas échéant, la structure d'accompagnement. Ce projet n'engage "
    "personne tant qu'il n'est pas signé."
)
PRODUCER = "spie-desktop"
INK = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#cccccc")
BODY_SIZE = 10
#: The explanation to the person, sentence by sentence.
EXPLANATION_KEYS = (
    "convention.what",
    "convention.draft",
    "convention.prescriber",
    "convention.signers",
    "convention.status",
    "convention.tutor",
)


def render_convention_pdf(draft: ConventionDraft, words: PlanWords | None = None) -> bytes:
    """The draft as PDF bytes; ``words``: the person's language (French alone by default)."""
    register_fonts()
    s = _styles()
    words = words if words is not None else PlanWords()
    out = BytesIO()
    template = BaseDocTemplate(
        out,
        **A4_PAGE,
        lang="fr-FR",
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
        pageCompression=1,
        title=TITLE,
        author=PRODUCER,
        creator=PRODUCER,
        producer=PRODUCER,
        subject="Projet de convention PMSMP",
    )

    template.addPageTemplates([PageTemplate(id="page", frames=[body_frame()])])
    footer = page_footer(words, words.say("convention.footer"))
    template.build(_explanation(words, s) + _story(draft, s), canvasmaker=footed_canvas(footer))
    return out.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
            textColor=INK,
        ),
        "body": body,
        "notice": ParagraphStyle(
            "notice",
            parent=body,
            borderColor=INK,
            borderWidth=0.8,
            borderPadding=5,
            backColor=colors.HexColor("#f3f6fa"),
        ),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, fontSize=9.5, leading=12),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5),
    }


def _explanation(words: PlanWords, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """What an immersion is and what this draft is, worded for the person."""
    w = BilingualWriter(words, s)
    story: list[Flowable] = w.heading(words.say("convention.title"))
    for key in EXPLANATION_KEYS:
        story += w.lines(words.say(key))
    if words.bilingual:
        story += w.lines(words.say("plan.french_reference"), "small")
    story.append(Spacer(1, 4 * mm))
    return story


def _fields(rows: list[tuple[str, str]], s: dict[str, ParagraphStyle]) -> Table:
    table = Table(
        [
            [paragraph(label, s["label"]), paragraph(value or "—", s["cell"])]
            for label, value in rows
        ],
        colWidths=[FRAME_WIDTH * 0.32, FRAME_WIDTH * 0.68],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # else Helvetica, not embedded
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _hours(hours: float | None) -> str:
    return "" if hours is None else f"{hours:g}".replace(".", ",") + " h par semaine"


def _story(d: ConventionDraft, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    b, c, t = d.beneficiary, d.company, d.tutor
    periods = "\n".join(f"du {day_text(p.start)} au {day_text(p.end)}" for p in d.periods)
    trade = " — ".join(part for part in (d.trade_code, d.trade_label) if part)
    return [
        paragraph(TITLE, s["title"]),
        Spacer(1, 3 * mm),
        paragraph(NOTICE, s["notice"]),
        paragraph("1. Bénéficiaire", s["h1"]),
        _fields(
            [
                ("Nom et prénom", f"{b.last_name.upper()} {b.first_name}"),
                ("Date de naissance", day_text(b.birth_date) if b.birth_date else ""),
                ("Commune", b.commune),
                ("Téléphone", b.phone),
                ("Courriel", b.email),
            ],
            s,
        ),
        paragraph("2. Structure prescriptrice", s["h1"]),
        _fields(
            [
                ("Structure", d.prescriber.structure),
                ("Conseiller·ère référent·e", d.prescriber.counsellor),
            ],
            s,
        ),
        paragraph("3. Entreprise d'accueil", s["h1"]),
        _fields(
            [
                ("Raison sociale", c.name),
                ("SIRET", c.siret),
                ("Adresse", c.address),
                ("Commune", c.commune),
                ("Secteur d'activité (NAF)", c.sector),
            ],
            s,
        ),
        paragraph("4. Tuteur ou tutrice dans l'entreprise", s["h1"]),
        _fields(
            [
                ("Nom et prénom", t.name),
                ("Fonction", t.function),
                ("Téléphone", t.phone),
                ("Courriel", t.email),
            ],
            s,
        ),
        paragraph("5. Objectif de l'immersion", s["h1"]),
        _fields(
            [
                ("Objectif", d.objective.label),
                ("Renouvellement", "oui" if d.renewal else "non"),
            ],
            s,
        ),
        paragraph("6. Périodes et horaires", s["h1"]),
        _fields(
            [
                ("Périodes", periods),
                ("Durée totale", f"{d.days} jour" + ("s" if d.days > 1 else "")),
                ("Durée hebdomadaire", _hours(d.weekly_hours)),
            ],
            s,
        ),
        paragraph("7. Métier et activités", s["h1"]),
        _fields([("Métier (code ROME)", trade), ("Activités confiées", d.activities)], s),
        paragraph("8. Compétences à observer", s["h1"]),
        _fields([("Compétences", d.skills)], s),
    ]
