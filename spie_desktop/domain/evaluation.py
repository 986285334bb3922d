"""A person's own evaluation of their support: what they answered, and nothing of who they are.

The record keeps the structure whose device took it, the month (territory calendar), the step
it was taken at and a random token shared by the person's evaluations, so that one person's
answers at three steps can be linked without knowing who answered. The token lives on the
person's record (never shown); the evaluation holds no person, counsellor or interview id.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.records import Record, utc_now
from spie_protocol.indicators.facts import SCALE, EvaluationQuestion, EvaluationStep

#: Longest suggestion kept (« Qu'est-ce que vous changeriez ? »).
SUGGESTION_MAX = 2000


def new_evaluation_token() -> str:
    """A random, url-safe token (32 characters): links answers, says nothing of anyone."""
    return secrets.token_urlsafe(24)


@dataclass(kw_only=True)
class Evaluation(Record):
    structure: str
    month: str  # "YYYY-MM"
    step: EvaluationStep
    token: str
    answers: dict[EvaluationQuestion, int] = field(default_factory=dict)
    wants_groups: bool | None = None
    suggestion: str = ""
    created_at: datetime = field(default_factory=utc_now)

    def answer(self, question: EvaluationQuestion, value: int | None) -> None:
        """Record ``value`` (one of :data:`SCALE`) for ``question``; ``None`` skips it."""
        if value is None:
            self.answers.pop(question, None)
            return
        if value not in SCALE:
            raise ValidationError(
                say("Choisissez une réponse parmi les quatre proposées."),
                "evaluation answer outside the scale",
                question.value,
            )
        self.answers[question] = value

    def suggest(self, text: str) -> None:
        self.suggestion = text.strip()[:SUGGESTION_MAX]
