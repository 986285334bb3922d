"""Recording a person's consent: which scopes they agreed to, under which wording version."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.language_file import Direction
from spie_desktop.domain.people import (
    CONSENT_SCOPE_LABELS,
    CONSENT_WORDING,
    CONSENT_WORDING_VERSION,
    ConsentRecord,
    ConsentScope,
)
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.person_languages import device_texts

from .i18n import tr

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext


class ConsentModel(QObject):
    """Nothing is ticked for the person: each scope is their explicit choice.

    The wording and the scopes are read to the person in their ``language`` (the person
    texts layer); when it is not French, the French text, which is the reference, is given
    with it.
    """

    changed = Signal()
    recorded = Signal(object)  # ConsentRecord

    def __init__(
        self,
        context: WindowContext,
        person_id: uuid.UUID,
        current: Iterable[ConsentScope] = (),
        parent: QObject | None = None,
        *,
        language: str = FRENCH,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        session = context.session
        self.texts = device_texts(session.data_dir if session is not None else None, language)
        self.scopes: set[ConsentScope] = set(current)
        self.busy = False
        self.message = ""

    wording = tr(CONSENT_WORDING)
    wording_version = CONSENT_WORDING_VERSION

    @staticmethod
    def label(scope: ConsentScope) -> str:
        return tr(CONSENT_SCOPE_LABELS[scope])

    @property
    def in_french(self) -> bool:
        return self.texts.language.code == FRENCH

    @property
    def right_to_left(self) -> bool:
        return self.texts.language.direction is Direction.RTL

    @property
    def own_title(self) -> str:
        """The heading in the person's language ("" when French: the dialog has its own)."""
        return "" if self.in_french else self.texts.text("consent.title")

    @property
    def own_wording(self) -> str:
        """The information text in the person's language ("" when French)."""
        return "" if self.in_french else self.texts.consent_wording().text

    def own_label(self, scope: ConsentScope) -> str:
        """What ``scope`` means, in the person's language ("" when French)."""
        return "" if self.in_french else self.texts.text(f"consent.scope.{scope.value}")

    @property
    def french_reference(self) -> str:
        return self.texts.french["plan.french_reference"]

    def set_scope(self, scope: ConsentScope, given: bool) -> None:
        if given:
            self.scopes.add(scope)
        else:
            self.scopes.discard(scope)
        self.changed.emit()

    @property
    def note(self) -> str:
        if ConsentScope.RECORD in self.scopes:
            return ""
        return tr(
            "Sans l'accord « {record} », aucun entretien ne peut être mené.",
            record=self.label(ConsentScope.RECORD),
        )

    def submit(self) -> None:
        from spie_desktop.services.people import PeopleService

        if self.busy:
            return
        scopes, person_id = set(self.scopes), self.person_id

        def record(session: Session) -> ConsentRecord:
            return PeopleService(session).record_consent(person_id, scopes, self.wording_version)

        if self.context.change(
            record, changes(Change.CONSENT), self._on_recorded, self._on_failed, owner=self
        ):
            self.busy, self.message = True, ""
            self.changed.emit()

    def _on_recorded(self, record: ConsentRecord) -> None:
        self.busy = False
        self.changed.emit()
        self.recorded.emit(record)

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.busy, self.message = False, message
        self.changed.emit()
