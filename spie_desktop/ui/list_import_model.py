"""Importing an orientation list from the Personnes section: the run and its outcome."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Change, changes
from spie_desktop.services.orientation_import import ImportReport, import_orientation_list

from .i18n import tr

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext


class ListImportModel(QObject):
    """One import at a time, on the database lane; :attr:`report` or :attr:`refusal` after."""

    changed = Signal()
    finished = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.running = False
        self.file_name = ""
        self.report: ImportReport | None = None
        self.refusal = ""

    def run(self, path: Path) -> bool:
        """Start importing ``path``; ``False`` if an import is running or the window locked."""
        if self.running:
            return False

        def work(session: Session) -> ImportReport:
            return import_orientation_list(session, path)

        task = self.context.change(
            work, changes(Change.PEOPLE), self._on_done, self._on_failed, owner=self
        )
        if task is None:
            return False
        self.running, self.file_name, self.report, self.refusal = True, path.name, None, ""
        self.changed.emit()
        return True

    @property
    def title(self) -> str:
        if self.refusal:
            return tr("Liste refusée : rien n'a été importé")
        return tr("Liste importée")

    @property
    def summary(self) -> str:
        if self.refusal or self.report is None:
            return self.refusal
        report = self.report
        return tr(
            "{file} : {created} personne(s) créée(s), {matched} retrouvée(s) (déjà dans "
            "l'outil, non recréées), {rejected} ligne(s) refusée(s).",
            file=self.file_name,
            created=report.created,
            matched=report.matched,
            rejected=report.rejected,
        )

    @property
    def rejection_lines(self) -> list[str]:
        return [] if self.report is None else [str(r) for r in self.report.rejections]

    def forget(self) -> None:
        """The window locked: a result still to come is dropped, the outcome shown is
        cleared (it names files and counts), and a new import may start after unlocking."""
        self.running, self.file_name, self.report, self.refusal = False, "", None, ""
        self.changed.emit()

    def _on_done(self, report: ImportReport) -> None:
        self.running, self.report = False, report
        self.changed.emit()
        self.finished.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.running, self.refusal = False, message
        self.changed.emit()
        self.finished.emit()
