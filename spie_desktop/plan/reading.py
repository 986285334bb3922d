"""The plan's words as the person reads them: the PDF prints them, the review step shows them.

Both read a :class:`~spie_desktop.plan.document.PlanDocument`; this module holds the
sentences they share (headings, an objective's line, who does an action, the next review,
the contract) and :func:`plan_reading`, the part of the document the person reads before
signing, already worded, so that the screen and the paper say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document import ActionLine, ObjectiveBlock, PlanDocument

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

OBJECTIVES_HEADING = "Vos objectifs et les actions prévues"
COMMITMENTS_HEADING = "Nos engagements"
#: The columns of an action, in the PDF's table and on the review screen.
ACTION_COLUMNS = ("Action", "Qui s'en occupe", "Début", "Échéance", "Où en est-on")
NO_OBJECTIVE = "Aucun objectif n'a encore été fixé."
NO_ACTION = "Aucune action pour l'instant."


def long_date(day: date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def objective_heading(objective: ObjectiveBlock) -> str:
    theme = f"{objective.theme_label} — " if objective.theme_label else ""
    return f"Objectif : {theme}{objective.label} ({objective.status_label.lower()})"


def action_who(action: ActionLine) -> str:
    """Who does the action: its structure and its referent, "—" when nobody is named."""
    return ", ".join(p for p in (action.responsible_structure, action.referent) if p) or "—"


def action_cells(action: ActionLine) -> tuple[str, str, str, str, str]:
    """One action under :data:`ACTION_COLUMNS`."""
    return (
        action.label,
        action_who(action),
        short_date(action.start),
        short_date(action.due),
        action.status_label,
    )


def next_review_sentence(day: date) -> str:
    return f"Prochain point ensemble : le {long_date(day)}."


def contract_sentence(contract_label: str) -> str:
    return f"Ce plan est lié au {contract_label}."


@dataclass(frozen=True, slots=True)
class ObjectiveReading:
    heading: str  # objective_heading()
    actions: tuple[tuple[str, str, str, str, str], ...]  # action_cells() of each action


@dataclass(frozen=True, slots=True)
class PlanReading:
    """What the person reads of the plan before signing, worded as the PDF words it."""

    title: str
    objectives_heading: str
    columns: tuple[str, ...]
    objectives: tuple[ObjectiveReading, ...]
    no_objective: str  # shown when ``objectives`` is empty
    no_action: str  # shown under an objective without action
    next_review: str  # "" when no date is set
    commitments_heading: str
    commitments: tuple[str, ...]  # the contract first, when the plan is linked to one


def plan_reading(doc: PlanDocument) -> PlanReading:
    contract = (contract_sentence(doc.contract_label),) if doc.contract_label else ()
    return PlanReading(
        title=doc.title,
        objectives_heading=OBJECTIVES_HEADING,
        columns=ACTION_COLUMNS,
        objectives=tuple(
            ObjectiveReading(
                objective_heading(objective),
                tuple(action_cells(action) for action in objective.actions),
            )
            for objective in doc.objectives
        ),
        no_objective=NO_OBJECTIVE,
        no_action=NO_ACTION,
        next_review=next_review_sentence(doc.next_review) if doc.next_review else "",
        commitments_heading=COMMITMENTS_HEADING,
        commitments=contract + doc.commitments,
    )
