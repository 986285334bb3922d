"""View-model of the « Indicateurs » section: the period, the scope and the breakdown
chosen, the table computed on the database lane, and the exports.

The table is read again when a change of a kind it counts is announced, and only while
the section is on screen (else when it is shown again).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Change, Changes, changes
from spie_desktop.services.indicators import (
    Breakdown,
    IndicatorReport,
    PeriodChoice,
    Scope,
    Series,
    chart_series,
    compute_indicators,
    export_csv,
    export_png,
    period_of,
    scoped_cells,
)
from spie_protocol.indicators.table import Cell

from .i18n import tr
from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

#: What the figures count: people, interviews, plans, events, immersions, and anything a
#: sync run brought (evaluations included).
SHOWN = (
    Change.PEOPLE,
    Change.INTERVIEW,
    Change.PLAN,
    Change.TIMELINE,
    Change.IMMERSIONS,
    Change.EVALUATION,
    Change.SYNC,
)


class IndicatorsModel(QObject):
    changed = Signal()

    def __init__(
        self,
        context: WindowContext,
        today: date,
        parent: QObject | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        #: Now, for the day the figures are read on (tests give a fixed one).
        self._clock = clock
        self.choice = PeriodChoice.THIS_QUARTER
        self.start, self.end = period_of(self.choice, today)
        self.scope = Scope.MINE
        self.breakdown = Breakdown.MONTH
        self.report: IndicatorReport | None = None
        self.loading = False
        self.exporting = False
        self.error = ""
        self.note = ""
        self.on_screen = False
        self._stale = True
        self._read = CoalescedQuery(context, self._work, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)

    # -- reading ------------------------------------------------------------------------------

    def _work(self, session: Session) -> tuple[tuple[date, date], IndicatorReport]:
        asked = (self.start, self.end)
        return asked, compute_indicators(session, *asked, now=self._clock())

    def load(self) -> None:
        self._stale = False
        if self._read.run():
            self.loading, self.error = True, ""
            self.changed.emit()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.load()

    def clear(self) -> None:
        self._stale = True
        self.report, self.loading, self.error, self.note = None, False, "", ""
        self.changed.emit()

    def _on_changed(self, announced: Changes) -> None:
        if not touches(announced, *SHOWN):
            return
        if self.on_screen:
            self.load()
        else:
            self._stale = True

    def _on_read(self, read: tuple[tuple[date, date], IndicatorReport]) -> None:
        asked, report = read
        if asked != (self.start, self.end):  # changed meanwhile: the next read answers it
            self.load()
            return
        self.report, self.loading, self.error = report, False, ""
        if report.today != self.today:  # left open past midnight: a named period follows
            self.today = report.today
            if self.choice is not PeriodChoice.CUSTOM:
                self.set_dates(*period_of(self.choice, report.today))
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    # -- choices ------------------------------------------------------------------------------

    def choose_period(self, choice: PeriodChoice) -> None:
        self.choice = choice
        if choice is not PeriodChoice.CUSTOM:
            self.set_dates(*period_of(choice, self.today))

    def set_dates(self, start: date, end: date) -> None:
        if (start, end) == (self.start, self.end):
            return
        self.start, self.end = start, end
        self.load()

    def set_scope(self, scope: Scope) -> None:
        self.scope = scope
        self.changed.emit()

    def set_breakdown(self, breakdown: Breakdown) -> None:
        self.breakdown = breakdown
        self.changed.emit()

    # -- what is shown ------------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        """Nothing happened in the period for the chosen scope."""
        return self.report is not None and not any(c.people for c in self.cells())

    def cells(self) -> list[Cell]:
        return scoped_cells(self.report, self.scope) if self.report else []

    def series(self) -> list[Series]:
        return chart_series(self.report, self.scope, self.breakdown) if self.report else []

    @property
    def structure(self) -> str:
        return self.report.structure if self.report else ""

    # -- exports ------------------------------------------------------------------------------

    def export_csv(self, out: Path) -> bool:
        cells = self.cells()

        def write(s: Session) -> Path:
            return export_csv(s, cells, out)

        return self._export(write, tr("Tableau écrit dans {path}."))

    def export_png(self, png: bytes, out: Path) -> bool:
        def write(s: Session) -> Path:
            return export_png(s, png, out)

        return self._export(write, tr("Graphique écrit dans {path}."))

    def _export(self, work: Callable[[Session], Path], done: str) -> bool:
        if self.exporting or self.report is None:
            return False

        def written(path: Path) -> None:
            self.exporting = False
            self.note = done.format(path=str(path))
            self.changed.emit()

        # Only the local audit trail is written: nothing a page shows.
        started = self.context.change(work, changes(), written, self._on_export_failed, owner=self)
        if started is not None:
            self.exporting, self.note, self.error = True, "", ""
            self.changed.emit()
        return started is not None

    def _on_export_failed(self, message: str, _exc: BaseException) -> None:
        self.exporting, self.error = False, message
        self.changed.emit()
