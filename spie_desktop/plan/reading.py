"""The plan's words as the person reads them: the PDF prints them, the review step shows them.

Both read a :class:`~spie_desktop.plan.document.PlanDocument`; this module holds the
sentences they share (headings, an objective's line, who does an action, the next review,
the contract) and :func:`plan_reading`, the part of the document the person reads before
signing, already worded, so that the screen and the paper say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document import ENGAGEMENT_VALUES, ActionLine, ObjectiveBlock, PlanDocument
from .wording import PlanWords, Said, long_date, short_date

__all__ = ["long_date", "short_date"]

#: The French of the person-facing language layer: the plain-language reference.
FRENCH = PlanWords()
OBJECTIVES_HEADING = FRENCH.say("plan.objectives.heading").french
COMMITMENTS_HEADING = FRENCH.say("plan.commitments.heading").french
#: The keys of an action's columns, in the PDF's table and on the review screen.
ACTION_COLUMN_KEYS = tuple(f"plan.column.{c}" for c in ("action", "who", "start", "due", "status"))
ACTION_COLUMNS = tuple(FRENCH.say(key).french for key in ACTION_COLUMN_KEYS)
NO_OBJECTIVE = FRENCH.say("plan.no_objective").french
NO_ACTION = FRENCH.say("plan.no_action").french


def objective_said(objective: ObjectiveBlock, words: PlanWords) -> Said:
    """An objective's heading line in ``words``' languages."""
    status = (
        words.say(f"plan.objective_status.{objective.status}")
        if objective.status
        else Said(objective.status_label.lower())
    )
    label = words.label("objective", objective.label)
    if not objective.theme_label:
        return words.say("plan.objective", label=label, status=status)
    theme = words.theme(objective.theme, objective.theme_label)
    return words.say("plan.objective_with_theme", theme=theme, label=label, status=status)


def objective_heading(objective: ObjectiveBlock) -> str:
    return objective_said(objective, FRENCH).french


def action_status(action: ActionLine, words: PlanWords) -> Said:
    if action.status:
        return words.say(f"plan.action_status.{action.status}")
    return Said(action.status_label)


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
        action_status(action, FRENCH).french,
    )


def next_review_sentence(day: date) -> str:
    return FRENCH.say("plan.next_review", date=long_date(day)).french


def contract_sentence(contract_label: str) -> str:
    return FRENCH.say("plan.contract", contract=contract_label).french


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
    contract: tuple[str, ...] = (
        (contract_sentence(doc.contract_label),) if doc.contract_label else ()
    )
    if doc.contract in ENGAGEMENT_VALUES:
        contract += (FRENCH.say("plan.contract.about").french,)
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
