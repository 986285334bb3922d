"""View-model of the interview workspace: the engine state, autosave, steps, authorship.

It holds the :class:`~spie_desktop.forms.InterviewState` and is the only place that changes
it: views call :meth:`WorkspaceModel.set_answer` / :meth:`go_to` and listen to signals. Every
change is handed to the window's :class:`~spie_desktop.ui.autosaver.Autosaver` at once; the
step is saved on the same lane, after the answers, so reopening resumes exactly where it
stopped. All of it goes through the window context (errors, the lost-store banner).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Field
from spie_desktop.forms import FieldError, InterviewState, StepKind, Synthesis
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.consent_answers import DECIDING
from spie_desktop.services.interview_session import InterviewSessionService

from ..autosaver import Autosaver
from ..i18n import format_time, tr
from .view_memory import ViewMemory, memory_for

if TYPE_CHECKING:
    from spie_desktop.services.device import Session
    from spie_desktop.services.interview_session import OpenedInterview

    from ..window_context import WindowContext

INTERVIEW_CHANGED = changes(Change.INTERVIEW)
CONSENT_CHANGED = changes(Change.CONSENT)


class WorkspaceModel(QObject):
    opened = Signal()
    open_failed = Signal(str)
    answer_changed = Signal(str)  # key: the state changed (visibility, progress may follow)
    answer_saved = Signal(str, str)  # key, local time "10:42:17"
    step_saved = Signal(str)  # local time
    save_failed = Signal(str)  # French message
    synthesis_changed = Signal(object)  # Synthesis
    step_changed = Signal(str)
    blocked = Signal(str, list)  # a move was refused: target step id, list[FieldError]
    blocking_changed = Signal(list)  # some of the listed answers were given since
    owners_changed = Signal()
    join_failed = Signal(str)

    def __init__(
        self, context: WindowContext, person_id: uuid.UUID, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("the window is locked")
        self.context = context
        # The service keeps who joined during this run: one for the workspace's life.
        self.service = InterviewSessionService(session)
        self.person_id = person_id
        self.opened_interview: OpenedInterview | None = None
        self.open_error = ""
        self.saved_at: datetime | None = None
        self.save_error = ""
        self.blocking: list[FieldError] = []
        self.blocked_target = ""
        self.autosave = Autosaver(context, self._save, INTERVIEW_CHANGED, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self._on_failed)

    # -- opening ---------------------------------------------------------------------------------

    def open(self) -> None:
        service, person_id = self.service, self.person_id
        # Opening may start the interview: a change.
        self.context.change(
            lambda _s: service.open(person_id),
            INTERVIEW_CHANGED,
            self._on_opened,
            self._on_open_failed,
            owner=self,
        )

    def _on_opened(self, opened: OpenedInterview) -> None:
        self.opened_interview = opened
        # Who sat at this keyboard before a lock is still at the table, to confirm again.
        joined = self.memory.joined
        joined.add(self.service.session.counsellor.id)
        self.service.expect(joined)
        self.opened.emit()

    def _on_open_failed(self, message: str, _exc: BaseException) -> None:
        self.open_error = message
        self.open_failed.emit(self.open_error)

    @property
    def state(self) -> InterviewState:
        if self.opened_interview is None:
            raise RuntimeError("the interview is not open yet")
        return self.opened_interview.state

    @property
    def interview_id(self) -> uuid.UUID:
        assert self.opened_interview is not None
        return self.opened_interview.interview.id

    @property
    def memory(self) -> ViewMemory:
        return memory_for(self.interview_id)

    @property
    def read_only(self) -> bool:
        return self.state.read_only

    # -- answers ---------------------------------------------------------------------------------

    def set_answer(self, key: str, value: Any) -> FieldError | None:
        """Record a change (empty clears), save it at once; return its problem, if any."""
        state = self.state
        if state.read_only or self.service.awaits_confirmation(state, key):
            return None
        author = self.service.author_for(state, key)
        errors = state.set_answer(key, value, author)
        record = state.answers.get(key)
        self.autosave.queue(key, (None if record is None else record.value, author))
        self.answer_changed.emit(key)
        self.synthesis_changed.emit(self.synthesis())
        if self.blocking:
            self._refresh_blocking()
        return errors[0] if errors else None

    def value_for_editor(self, key: str) -> Any:
        """What an editor shows: the stored value, even an invalid one (never lose typing)."""
        record = self.state.answers.get(key)
        return None if record is None else record.value

    def field_error(self, key: str) -> FieldError | None:
        return self.state.field_error(key, include_missing=False)

    def synthesis(self) -> Synthesis:
        return self.state.synthesis()

    def author_name(self, key: str) -> str:
        record = self.state.answers.get(key)
        return "" if record is None else self._name_of(record.author_id)

    def section_author_names(self, section: str) -> str:
        """Who wrote in a theme or step, e.g. "Nadia B., Julien R."."""
        authors = self.state.section_authors().get(section, set())
        return ", ".join(sorted(filter(None, (self._name_of(a) for a in authors))))

    def _name_of(self, account_id: uuid.UUID | None) -> str:
        if self.opened_interview is not None:
            for counsellor in self.opened_interview.owners.values():
                if counsellor.id == account_id:
                    return counsellor.display_name
        me = self.service.session.counsellor
        return me.display_name if account_id == me.id else ""

    def pane_needs_join(self, field: Field) -> bool:
        """The pane's counsellor is not at the keyboard in this run (or there is none yet)."""
        return not self.service.owner_present(field)

    def pane_to_confirm(self, field: Field) -> str:
        """The name of the pane's counsellor who joined before a lock and must type their
        passphrase again before writing; ``""`` when the pane may be written in."""
        owner = self.service.owner_to_confirm(field)
        return "" if owner is None else self._name_of(owner)

    def key_read_only(self, key: str) -> bool:
        """This answer cannot be changed now (the interview, or its pane awaiting its owner)."""
        return self.read_only or self.service.awaits_confirmation(self.state, key)

    def pane_owner_name(self, field: Field) -> str:
        if self.opened_interview is None:
            return ""
        owner = self.opened_interview.owners.get(field)
        return owner.display_name if owner else tr("conseiller à rejoindre")

    # -- steps -----------------------------------------------------------------------------------

    def go_to(self, step_id: str, *, keep_blocking: bool = False) -> list[FieldError]:
        """Move to a step; if answers are missing on the way, list them (``blocked``).

        ``keep_blocking``: going back to give a missing answer keeps the list shown.
        """
        errors = self.state.go_to(step_id)
        if errors:
            self.blocking, self.blocked_target = errors, step_id
            self.blocked.emit(step_id, errors)
            return errors
        if not keep_blocking:
            self.blocking = []
        self._save_step()
        self.step_changed.emit(step_id)
        return []

    def next_step(self) -> list[FieldError]:
        steps = [s.id for s in self.state.definition.steps]
        index = steps.index(self.state.current_step.id)
        return self.go_to(steps[index + 1]) if index + 1 < len(steps) else []

    def previous_step(self) -> None:
        steps = [s.id for s in self.state.definition.steps]
        index = steps.index(self.state.current_step.id)
        if index > 0:
            self.go_to(steps[index - 1])

    def plan_step_id(self) -> str | None:
        for step in self.state.definition.steps:
            if step.kind is StepKind.ACTION_PLAN:
                return step.id
        return None

    def _refresh_blocking(self) -> None:
        """Missing answers listed earlier: drop those now given."""
        remaining = [e for e in self.blocking if self._still_blocking(e)]
        if remaining != self.blocking:
            self.blocking = remaining
            self.blocking_changed.emit(remaining)

    def _still_blocking(self, error: FieldError) -> bool:
        if error.key in self.state.definition.fields:
            return self.state.field_error(error.key) is not None
        return any(e.key == error.key for e in self.state.errors(error.key))

    def _save_step(self) -> None:
        if self.state.read_only:
            return
        service, interview_id = self.service, self.interview_id
        step = self.state.current_step.id
        # On the same lane, so after the answers already queued.
        self.context.change(
            lambda _s: service.save_step(interview_id, step),
            INTERVIEW_CHANGED,
            self._on_step_saved,
            lambda message, _exc: self._on_failed("", message),
            owner=self,
        )

    def _on_step_saved(self, at: datetime) -> None:
        self.saved_at, self.save_error = at, ""
        self.step_saved.emit(format_time(at, self.service.session.territory.timezone))

    # -- second counsellor -----------------------------------------------------------------------

    def join(self, account_id: uuid.UUID, passphrase: str) -> None:
        service, interview_id = self.service, self.interview_id
        self.context.change(
            lambda _s: service.join_counsellor(interview_id, account_id, passphrase),
            INTERVIEW_CHANGED,
            self._on_joined,
            lambda message, _exc: self.join_failed.emit(message),
            owner=self,
        )

    def _on_joined(self, counsellor: Any) -> None:
        if self.opened_interview is not None:
            self.opened_interview.owners[Field(counsellor.field)] = counsellor
            self.memory.joined.add(counsellor.id)  # still at the table after a lock
        self.owners_changed.emit()

    # -- saving ----------------------------------------------------------------------------------

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Wait until every change is on disk (before closing or locking)."""
        return self.autosave.flush(timeout_s)

    def _save(self, _session: Session, key: Any, answer: Any) -> datetime:
        value, author = answer
        return self.service.save_answer(self.interview_id, key, value, author)

    def _on_saved(self, key: Any, at: datetime) -> None:
        self.saved_at, self.save_error = at, ""
        if key in DECIDING:  # the answer may have recorded a new consent (consent_answers)
            self.context.announce(CONSENT_CHANGED)
        tz = self.service.session.territory.timezone
        self.answer_saved.emit(key, format_time(at, tz))

    def _on_failed(self, _key: object, message: str) -> None:
        self.save_error = message
        self.save_failed.emit(message)
