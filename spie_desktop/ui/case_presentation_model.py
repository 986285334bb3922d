"""View-model of « Présenter la séance »: the session's cases as the shared screen shows them
(``services.case_presentation``: references, never names) and the group's decisions, saved
and put into the plans by the same service as « Enregistrer les décisions ».

Read on the database lane when opened and again whenever a case review, a person, a plan or
a sync is announced; cleared when the application locks.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.case_review import Decision
from spie_desktop.domain.local_calendar import today_in
from spie_desktop.services import case_reviews as reviews
from spie_desktop.services.case_presentation import Presentation, review_presentation
from spie_desktop.services.changes import Change, Changes, changes

from .i18n import tr
from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

SHOWN = (Change.CASE_REVIEWS, Change.PEOPLE, Change.PLAN, Change.SYNC, Change.CONFLICTS)
OnRefused = Callable[[str, "str | None"], None]


class CasePresentationModel(QObject):
    changed = Signal()

    def __init__(
        self, context: WindowContext, review_id: uuid.UUID, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.review_id = review_id
        self.presentation: Presentation | None = None
        self.loading = False
        self.saving = False
        self.error = ""
        self.note = ""
        self._read = CoalescedQuery(context, self._work, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)

    def _work(self, session: Session) -> Presentation:
        today = today_in(session.territory.timezone)
        return review_presentation(session, self.review_id, today=today)

    def load(self) -> None:
        if self._read.run():
            self.loading = True
            self.changed.emit()

    def clear(self) -> None:
        self.presentation = None
        self.loading = self.saving = False
        self.error = self.note = ""
        self.changed.emit()

    @property
    def timezone(self) -> str:
        session = self.context.session
        return session.territory.timezone if session is not None else "Europe/Paris"

    def _on_changed(self, announced: Changes) -> None:
        if touches(announced, *SHOWN) and not self.context.is_locked:
            self.load()

    def _on_read(self, presentation: Presentation) -> None:
        self.presentation, self.loading, self.error = presentation, False, ""
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    def record_decisions(
        self, case_id: uuid.UUID, decisions: Sequence[Decision], on_refused: OnRefused
    ) -> bool:
        """Keep the decisions with the case and put them into the person's next plan."""
        if self.saving:
            return False
        kept = list(decisions)

        def write(s: Session) -> reviews.DecisionsRecorded:
            return reviews.record_decisions(s, case_id, kept)

        def done(recorded: reviews.DecisionsRecorded) -> None:
            self.saving = False
            self.note = tr(
                "{n} action(s) ajoutée(s) au plan (version {v}, brouillon à signer).",
                n=recorded.added,
                v=recorded.plan_version,
            )
            self.changed.emit()

        def failed(message: str, exc: BaseException) -> None:
            self.saving = False
            self.changed.emit()
            on_refused(message, getattr(exc, "field", None))

        announced = changes(Change.CASE_REVIEWS, Change.PLAN)
        started = self.context.change(write, announced, done, failed, owner=self)
        self.saving = started is not None
        if self.saving:
            self.note = ""
            self.changed.emit()
        return self.saving
