"""The window's one point de situation: computed on the database lane after unlock, after
each change that moves it and when the territory's day turns; the status bar's alert count
and the "Point de situation" section both read this same report.

Before, each computed the whole report on its own (10,000 people: about a second of the
database lane, twice per change). One feed per window context, found with
:func:`shared_feed`: whichever page asks first creates it as the context's child.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from spie_desktop.domain.local_calendar import zone
from spie_desktop.services.changes import Change, Changes
from spie_desktop.services.situation import SituationReport, compute_situation

from .situation_rows import RowKeys, row_keys
from .window_context import CoalescedQuery, WindowContext, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

#: What moves the report: a person, an event, a plan, the thresholds, anything a sync or a
#: resolved conflict brought. Not INTERVIEW alone: answers are written at every keystroke.
MOVED_BY = (
    Change.PEOPLE,
    Change.TIMELINE,
    Change.PLAN,
    Change.SYNC,
    Change.CONFLICTS,
    Change.ALERT_RULES,
)

#: Past the territory's midnight, so the new day's alerts are counted on the new day.
AFTER_MIDNIGHT_MS = 1_000


def read_report(session: Session) -> tuple[SituationReport, RowKeys]:
    """On the lane: the report and its rows' search strings and name keys (folding 10,000
    people's names is work the GUI thread need not do)."""
    report = compute_situation(session)
    return report, row_keys(report.rows)


class SituationFeed(QObject):
    """The latest report (``None`` until computed, and while locked)."""

    updated = Signal()  # a newer report, a failure, or cleared by the lock

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: SituationReport | None = None
        #: The rows' folded search strings and name keys, in the order of ``report.rows``.
        self.keys: RowKeys | None = None
        self.error = ""
        self.computing = False
        self._read = CoalescedQuery(context, read_report, self._on_read, self._on_failed, self)
        self._new_day = QTimer(self)
        self._new_day.setSingleShot(True)
        self._new_day.timeout.connect(self.refresh)
        context.changed.connect(self._on_changed)
        context.locked.connect(self._clear)
        context.unlocked.connect(self.refresh)
        if not context.is_locked:
            self.refresh()

    def refresh(self) -> None:
        """Compute again on the lane (once more after the computation in flight)."""
        if self._read.run():
            self.computing = True

    def ensure(self) -> None:
        """Compute unless a report is there or on its way (a page asking to be filled)."""
        if self.report is None and not self.computing:
            self.refresh()

    def _on_changed(self, announced: Changes) -> None:
        if touches(announced, *MOVED_BY):
            self.refresh()

    def _on_read(self, read: tuple[SituationReport, RowKeys]) -> None:
        self.report, self.keys = read
        self.error = ""
        self.computing = self._read.running  # asked again meanwhile
        self._wake_at_next_day(read[0])
        self.updated.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.error, self.computing = message, False
        self.updated.emit()

    def _clear(self) -> None:
        self._new_day.stop()
        self.report, self.keys, self.error, self.computing = None, None, "", False
        self.updated.emit()

    def _wake_at_next_day(self, report: SituationReport) -> None:
        """Alerts count days: the report is computed again just after the territory's
        midnight (a single shot, set again by each report; nothing polls)."""
        session = self.context.session
        if session is None:
            return
        local = zone(session.territory.timezone)
        midnight = datetime.combine(report.today + timedelta(days=1), datetime.min.time())
        at = midnight.replace(tzinfo=local).astimezone(UTC)
        wait_ms = (at - datetime.now(UTC)) // timedelta(milliseconds=1)
        self._new_day.start(max(0, int(wait_ms)) + AFTER_MIDNIGHT_MS)


def shared_feed(context: WindowContext) -> SituationFeed:
    """The context's feed, created (as its child) by the first page that asks."""
    feed = context.findChild(SituationFeed, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return feed if feed is not None else SituationFeed(context, context)
