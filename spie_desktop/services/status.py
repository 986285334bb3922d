"""What the status bar tells: changes waiting to be synchronised, and the last sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .session import Session

LAST_SYNC_KEY = "last_sync_at"


@dataclass(frozen=True)
class StoreStatus:
    pending_changes: int
    last_sync_at: datetime | None


def read_status(session: Session) -> StoreStatus:
    with session.uow(read_only=True) as uow:
        pending = uow.outbox.count_pending()
        raw = uow.meta.get(LAST_SYNC_KEY)
    return StoreStatus(pending, parse_moment(raw))


def parse_moment(raw: str | None) -> datetime | None:
    """An ISO 8601 moment as written by the sync engine (naive means UTC); ``None`` if unset."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
