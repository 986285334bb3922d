"""What the status bar says: who, where, locked or not, changes waiting, last sync (or, on a
demo store, that it is never synchronised).

Read again whenever a change is announced (any write adds to the changes waiting): no timer.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Field
from spie_desktop.services.changes import Change, Changes
from spie_desktop.services.status import StoreStatus, read_status

from .i18n import format_datetime, tr
from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

#: Changes that may move the alert count (answers typed in an interview do not).
ALERT_CHANGES = (Change.PEOPLE, Change.TIMELINE, Change.PLAN, Change.SYNC, Change.CONFLICTS)


def read_alert_count(session: Session) -> int:
    from spie_desktop.services.situation import compute_situation

    return compute_situation(session).alert_count


class StatusModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.counsellor = ""
        self.territory = ""
        self.pending: int | None = None
        self.last_sync: datetime | None = None
        self.demo_store = False
        self.conflicts = 0
        #: People with at least one alert (``None`` until read).
        self.alerts: int | None = None
        self._tz = "Europe/Paris"
        self._read = CoalescedQuery(context, read_status, self._on_read, parent=self)
        self._read_alerts = CoalescedQuery(context, read_alert_count, self._on_alerts, parent=self)
        context.changed.connect(self.refresh)
        context.changed.connect(self._on_changed)
        context.locked.connect(self._on_locked)
        context.unlocked.connect(self._on_unlocked)
        self._on_unlocked()

    @property
    def locked(self) -> bool:
        return self.context.is_locked

    def refresh(self, *_announced: object) -> None:
        self._read.run()

    def refresh_alerts(self) -> None:
        self._read_alerts.run()

    def _on_changed(self, announced: Changes) -> None:
        if touches(announced, *ALERT_CHANGES):
            self.refresh_alerts()

    # -- texts --------------------------------------------------------------------------------

    @property
    def who_text(self) -> str:
        return self.counsellor

    @property
    def lock_text(self) -> str:
        return tr("Coffre verrouillé") if self.locked else tr("Coffre déverrouillé")

    @property
    def pending_text(self) -> str:
        if self.pending is None or self.demo_store:  # nothing of a demo store is ever sent
            return ""
        if self.pending == 0:
            return tr("Aucune modification à synchroniser")
        return tr(
            "{n} modification{s} à synchroniser", n=self.pending, s="s" if self.pending > 1 else ""
        )

    @property
    def conflicts_text(self) -> str:
        if not self.conflicts:
            return ""
        return tr(
            "{n} conflit{s} à examiner", n=self.conflicts, s="s" if self.conflicts > 1 else ""
        )

    @property
    def alerts_text(self) -> str:
        """« 3 alertes » (people with an alert); empty at 0, while locked or unread."""
        if self.locked or not self.alerts:
            return ""
        return tr("{n} alerte{s}", n=self.alerts, s="s" if self.alerts > 1 else "")

    @property
    def sync_text(self) -> str:
        if self.pending is None:  # not read yet: a demo store must not flash "jamais"
            return ""
        if self.demo_store:
            return tr("Coffre de démonstration — jamais synchronisé")
        if self.last_sync is None:
            return tr("Dernière synchronisation : jamais")
        return tr(
            "Dernière synchronisation : {when}", when=format_datetime(self.last_sync, self._tz)
        )

    # -- internals ----------------------------------------------------------------------------

    def _on_read(self, status: StoreStatus) -> None:
        self.pending, self.last_sync = status.pending_changes, status.last_sync_at
        self.demo_store = status.demo_store
        self.conflicts = status.open_conflicts
        self.changed.emit()

    def _on_alerts(self, count: int) -> None:
        self.alerts = count
        self.changed.emit()

    def _on_locked(self) -> None:
        self.alerts = None
        self.changed.emit()

    def _on_unlocked(self) -> None:
        session = self.context.session
        if session is None:
            return
        me = session.counsellor
        field = me.field.label if isinstance(me.field, Field) else str(me.field)
        self.counsellor = tr("{name} — {field}", name=me.display_name, field=tr(field))
        self.territory = session.territory.label
        self._tz = session.territory.timezone
        self.changed.emit()
        self.refresh()
        self.refresh_alerts()
