"""The people's own evaluations (synchronised, anonymous)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from spie_desktop.domain.evaluation import Evaluation
from spie_protocol.indicators.facts import EvaluationQuestion, EvaluationStep

from ..models import EvaluationRow, table_of
from .base import RecordRepository, meta_columns


class EvaluationRepository(RecordRepository[Evaluation]):
    """Built on a context with no actor (see ``UnitOfWork.evaluations``): ``updated_by`` of
    every version stays null, so no counsellor is named either."""

    table = table_of(EvaluationRow)

    def _to_row(self, item: Evaluation) -> dict[str, Any]:
        return {
            "structure": item.structure,
            "month": item.month,
            "step": item.step.value,
            "token": item.token,
            "answers": {q.value: v for q, v in sorted(item.answers.items())},
            "wants_groups": item.wants_groups,
            "suggestion": item.suggestion,
            "created_at": item.created_at,
        }

    def _from_row(self, row: Row[Any]) -> Evaluation:
        m = row._mapping
        questions = {q.value: q for q in EvaluationQuestion}
        return Evaluation(
            **meta_columns(row),
            structure=m["structure"],
            month=m["month"],
            step=EvaluationStep(m["step"]),
            token=m["token"],
            answers={questions[k]: int(v) for k, v in m["answers"].items() if k in questions},
            wants_groups=m["wants_groups"],
            suggestion=m["suggestion"],
            created_at=m["created_at"],
        )

    def list_all(self) -> list[Evaluation]:
        c = self.table.c
        return self._select_where(order_by=(c.created_at, c.id))
