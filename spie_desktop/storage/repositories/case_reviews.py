"""Case review sessions and the cases put to them (both synchronised)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, func, select

from spie_desktop.domain.case_review import (
    CaseReview,
    ReviewCase,
    ReviewStatus,
    decisions_from_json,
    participants_from_json,
)

from ..models import CaseReviewCaseRow, CaseReviewRow, table_of
from .base import RecordRepository, meta_columns


class CaseReviewRepository(RecordRepository[CaseReview]):
    table = table_of(CaseReviewRow)

    def _to_row(self, item: CaseReview) -> dict[str, Any]:
        return {
            "starts_at": item.starts_at,
            "place": item.place,
            "participants": [p.as_json() for p in item.participants],
            "status": item.status.value,
            "structure_id": item.structure_id,
            "author_id": item.author_id,
        }

    def _from_row(self, row: Row[Any]) -> CaseReview:
        m = row._mapping
        return CaseReview(
            **meta_columns(row),
            starts_at=m["starts_at"],
            place=m["place"],
            participants=participants_from_json(m["participants"]),
            status=_status(m["status"]),
            structure_id=m["structure_id"],
            author_id=m["author_id"],
        )

    def list_all(self) -> list[CaseReview]:
        """Every session, the latest first."""
        c = self.table.c
        return self._select_where(order_by=(c.starts_at.desc(), c.id))


class ReviewCaseRepository(RecordRepository[ReviewCase]):
    table = table_of(CaseReviewCaseRow)

    def _to_row(self, item: ReviewCase) -> dict[str, Any]:
        return {
            "person_id": item.person_id,
            "review_id": item.review_id,
            "reason": item.reason,
            "question": item.question,
            "reference": item.reference,
            "include_sex": item.include_sex,
            "decisions": [d.as_json() for d in item.decisions],
            "flagged_at": item.flagged_at,
            "author_id": item.author_id,
        }

    def _from_row(self, row: Row[Any]) -> ReviewCase:
        m = row._mapping
        return ReviewCase(
            **meta_columns(row),
            person_id=m["person_id"],
            review_id=m["review_id"],
            reason=m["reason"],
            question=m["question"],
            reference=m["reference"],
            include_sex=bool(m["include_sex"]),
            decisions=decisions_from_json(m["decisions"]),
            flagged_at=m["flagged_at"],
            author_id=m["author_id"],
        )

    def list_for_review(self, review_id: uuid.UUID) -> list[ReviewCase]:
        c = self.table.c
        return self._select_where(c.review_id == review_id, order_by=(c.flagged_at, c.id))

    def list_unscheduled(self) -> list[ReviewCase]:
        """Cases flagged and not yet put to a session, the oldest first."""
        c = self.table.c
        return self._select_where(c.review_id.is_(None), order_by=(c.flagged_at, c.id))

    def list_for_person(self, person_id: uuid.UUID) -> list[ReviewCase]:
        c = self.table.c
        return self._select_where(c.person_id == person_id, order_by=(c.flagged_at, c.id))

    def references(self) -> set[str]:
        """Every reference this device holds (its own cases and those pulled)."""
        return set(self._session.execute(select(self.table.c.reference)).scalars())

    def counts_by_review(self) -> dict[uuid.UUID, int]:
        c = self.table.c
        stmt = (
            select(c.review_id, func.count()).where(c.review_id.is_not(None)).group_by(c.review_id)
        )
        return {uuid.UUID(str(r[0])): int(r[1]) for r in self._session.execute(stmt)}


def _status(value: str) -> ReviewStatus:
    try:
        return ReviewStatus(value)
    except ValueError:  # a status from a newer version
        return ReviewStatus.PLANNED
