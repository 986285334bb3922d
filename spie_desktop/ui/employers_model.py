"""View-model of the « Entreprises » section: the territory's entreprises accueillantes
(``services.employers``), filtered by the words typed; read again when an immersion, a
follow-up event or a sync run may have changed them, and only while on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.immersion_employer import EmployerLine
from spie_desktop.services.changes import Change, Changes
from spie_desktop.services.employers import employer_lines

from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

SHOWN = (Change.IMMERSIONS, Change.TIMELINE, Change.SYNC, Change.PEOPLE)


class EmployersModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.query = ""
        self.lines: list[EmployerLine] = []
        self.error = ""
        self.on_screen = False
        self._stale = True
        self._read = CoalescedQuery(context, self._work, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)

    def _work(self, session: Session) -> tuple[str, list[EmployerLine]]:
        query = self.query
        return query, employer_lines(session, query)

    def load(self) -> None:
        self._stale = False
        self._read.run()

    def search(self, text: str) -> None:
        self.query = text
        self.load()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.load()

    def clear(self) -> None:
        self._stale = True
        self.lines, self.error = [], ""
        self.changed.emit()

    def _on_changed(self, announced: Changes) -> None:
        if not touches(announced, *SHOWN):
            return
        if self.on_screen:
            self.load()
        else:
            self._stale = True

    def _on_read(self, read: tuple[str, list[EmployerLine]]) -> None:
        asked, lines = read
        if asked != self.query:  # typed meanwhile: the next read answers it
            self.load()
            return
        self.lines, self.error = lines, ""
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.error = message
        self.changed.emit()
