"""View-model of « Immersion (PMSMP)… »: the convention of one plan action — read it, save
it (``services.immersions``), export its draft, record its assessment."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.immersion import Immersion
from spie_desktop.services import immersion_convention as convention
from spie_desktop.services import immersions as service
from spie_desktop.services.changes import Change, changes

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

OnRefused = Callable[[str, "str | None"], None]
SAVED_CHANGES = changes(Change.IMMERSIONS, Change.TIMELINE)


class ImmersionModel(QObject):
    loaded = Signal()
    saved = Signal(object)  # SavedImmersion
    exported = Signal(object)  # Path
    assessed = Signal(object)  # Immersion
    failed = Signal(str)  # a read that failed, in French

    def __init__(
        self,
        context: WindowContext,
        person_id: uuid.UUID,
        action_id: uuid.UUID,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.action_id = action_id
        self.sheet: service.ImmersionSheet | None = None
        self.busy = False

    @property
    def immersion(self) -> Immersion | None:
        return self.sheet.immersion if self.sheet else None

    def load(self) -> None:
        person, action = self.person_id, self.action_id

        def read(s: Session) -> service.ImmersionSheet:
            return service.immersion_sheet(s, person, action)

        def done(sheet: service.ImmersionSheet) -> None:
            self.sheet = sheet
            self.loaded.emit()

        self.context.query(read, done, lambda message, _exc: self.failed.emit(message), owner=self)

    def _write(
        self, work: Callable[[Session], object], done: Callable[[object], None], refused: OnRefused
    ) -> bool:
        if self.busy:
            return False

        def finished(result: object) -> None:
            self.busy = False
            done(result)

        def failed(message: str, exc: BaseException) -> None:
            self.busy = False
            refused(message, getattr(exc, "field", None))

        started = self.context.change(work, SAVED_CHANGES, finished, failed, owner=self)
        self.busy = started is not None
        return self.busy

    def save(self, immersion: Immersion, refused: OnRefused) -> bool:
        def done(result: object) -> None:
            assert isinstance(result, service.SavedImmersion)
            if self.sheet is not None:
                self.sheet = _with(self.sheet, result.immersion)
            self.saved.emit(result)

        return self._write(lambda s: service.save_immersion(s, immersion), done, refused)

    def assess(self, skills_shown: str, follow_up: str, refused: OnRefused) -> bool:
        current = self.immersion
        if current is None:
            return False
        immersion_id = current.id

        def done(result: object) -> None:
            assert isinstance(result, Immersion)
            if self.sheet is not None:
                self.sheet = _with(self.sheet, result)
            self.assessed.emit(result)

        return self._write(
            lambda s: service.record_assessment(s, immersion_id, skills_shown, follow_up),
            done,
            refused,
        )

    def export(self, target: Path, refused: OnRefused) -> bool:
        current = self.immersion
        if current is None:
            return False
        immersion_id = current.id
        return self._write(
            lambda s: convention.export_convention(s, immersion_id, target),
            self.exported.emit,
            refused,
        )

    def suggested_name(self) -> str:
        current = self.immersion
        start = current.starts_on if current else None
        return f"projet-convention-pmsmp{'-' + start.isoformat() if start else ''}.pdf"


def _with(sheet: service.ImmersionSheet, immersion: Immersion) -> service.ImmersionSheet:
    return service.ImmersionSheet(
        person_id=sheet.person_id,
        action_id=sheet.action_id,
        action_label=sheet.action_label,
        immersion=immersion,
        others=sheet.others,
        today=sheet.today,
    )
