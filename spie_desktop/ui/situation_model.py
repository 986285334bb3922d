"""View-model of the point de situation: the report, the table, the filters, the exports.

The report is the window's shared one (:mod:`.situation_feed`, also the status bar's):
opening the section shows the latest report at once, computing nothing; a newer report is
shown when it arrives if the section is on screen, else when it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import changes
from spie_desktop.services.situation import SituationReport

from .i18n import format_date, tr
from .situation_feed import shared_feed
from .situation_rows import RowKeys, SituationFilter
from .situation_table import SituationTable

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext


class SituationModel(QObject):
    changed = Signal()  # the report, the message or the busy state
    filtered = Signal()  # the visible rows changed (a filter)
    exported = Signal(str)  # French note: where the file was written

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.feed = shared_feed(context)
        self.table = SituationTable(self)
        self.report: SituationReport | None = None
        self.loading = False
        self.error = ""
        self.note = ""
        self.exporting = False
        #: Shown on screen: a newer report is shown at once; hidden, it waits to be shown
        #: (resetting a 10,000-row table no one looks at is GUI time for nothing).
        self.on_screen = False
        #: Asked to show the next report even while hidden (:meth:`load`).
        self._wanted = False
        self._structures: list[str] = []
        self._counsellors: list[str] = []
        self.feed.updated.connect(self._on_feed)
        context.locked.connect(self.clear)

    # -- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        """Show the latest report now, or the next one as soon as it is computed."""
        self._wanted = True
        if not self._take_latest():
            self.feed.ensure()
            self.loading = self.feed.computing
            self.changed.emit()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown:
            self.load()

    def clear(self) -> None:
        self.report, self.loading, self.error, self.note = None, False, "", ""
        self._structures, self._counsellors = [], []
        self.table.set_rows([])
        self.changed.emit()

    def _on_feed(self) -> None:
        if self.feed.report is None and not self.feed.error:
            return  # cleared by the lock: :meth:`clear` empties the page
        if self.on_screen or self._wanted:
            self._take_latest()

    def _take_latest(self) -> bool:
        """Show the feed's report if it is not the one shown (and its failure, if the last
        computation failed); ``False`` when it has nothing yet."""
        feed = self.feed
        if feed.report is None and not feed.error:
            return False
        self._wanted = False
        if feed.report is not None and feed.report is not self.report:
            self.show_report(feed.report, feed.keys)
        if feed.error != self.error or self.loading:
            self.loading, self.error = False, feed.error
            self.changed.emit()
        return True

    def show_report(self, report: SituationReport, keys: RowKeys | None = None) -> None:
        """Show a report (``keys``: its rows' search strings and name keys, made on the
        lane)."""
        self.report, self.loading, self.error = report, False, ""
        self._structures = sorted({s for r in report.rows for s in r.structures})
        self._counsellors = sorted({c for r in report.rows for c in r.counsellors})
        self.table.set_rows(report.rows, keys)
        self.changed.emit()

    # -- filters ------------------------------------------------------------------------------

    def set_filter(self, chosen: SituationFilter) -> None:
        self.table.set_filter(chosen)
        self.filtered.emit()

    def structures(self) -> list[str]:
        return list(self._structures)

    def counsellors(self) -> list[str]:
        return list(self._counsellors)

    @property
    def count_text(self) -> str:
        total, shown = self.table.total, len(self.table.shown)
        if self.report is None:
            return ""
        if shown == total:
            return tr("{n} personne(s)", n=total)
        return tr("{shown} personne(s) sur {total}", shown=shown, total=total)

    @property
    def day_text(self) -> str:
        return tr("Au {day}", day=format_date(self.report.today)) if self.report else ""

    # -- exports ------------------------------------------------------------------------------

    def export_csv(self, out: Path) -> bool:
        from spie_desktop.services.situation import export_csv

        rows = self.table.shown

        def write(s: Session) -> Path:
            return export_csv(s, rows, out)

        return self._export(write)

    def export_pdf(self, out: Path) -> bool:
        from spie_desktop.services.situation_pdf import export_pdf

        rows = self.table.shown
        report = self.report
        if report is None:
            return False
        filters = self.table.filter.describe() or tr("aucun filtre")

        def write(s: Session) -> Path:
            return export_pdf(s, rows, out, today=report.today, filters=filters)

        return self._export(write)

    def _export(self, work: Callable[[Session], Path]) -> bool:
        if self.exporting or self.report is None:
            return False
        # Only the local audit trail is written: nothing a page shows.
        started = self.context.change(
            work,
            changes(),
            self._on_exported,
            self._on_export_failed,
            owner=self,
        )
        if started is not None:
            self.exporting, self.note, self.error = True, "", ""
            self.changed.emit()
        return started is not None

    def _on_exported(self, path: Path) -> None:
        self.exporting = False
        self.note = tr("Liste écrite dans {path}.", path=str(path))
        self.changed.emit()
        self.exported.emit(self.note)

    def _on_export_failed(self, message: str, _exc: BaseException) -> None:
        self.exporting, self.error = False, message
        self.changed.emit()
