"""Follow-up events (synchronised, append-only) and the local audit trail (never journalled)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, insert, select

from spie_desktop.domain.events import AuditAction, AuditEvent, FollowUpEvent, FollowUpKind
from spie_desktop.domain.records import utc_now

from ..models import AuditEventRow, FollowUpEventRow, table_of
from .base import RecordRepository, Repository, insert_rows, meta_columns


class FollowUpEventRepository(RecordRepository[FollowUpEvent]):
    table = table_of(FollowUpEventRow)

    def _to_row(self, item: FollowUpEvent) -> dict[str, Any]:
        return {
            "person_id": item.person_id,
            "kind": item.kind.value,
            "occurred_at": item.occurred_at,
            "note": item.note,
            "action_id": item.action_id,
            "details": item.details or None,
        }

    def _from_row(self, row: Row[Any]) -> FollowUpEvent:
        m = row._mapping
        return FollowUpEvent(
            **meta_columns(row),
            person_id=m["person_id"],
            kind=FollowUpKind(m["kind"]),
            occurred_at=m["occurred_at"],
            note=m["note"],
            action_id=m["action_id"],
            details=dict(m["details"] or {}),
        )

    def list_for_person(self, person_id: uuid.UUID) -> list[FollowUpEvent]:
        c = self.table.c
        return self._select_where(c.person_id == person_id, order_by=(c.occurred_at, c.hlc))

    def list_of_kind(self, kind: FollowUpKind) -> list[FollowUpEvent]:
        """Every event of ``kind``, everyone's, oldest first."""
        c = self.table.c
        return self._select_where(c.kind == kind.value, order_by=(c.occurred_at, c.hlc))

    def list_of_kinds(self, kinds: Iterable[FollowUpKind]) -> list[FollowUpEvent]:
        """Every event of any of ``kinds``, everyone's, in the order of
        :meth:`list_for_person` (oldest first)."""
        c = self.table.c
        wanted = sorted(kind.value for kind in kinds)
        return self._select_where(c.kind.in_(wanted), order_by=(c.occurred_at, c.hlc))


AUDIT = table_of(AuditEventRow)


class AuditRepository(Repository):
    """Who did what to which record, and when; the actor is the unit of work's."""

    def record(
        self, action: AuditAction, entity: str = "", entity_id: uuid.UUID | None = None
    ) -> AuditEvent:
        actor = self._ctx.actor_id
        event = AuditEvent(
            action=action, actor_id=actor, entity=entity, entity_id=entity_id, updated_by=actor
        )
        event.at = event.updated_at = utc_now()
        self._session.execute(
            insert(AUDIT).values(
                id=event.id,
                version=event.version,
                updated_at=event.updated_at,
                updated_by=actor,
                hlc=self._ctx.clock.now(),
                action=action.value,
                actor_id=actor,
                entity=entity,
                entity_id=entity_id,
                at=event.at,
            )
        )
        return event

    def record_many(
        self, action: AuditAction, entity: str, entity_ids: Sequence[uuid.UUID]
    ) -> None:
        """The same action on many records (a list import), in one multi-row statement."""
        if not entity_ids:
            return
        actor, now = self._ctx.actor_id, utc_now()
        rows = [
            {
                "id": uuid.uuid4(),
                "version": 1,
                "updated_at": now,
                "updated_by": actor,
                "hlc": self._ctx.clock.now(),
                "action": action.value,
                "actor_id": actor,
                "entity": entity,
                "entity_id": entity_id,
                "at": now,
            }
            for entity_id in entity_ids
        ]
        insert_rows(self._session, AUDIT, rows)

    def list(self, limit: int | None = None) -> list[AuditEvent]:
        """Oldest first; with ``limit``, the most recent ``limit`` events."""
        c = AUDIT.c
        stmt = select(AUDIT).order_by(c.at.desc(), c.hlc.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        rows = list(self._session.execute(stmt))
        rows.reverse()
        return [
            AuditEvent(
                **meta_columns(r),
                action=AuditAction(r._mapping["action"]),
                actor_id=r._mapping["actor_id"],
                entity=r._mapping["entity"],
                entity_id=r._mapping["entity_id"],
                at=r._mapping["at"],
            )
            for r in rows
        ]
