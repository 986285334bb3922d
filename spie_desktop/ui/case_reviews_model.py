"""View-model of the « Revues de situation » section: the sessions, the cases waiting for
one, the session being edited with its cases, and the writes (a session, a case put to it
or taken back, the group's decisions turned into plan actions).

Read on the database lane when shown and again whenever a case review, a person, a plan or
a sync is announced; every write goes through ``context.change`` with
:attr:`Change.CASE_REVIEWS`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.case_review import Decision, Participant, ReviewStatus
from spie_desktop.services import case_reviews as service
from spie_desktop.services.changes import Change, Changes, changes

from .i18n import tr
from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

SHOWN = (Change.CASE_REVIEWS, Change.PEOPLE, Change.SYNC, Change.CONFLICTS)
REVIEWS_ONLY = changes(Change.CASE_REVIEWS)
#: (the session asked for, the overview, that session's detail if it still exists)
Read = tuple[uuid.UUID | None, service.ReviewsOverview, service.ReviewDetail | None]
OnRefused = Callable[[str, "str | None"], None]


class CaseReviewsModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: service.ReviewsOverview | None = None
        #: The session shown in the editor (``None``: a new one being prepared).
        self.detail: service.ReviewDetail | None = None
        self.selected_id: uuid.UUID | None = None
        self.loading = False
        self.saving = False
        self.error = ""
        self.note = ""
        self.on_screen = False
        self._stale = True
        self._read = CoalescedQuery(context, self._work, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)
        context.unlocked.connect(lambda: self.set_on_screen(self.on_screen))

    # -- reading ------------------------------------------------------------------------------

    def _work(self, session: Session) -> Read:
        selected = self.selected_id  # read on the lane: the answer says which it was for
        overview = service.reviews_overview(session)
        known = {r.review_id for r in overview.reviews}
        detail = service.review_detail(session, selected) if selected in known else None
        return selected, overview, detail

    def load(self) -> None:
        self._stale = False
        if self._read.run():
            self.loading = True
            self.changed.emit()

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.load()

    def clear(self) -> None:
        self._stale = True
        self.overview, self.detail, self.selected_id = None, None, None
        self.loading = self.saving = False
        self.error = self.note = ""
        self.changed.emit()

    def _on_changed(self, announced: Changes) -> None:
        if not touches(announced, *SHOWN):
            return
        if self.on_screen:
            self.load()
        else:
            self._stale = True

    def _on_read(self, read: Read) -> None:
        asked, self.overview, detail = read
        self.loading, self.error = False, ""
        if asked != self.selected_id:  # chosen meanwhile: its detail comes with the next read
            self.load()
        else:
            self.detail = detail
            if detail is None:
                self.selected_id = None  # that session is gone (or none was chosen)
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    def select(self, review_id: uuid.UUID | None) -> None:
        """Show this session in the editor (``None``: prepare a new one)."""
        if review_id == self.selected_id and (review_id is None or self.detail is not None):
            return
        self.selected_id = review_id
        self.note = ""
        if review_id is None:
            self.detail = None
            self.changed.emit()
        else:
            self.load()

    @property
    def timezone(self) -> str:
        session = self.context.session
        return session.territory.timezone if session is not None else "Europe/Paris"

    # -- writing ------------------------------------------------------------------------------

    def save_review(
        self,
        starts_at: datetime,
        place: str,
        participants: Sequence[Participant],
        status: ReviewStatus,
        on_refused: OnRefused,
    ) -> bool:
        review_id = self.selected_id

        def write(s: Session) -> uuid.UUID:
            saved = service.save_review(
                s, starts_at, place, participants, status=status, review_id=review_id
            )
            return saved.id

        def done(saved_id: uuid.UUID) -> None:
            # The change was announced (and read) before: read again for the new session.
            self.selected_id = saved_id
            self._saved(tr("Revue enregistrée."))
            self.load()  # a read may have started before: this one is for the new session

        return self._write(write, done, on_refused)

    def schedule(self, case_id: uuid.UUID, review_id: uuid.UUID | None) -> bool:
        def write(s: Session) -> object:
            return service.schedule_case(s, case_id, review_id)

        note = tr("Situation inscrite à la revue.") if review_id else tr("Situation retirée.")
        return self._write(write, lambda _r: self._saved(note), self._show_error)

    def record_decisions(
        self, case_id: uuid.UUID, decisions: Sequence[Decision], on_refused: OnRefused
    ) -> bool:
        def write(s: Session) -> service.DecisionsRecorded:
            return service.record_decisions(s, case_id, decisions)

        def done(recorded: service.DecisionsRecorded) -> None:
            self._saved(
                tr(
                    "{n} action(s) ajoutée(s) au plan (version {v}, brouillon à signer).",
                    n=recorded.added,
                    v=recorded.plan_version,
                )
            )

        return self._write(write, done, on_refused, changes(Change.CASE_REVIEWS, Change.PLAN))

    def _write(
        self,
        work: Callable[[Session], object],
        on_done: Callable[[Any], None],
        on_refused: OnRefused,
        announced: Changes = REVIEWS_ONLY,
    ) -> bool:
        if self.saving:
            return False

        def failed(message: str, exc: BaseException) -> None:
            self.saving = False
            self.changed.emit()
            on_refused(message, getattr(exc, "field", None))

        def done(result: object) -> None:
            self.saving = False
            on_done(result)

        started = self.context.change(work, announced, done, failed, owner=self)
        self.saving = started is not None
        if self.saving:
            self.note, self.error = "", ""
            self.changed.emit()
        return self.saving

    def _saved(self, note: str) -> None:
        self.note = note
        self.changed.emit()

    def _show_error(self, message: str, _field: str | None) -> None:
        self.error = message
        self.changed.emit()
