"""The plan as the large-print view shows it to the person: one page per objective, its
theme's pictogram, its actions with their dates in words, then the commitments.

Built from the same :class:`PlanDocument` as the PDF, so the screen says what the paper says
(sensitive themes hidden the same way); the fixed sentences come from
:mod:`spie_desktop.domain.large_print_text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spie_desktop.domain.large_print_text import action_dates, date_in_words, text

from .document import ObjectiveBlock, PlanDocument
from .reading import action_who, contract_sentence


@dataclass(frozen=True, slots=True)
class LargePrintAction:
    label: str
    when: str  # "jusqu'au 15 mars", "" when no date is set
    who: str  # "avec France Travail, Julien Roux", "" when nobody is named
    status: str


@dataclass(frozen=True, slots=True)
class LargePrintObjective:
    theme: str  # the referential's name, for the pictogram; "" when it must not show
    theme_label: str  # "" when it must not show
    label: str
    status: str
    actions: tuple[LargePrintAction, ...]


@dataclass(frozen=True, slots=True)
class LargePrintPlan:
    title: str
    objectives: tuple[LargePrintObjective, ...]
    next_review: str  # "" when no date is set
    commitments: tuple[str, ...]  # the contract first, when the plan is linked to one


def large_print_plan(doc: PlanDocument, today: date) -> LargePrintPlan:
    """``doc`` worded for the large-print view; dates said without this year's number."""
    contract = (contract_sentence(doc.contract_label),) if doc.contract_label else ()
    review = doc.next_review
    return LargePrintPlan(
        title=doc.title,
        objectives=tuple(_objective(objective, today) for objective in doc.objectives),
        next_review=text("next_review", day=date_in_words(review, today)) if review else "",
        commitments=contract + doc.commitments,
    )


def _objective(objective: ObjectiveBlock, today: date) -> LargePrintObjective:
    actions = []
    for action in objective.actions:
        who = action_who(action)
        actions.append(
            LargePrintAction(
                label=action.label,
                when=action_dates(action.start, action.due, today),
                who=text("who", who=who) if who != "—" else "",
                status=action.status_label,
            )
        )
    return LargePrintObjective(
        theme=objective.theme,
        theme_label=objective.theme_label,
        label=objective.label,
        status=objective.status_label,
        actions=tuple(actions),
    )
