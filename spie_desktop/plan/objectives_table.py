"""The plan's table of objectives and actions: a heading row per objective (its theme's
pictogram on the left), then a row per action under the columns, in the person's language
with the French below."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from spie_desktop.domain.offers import LinkedOffer

from .bilingual import BilingualWriter
from .document import ActionLine, ObjectiveBlock, PlanDocument
from .fonts import REGULAR
from .page import FRAME_WIDTH, paragraph
from .pictogram_drawing import Pictogram, theme_picture
from .reading import ACTION_COLUMN_KEYS, action_cells, action_status, objective_said
from .wording import PlanWords, Said

#: The theme's pictogram beside each objective's heading, and the gap after it.
PICTOGRAM_SIZE = 24.0
PICTOGRAM_GAP = 6.0
NO_BREAK_SPACE = "\u00a0"


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


def objectives_table(doc: PlanDocument, w: BilingualWriter) -> Flowable:
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
            if action.linked_offer is not None:
                rows.append(
                    [w.lines(offer_said(action.linked_offer, words), "cell"), "", "", "", ""]
                )
                commands.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
            elif action.offer:
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


def offer_said(offer: LinkedOffer, words: PlanWords) -> Said:
    """« Offre liée : Auto-école sociale (Mission locale) — adresse — contact · tél. … » in
    both languages (the French as :meth:`LinkedOffer.sentence` writes it)."""

    def details(phone: Said) -> Said:
        named = f"{offer.name} ({offer.structure})" if offer.structure else offer.name
        link = offer.link if not (offer.phone or offer.email) else ""
        contact = [Said(p) for p in (offer.contact_name,) if p]
        contact += [phone] if offer.phone else []
        contact += [Said(p) for p in (offer.email, link) if p]
        french = [named, offer.address, " · ".join(c.french for c in contact)]
        own = [named, offer.address, " · ".join(c.first for c in contact)]
        return Said(
            " — ".join(p for p in french if p), " — ".join(p for p in own if p), phone.fallback
        )

    # A phone number is not broken across lines: its spaces do not break.
    phone = words.say("plan.offer.phone", phone=offer.phone.replace(" ", NO_BREAK_SPACE))
    return words.say("plan.offer", offer=details(phone))
