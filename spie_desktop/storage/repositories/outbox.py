"""The outbox as the sync engine sees it: pending changes in device order."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from spie_desktop.domain.records import utc_now

from .base import OUTBOX, PENDING, SENT, Repository


@dataclass(frozen=True)
class OutboxEntry:
    op_id: uuid.UUID
    device_seq: int
    op: str  # "upsert" | "delete"
    entity: str  # table name: "people", "answers", ...
    entity_id: uuid.UUID
    version: int
    base_version: int | None
    fields: dict[str, Any]  # changed field -> new value, JSON-compatible
    hlc: str
    created_at: datetime
    sent_at: datetime | None
    status: str
    error: str | None = None  # why the server refused it (status "error")


class OutboxRepository(Repository):
    def pending(self, limit: int = 100) -> list[OutboxEntry]:
        c = OUTBOX.c
        stmt = select(OUTBOX).where(c.status == PENDING).order_by(c.device_seq).limit(limit)
        return [OutboxEntry(**row._mapping) for row in self._session.execute(stmt)]

    def count_pending(self) -> int:
        stmt = select(func.count()).select_from(OUTBOX).where(OUTBOX.c.status == PENDING)
        return int(self._session.execute(stmt).scalar_one())

    def mark_sent(self, op_ids: Iterable[uuid.UUID]) -> int:
        """Mark entries the server acknowledged; return how many were still pending."""
        ids = list(op_ids)
        if not ids:
            return 0
        c = OUTBOX.c
        result = self._session.execute(
            update(OUTBOX)
            .where(c.op_id.in_(ids), c.status == PENDING)
            .values(status=SENT, sent_at=utc_now())
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
