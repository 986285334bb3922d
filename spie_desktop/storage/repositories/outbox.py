"""The outbox: local changes waiting to be pushed, in device order, and their statuses.

The one door onto the ``outbox`` table after a change is journalled (:func:`.base.write_outbox`
journals it, in the change's transaction): what is pending, what the server settled, and the
changes sync itself makes (a merge result, a sibling draft, a deletion).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from spie_desktop.domain.records import utc_now

from .base import DELETE, OUTBOX, PENDING, SENT, UPSERT, Repository, write_outbox
from .bulk_rows import in_chunks
from .outbox_hold import not_held

ERROR = "error"
MERGED = "merged"  # folded into a merge result, which is journalled anew


@dataclass(frozen=True)
class OutboxEntry:
    op_id: uuid.UUID
    device_seq: int
    op: str  # "upsert" | "delete"
    entity: str  # wire name of the entity (see storage.entities)
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
    def pending(self, limit: int = 100, after_seq: int = 0) -> list[OutboxEntry]:
        """Entries to push, oldest first; those of a restricted file wait (``outbox_hold``)."""
        c = OUTBOX.c
        stmt = (
            select(OUTBOX)
            .where(c.status == PENDING, c.device_seq > after_seq, not_held(self._session))
            .order_by(c.device_seq)
            .limit(limit)
        )
        return [OutboxEntry(**row._mapping) for row in self._session.execute(stmt)]

    def count_pending(self) -> int:
        """Entries that may leave now (those of a restricted file wait: ``outbox_hold``)."""
        stmt = (
            select(func.count())
            .select_from(OUTBOX)
            .where(OUTBOX.c.status == PENDING, not_held(self._session))
        )
        return int(self._session.execute(stmt).scalar_one())

    def entries(self, op_ids: Iterable[uuid.UUID]) -> list[OutboxEntry]:
        ids = list(op_ids)
        stmt = select(OUTBOX).where(OUTBOX.c.op_id.in_(ids)).order_by(OUTBOX.c.device_seq)
        return [OutboxEntry(**row._mapping) for row in self._session.execute(stmt)]

    def pending_ids_for(self, entity: str, entity_id: uuid.UUID) -> list[uuid.UUID]:
        c = OUTBOX.c
        stmt = select(c.op_id).where(
            c.entity == entity, c.entity_id == entity_id, c.status == PENDING
        )
        values: list[Any] = list(self._session.execute(stmt).scalars())
        return [uuid.UUID(str(v)) for v in values]

    def pending_among(self, entity: str, entity_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """Those of these records that have a change waiting to be pushed."""
        c = OUTBOX.c
        found: set[uuid.UUID] = set()
        for chunk in in_chunks(entity_ids):
            stmt = select(c.entity_id).where(
                c.entity == entity, c.entity_id.in_(chunk), c.status == PENDING
            )
            found.update(self._session.execute(stmt).scalars())
        return found

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

    def set_status(
        self, op_ids: Iterable[uuid.UUID], status: str, error: str | None = None
    ) -> None:
        ids = list(op_ids)
        if ids:
            self._session.execute(
                update(OUTBOX)
                .where(OUTBOX.c.op_id.in_(ids), OUTBOX.c.status == PENDING)
                .values(status=status, error=error, sent_at=utc_now() if status == SENT else None)
            )

    def journal(
        self,
        entity: str,
        entity_id: uuid.UUID,
        fields: dict[str, Any],
        *,
        version: int,
        base_version: int | None,
        deleted: bool = False,
    ) -> None:
        """A change made by sync itself (a merge result, a sibling draft), to be pushed."""
        write_outbox(
            self._ctx,
            entity=entity,
            entity_id=entity_id,
            op=DELETE if deleted else UPSERT,
            version=version,
            base_version=base_version,
            fields=fields,
            hlc=self._ctx.clock.now(),
        )

    def status_counts(self) -> dict[str, int]:
        stmt = select(OUTBOX.c.status, func.count()).group_by(OUTBOX.c.status)
        return {str(row[0]): int(row[1]) for row in self._session.execute(stmt)}
