"""The audit line of a sync run, and the device's "last sync" (status bar, CLI)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from spie_desktop.domain.events import AuditAction

from .progress import SyncReport
from .state_keys import LAST_SYNC_KEY

if TYPE_CHECKING:
    from spie_desktop.storage.session import Session


def audit_run(session: Session, report: SyncReport) -> None:
    """Audit the run; a successful one is also the device's "last sync"."""
    try:
        with session.uow() as uow:
            uow.audit.record(AuditAction.SYNCED)
            if report.ok:
                uow.meta.set(LAST_SYNC_KEY, datetime.now(UTC).isoformat())
    except Exception:  # a failed audit must not hide the sync's own outcome
        return
