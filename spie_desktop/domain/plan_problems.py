"""What keeps an action plan from being saved or signed, as typed values.

The plan's rules (:class:`~spie_desktop.domain.plan.ActionPlan`) return these; the services
raise the first one as a :class:`ValidationError`, the view-models place each one beside
the field it concerns.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from .errors import ValidationError

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


@dataclass(frozen=True)
class PlanProblem:
    """One problem, in French for people and English for logs, and what it concerns:
    ``target`` is an objective or action id (``None``: the plan itself), ``field`` the
    field to point at."""

    kind: ProblemKind
    message_fr: str
    message_en: str
    field: str
    target: uuid.UUID | None = None

    def error(self) -> ValidationError:
        return ValidationError(self.message_fr, self.message_en, self.field)
