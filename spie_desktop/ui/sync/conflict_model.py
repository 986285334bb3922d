"""The conflict inbox's state: open conflicts (with the person and the field in French), the
received records set aside because this laptop cannot store them, and resolving a conflict — keep mine, keep the server's, or a combination — on the database lane."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Change, Changes, changes
from spie_desktop.services.conflicts import Choice, Combined, list_open, resolve
from spie_desktop.services.device import Session
from spie_desktop.services.parked import SetAsideView, list_set_aside
from spie_desktop.services.sync_desk import ConflictLine, conflict_lines

from ..window_context import WindowContext


def _load(session: Session) -> tuple[list[ConflictLine], list[SetAsideView]]:
    return conflict_lines(session, list_open(session)), list_set_aside(session)


INBOX_SHOWS = changes(Change.CONFLICTS, Change.SYNC)
#: Resolving a conflict writes the record it was about (a person, an answer, a plan…).
RESOLVED = changes(Change.CONFLICTS, Change.PEOPLE, Change.CONSENT, Change.INTERVIEW, Change.PLAN)


def show_value(value: object) -> str:
    """A conflict value as a person reads it (JSON: text, numbers, booleans, nothing)."""
    if value is None or value == "":
        return "(vide)"
    if value is True:
        return "Supprimée"
    if value is False:
        return "Conservée"
    return str(value)


class ConflictModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.lines: list[ConflictLine] = []
        self.set_aside: list[SetAsideView] = []  # received records this laptop cannot store
        self.error = ""
        self.busy = False
        context.changed.connect(self._on_changed)
        context.unlocked.connect(self.load)
        context.locked.connect(self._forget)
        self.load()

    def load(self) -> None:
        self.context.query(_load, self._on_loaded, self._on_load_error, owner=self)

    def _on_changed(self, announced: Changes) -> None:
        if not announced.isdisjoint(INBOX_SHOWS):
            self.load()

    def keep_mine(self, conflict_id: uuid.UUID) -> bool:
        return self._resolve(conflict_id, "local")

    def keep_server(self, conflict_id: uuid.UUID) -> bool:
        return self._resolve(conflict_id, "server")

    def combine(self, conflict_id: uuid.UUID, text: str) -> bool:
        return self._resolve(conflict_id, Combined(text))

    def line(self, conflict_id: uuid.UUID) -> ConflictLine | None:
        return next((x for x in self.lines if x.view.id == conflict_id), None)

    def _resolve(self, conflict_id: uuid.UUID, choice: Choice) -> bool:
        if self.busy:
            return False
        started = self.context.change(
            lambda s: resolve(s, conflict_id, choice),
            RESOLVED,
            self._on_resolved,
            self._on_resolve_error,
            owner=self,
        )
        if started:
            self.busy, self.error = True, ""
            self.changed.emit()
        return started is not None

    def _on_loaded(self, loaded: tuple[list[ConflictLine], list[SetAsideView]]) -> None:
        self.lines, self.set_aside = loaded
        self.changed.emit()

    def _on_resolved(self, _result: object) -> None:
        self.busy = False  # the announcement reloads this list, the counters and the badges

    def _on_load_error(self, message: str, _exc: BaseException) -> None:
        self.busy, self.error = False, message
        self.changed.emit()

    def _on_resolve_error(self, message: str, exc: BaseException) -> None:
        self._on_load_error(message, exc)
        self.load()  # the conflict may have been settled meanwhile (another window, a sync)

    def _forget(self) -> None:
        self.lines, self.set_aside, self.error, self.busy = [], [], "", False
        self.changed.emit()
