"""Erasing a person's file on their request (RGPD art. 17): a reason, a confirmation that
names the consequence, then the erasure on the database lane."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Change, changes
from spie_desktop.services.purge import ERASE_CONSEQUENCE_FR, Erased, erase_person

from .i18n import tr

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext


class EraseModel(QObject):
    changed = Signal()
    erased = Signal(object)  # uuid.UUID: the person whose file is gone

    consequence = tr(ERASE_CONSEQUENCE_FR)

    def __init__(
        self, context: WindowContext, person_id: uuid.UUID, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.reason = ""
        self.confirmed = False
        self.busy = False
        self.message = ""

    def set_reason(self, text: str) -> None:
        self.reason = text
        self.changed.emit()

    def set_confirmed(self, confirmed: bool) -> None:
        self.confirmed = confirmed
        self.changed.emit()

    @property
    def can_submit(self) -> bool:
        return bool(self.reason.strip()) and self.confirmed and not self.busy

    def submit(self) -> None:
        if not self.can_submit:
            return
        person_id, reason = self.person_id, self.reason

        def erase(session: Session) -> Erased:
            return erase_person(session, person_id, reason)

        self.busy, self.message = True, ""
        self.changed.emit()
        task = self.context.change(
            erase,
            changes(Change.PEOPLE, Change.TIMELINE, Change.SYNC),
            self._on_done,
            self._on_failed,
            owner=self,
        )
        if task is None:
            self._on_failed(tr("La session est verrouillée."), RuntimeError("locked"))

    def _on_done(self, result: Erased) -> None:
        self.busy = False
        self.changed.emit()
        self.erased.emit(result.person_id)

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.busy, self.message = False, message
        self.changed.emit()
