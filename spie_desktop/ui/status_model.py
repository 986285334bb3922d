"""What the status bar says: who, where, locked or not, changes waiting, last sync (or, on a
demo store, that it is never synchronised).

Read again whenever a change is announced (any write adds to the changes waiting): no timer.
The alert count is the window's shared point de situation's (:mod:`.situation_feed`), never
computed here.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Field
from spie_desktop.services.status import StoreStatus, read_status

from .i18n import format_datetime, tr
from .situation_feed import shared_feed
from .window_context import CoalescedQuery

if TYPE_CHECKING:
    from .window_context import WindowContext


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
        self.feed = shared_feed(context)
        self.feed.updated.connect(self._on_alerts)
        context.changed.connect(self.refresh)
        context.locked.connect(self._on_locked)
        context.unlocked.connect(self._on_unlocked)
        self._on_unlocked()

    @property
    def locked(self) -> bool:
        return self.context.is_locked

    def refresh(self, *_announced: object) -> None:
        self._read.run()

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

    def _on_alerts(self) -> None:
        report = self.feed.report
        self.alerts = None if report is None else report.alert_count
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
        self._on_alerts()  # the feed computes on unlock: its report, when there is one
