"""What the status bar tells: changes waiting to be synchronised, and the last sync — or
that the store is a demo one, which is never synchronised (its people are invented).

Also the words for a lost store file (``STORE_LOST_FR``, ``is_store_problem``), re-exported
for the UI, which reaches ``spie_desktop.storage`` only through services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from spie_desktop.storage.session import Session
from spie_desktop.storage.store_guard import STORE_LOST_FR as STORE_LOST_FR
from spie_desktop.storage.store_guard import is_store_problem as is_store_problem
from spie_desktop.sync.state_keys import LAST_SYNC_KEY

__all__ = ["LAST_SYNC_KEY", "StoreStatus", "read_status"]


@dataclass(frozen=True)
class StoreStatus:
    pending_changes: int
    last_sync_at: datetime | None
    demo_store: bool = False  # synthetic people: never enrolled, never synced
    open_conflicts: int = 0  # conflicts waiting in the inbox


def read_status(session: Session) -> StoreStatus:
    with session.uow(read_only=True) as uow:
        pending = uow.outbox.count_pending()
        raw = uow.meta.get(LAST_SYNC_KEY)
        demo = uow.meta.is_demo_store()
        conflicts = len(uow.inbox.conflicts(open_only=True))
    return StoreStatus(pending, parse_moment(raw), demo_store=demo, open_conflicts=conflicts)


def parse_moment(raw: str | None) -> datetime | None:
    """An ISO 8601 moment as written by the sync engine (naive means UTC); ``None`` if unset."""
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
