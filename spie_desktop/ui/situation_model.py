"""View-model of the point de situation: the report, the table, the filters, the exports.

Read on the database lane (``compute_situation``) when shown first and again whenever a
change it shows is announced; no timer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Change, Changes, changes
from spie_desktop.services.situation import SituationReport, compute_situation

from .i18n import format_date, tr
from .situation_rows import SituationFilter, search_text
from .situation_table import SituationTable
from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

#: What the point de situation shows: a person, an event, a plan, an interview's counsellors,
#: anything a sync brought.
SHOWN = (Change.PEOPLE, Change.TIMELINE, Change.PLAN, Change.SYNC, Change.CONFLICTS)


def read_situation(session: Session) -> tuple[SituationReport, list[str]]:
    """On the lane: the report and its rows' search strings (folding 10,000 names is work
    the GUI thread need not do)."""
    report = compute_situation(session)
    return report, [search_text(row) for row in report.rows]


class SituationModel(QObject):
    changed = Signal()  # the report, the message or the busy state
    filtered = Signal()  # the visible rows changed (a filter)
    exported = Signal(str)  # French note: where the file was written

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.table = SituationTable(self)
        self.report: SituationReport | None = None
        self.loading = False
        self.error = ""
        self.note = ""
        self.exporting = False
        #: Shown on screen: read again at once on a change; hidden, only marked stale and
        #: read when shown (10,000 lines are not recomputed for a section no one looks at).
        self.on_screen = False
        self._stale = True
        self._structures: list[str] = []
        self._counsellors: list[str] = []
        self._read = CoalescedQuery(context, read_situation, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)
        context.unlocked.connect(self._on_unlocked)

    # -- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        self._stale = False
        if self._read.run():
            self.loading = True
            self.changed.emit()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.load()

    def _on_unlocked(self) -> None:
        self.set_on_screen(self.on_screen)  # read again if shown, else when shown

    def clear(self) -> None:
        self._stale = True
        self.report, self.loading, self.error, self.note = None, False, "", ""
        self._structures, self._counsellors = [], []
        self.table.set_rows([])
        self.changed.emit()

    def _on_changed(self, announced: Changes) -> None:
        if not touches(announced, *SHOWN):
            return
        if self.on_screen:
            self.load()
        else:
            self._stale = True

    def _on_read(self, read: tuple[SituationReport, list[str]]) -> None:
        self.show_report(*read)

    def show_report(self, report: SituationReport, texts: list[str] | None = None) -> None:
        """Show a report (``texts``: its rows' search strings, made on the lane)."""
        self.report, self.loading, self.error = report, False, ""
        self._structures = sorted({s for r in report.rows for s in r.structures})
        self._counsellors = sorted({c for r in report.rows for c in r.counsellors})
        self.table.set_rows(report.rows, texts)
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
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
