"""The plan PDF: A4, plain French, DejaVu Sans embedded, headings in the outline.

:func:`render_plan_pdf` lays out a :class:`PlanDocument` with reportlab's platypus and leaves,
at the end, one empty box per counsellor for the visible cryptographic signature fields; it
returns their rectangles so that :mod:`spie_desktop.plan.signing` places the fields there.
Nothing touches the disk: the PDF is built in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from spie_desktop.domain.plan import REQUIRED_SIGNERS, SignerRole

from .bilingual import BilingualWriter, Heading, RightToLeftHeading
from .chart import barrier_chart
from .crypto_signers import CRYPTO_SIGNERS
from .document import ENGAGEMENT_VALUES, CounsellorLine, PlanDocument
from .fonts import BOLD, REGULAR, register_fonts
from .footer import footed_canvas, page_footer
from .handwriting import HandwrittenSignatures
from .objectives_table import objectives_table
from .page import A4_PAGE, FRAME_WIDTH, body_frame, paragraph
from .reading import long_date, short_date
from .wording import PlanWords, Said, theme_name

__all__ = ["CRYPTO_SIGNERS", "long_date", "render_plan_pdf", "RenderedPlan"]

FIELD_HEIGHT = 46.0
FIELD_GAP = 12.0
#: The person reads this plan: body text at 12 pt.
BODY_SIZE = 12

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
    lead = doc.words.say("plan.footer", id=doc.short_id, version=str(doc.plan_version))
    template.addPageTemplates([PageTemplate(id="page", frames=[body_frame()])])
    template.afterFlowable = lambda flowable: _bookmark(template, flowable)  # type: ignore[method-assign]
    canvas = footed_canvas(page_footer(doc.words, lead))
    template.build(_story(doc, styles, boxes), canvasmaker=canvas)
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
    story: list[Flowable] = w.heading(words.say("plan.title", name=doc.person_name), "title")
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
        story += w.lines(_counsellor_said(words, counsellor))

    story += w.heading(words.say("plan.situation.heading"))
    story += w.lines(words.say("plan.situation.intro"), "small")
    story.append(Spacer(1, 3))
    story.append(barrier_chart(doc.barriers, FRAME_WIDTH, words))
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
            named = words.theme(theme_name(priority), priority)
            own = f"{number}. {named.own}" if named.own else ""
            story += w.lines(Said(f"{number}. {named.french}", own, named.fallback))

    story += w.heading(words.say("plan.objectives.heading"))
    story.append(objectives_table(doc, w))
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

    day = words.day(doc.day)
    signatures: list[Flowable] = [
        *closing,
        *w.heading(words.say("plan.signatures.heading")),
        *w.lines(
            words.say("plan.made_at_on", place=doc.place, date=day)
            if doc.place
            else words.say("plan.made_on", date=day),
            "small",
        ),
        Spacer(1, 3),
        HandwrittenSignatures(
            doc.signatures,
            FRAME_WIDTH,
            REGULAR,
            BOLD,
            [_role_said(words, line.role, line.role_label) for line in doc.signatures],
            words.right_to_left,
            words.say("plan.signature.typed", date=words.day(doc.day)),
        ),
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


def _counsellor_said(words: PlanWords, counsellor: CounsellorLine) -> Said:
    """« Conseiller ou conseillère (emploi) : Julien Roux, France Travail Rodez »."""
    role = (
        words.say(f"plan.role.{counsellor.field}")
        if counsellor.field
        else Said(counsellor.field_label)
    )
    if counsellor.structure_name:
        return words.say(
            "plan.counsellor_at",
            role=role,
            name=counsellor.name,
            structure=counsellor.structure_name,
        )
    return words.say("plan.counsellor", role=role, name=counsellor.name)


def _role_said(words: PlanWords, role: SignerRole, french_label: str) -> Said:
    """Who signs a box: the person, or a counsellor and their field."""
    return words.say(f"plan.role.{role.value}") if role in REQUIRED_SIGNERS else Said(french_label)


def _situation_line(words: PlanWords, theme: str, labels: tuple[str, ...]) -> Said:
    """« Logement : Hébergé chez un tiers ; … » in both languages."""
    theme_said = words.theme(theme_name(theme), theme)
    said = [words.label("situation", label) for label in labels]
    french = f"{theme} : " + " ; ".join(x.french for x in said) + "."
    if not words.bilingual:
        return Said(french)
    own = f"{theme_said.first}: " + " ; ".join(x.first for x in said) + "."
    return Said(french, own, theme_said.fallback or any(x.fallback for x in said))
