"""What keeps an action plan from being saved or signed, or deserves a look before, as typed
values.

The plan's checks (``domain.plan_checks``) return these; the services raise the first one
as a :class:`ValidationError`, the view-models place each one beside the field it concerns.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from spie_desktop.domain.interface_sentence import Sentence, say

from .errors import ValidationError

ActionDate = Literal["start_date", "due_date"]

#: ``PlanProblem.field`` for a problem about the plan as a whole.
PLAN_FIELD = "plan"


class ProblemKind(StrEnum):
    # Entries: checked at every save of a draft.
    OBJECTIVE_WITHOUT_LABEL = "objective_without_label"
    ACTION_WITHOUT_LABEL = "action_without_label"
    DUE_BEFORE_START = "due_before_start"
    # Readiness: checked before signing.
    ALREADY_SIGNED = "already_signed"
    NO_OBJECTIVE = "no_objective"
    ACTION_WITHOUT_DUE_DATE = "action_without_due_date"
    COMMITMENT_MISSING = "commitment_missing"
    SIGNATURE_MISSING = "signature_missing"
    NEXT_REVIEW_PAST = "next_review_past"
    FORMER_CONTRACT = "former_contract"
    PATHWAY_AGE = "pathway_age"
    BIRTH_DATE_MISSING = "birth_date_missing"
    # Review warnings: shown before signing, which stays possible.
    DUPLICATE_OBJECTIVE = "duplicate_objective"
    OBJECTIVE_WITHOUT_ACTION = "objective_without_action"
    PRIORITY_WITHOUT_OBJECTIVE = "priority_without_objective"


@dataclass(frozen=True)
class PlanProblem:
    """One problem, in French for people and English for logs, and what it concerns:
    ``target`` is an objective or action id (``None``: the plan itself), ``field`` the
    field to point at."""

    kind: ProblemKind
    said: Sentence  # for people, in the interface's language once rendered
    message_en: str
    field: str
    target: uuid.UUID | None = None

    def error(self) -> ValidationError:
        return ValidationError(self.said, self.message_en, self.field)

    @property
    def message_fr(self) -> str:
        return self.said.french


# -- checks of one entry, refused as it is made --------------------------------------------


def objective_label(text: str) -> str:
    if not text.strip():
        raise ValidationError(
            say("L'objectif doit avoir un intitulé."), "objective without label", "label"
        )
    return text.strip()


def action_label(text: str) -> str:
    if not text.strip():
        raise ValidationError(
            say("L'action doit avoir un intitulé."), "action without label", "label"
        )
    return text.strip()


def check_dates(start: date | None, due: date | None, changed: ActionDate) -> None:
    """Refuse a due date before the start, in the words of the field being set."""
    if not (start and due and due < start):
        return
    if changed == "due_date":
        message = f"L'échéance est antérieure au début ({day_text(start)})."
    else:
        message = f"Le début est postérieur à l'échéance ({day_text(due)})."
    raise ValidationError(message, "action due before it starts", changed)


def day_text(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
