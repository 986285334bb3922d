"""View-model of the person's evaluation window: which screen is shown, what the person chose
in this window (so « Précédent » shows it again), and each answer written at once.

Every write goes through the window context's one door, on the database lane, in order: the
evaluation is written first (its id known beforehand), then each answer the moment it is
given, so an evaluation left half-way keeps what was answered. Nothing here is kept once the
window closes, and the application's lock forgets it at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.evaluation_text import FRENCH_WORDS, QUESTION_KEYS, EvaluationWords
from spie_desktop.services.changes import Change, Changes, changes
from spie_desktop.services.evaluations import (
    EvaluationQuestion,
    EvaluationStep,
    new_handle,
    save_answer,
    save_suggestion,
    save_wants_groups,
    start_evaluation,
)

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

SUGGESTION = "suggestion"
GROUPS = "groups"
Screen = EvaluationQuestion | str
#: The screens in order: the four scaled questions, what the person would change, the groups.
SCREENS: tuple[Screen, ...] = (*QUESTION_KEYS, SUGGESTION, GROUPS)
WRITTEN = changes(Change.EVALUATION)


class EvaluationModel(QObject):
    changed = Signal()
    forgotten = Signal()  # the application locked: the window closes

    def __init__(
        self,
        context: WindowContext,
        person_id: uuid.UUID,
        step: EvaluationStep,
        parent: QObject | None = None,
        *,
        words: EvaluationWords = FRENCH_WORDS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.words = words  # in the person's language
        self.handle = new_handle(step)
        self._person_id = person_id
        self.index = 0
        self.chosen: dict[Screen, int | bool | str] = {}
        self.finished = False
        self.error = ""
        context.locked.connect(self.forget)

    # -- what is shown ------------------------------------------------------------------------

    @property
    def screen(self) -> Screen:
        return SCREENS[self.index]

    @property
    def total(self) -> int:
        return len(SCREENS)

    def progress_text(self) -> str:
        return self.words.progress(self.index + 1, self.total)

    def question_text(self) -> str:
        screen = self.screen
        if isinstance(screen, EvaluationQuestion):
            return self.words.questions[screen]
        return self.words.text[screen]

    # -- the person's moves --------------------------------------------------------------------

    def start(self) -> bool:
        """Write the evaluation (and the person's token at their first one)."""
        handle, person_id = self.handle, self._person_id

        def work(session: Session) -> object:
            return start_evaluation(session, person_id, handle)

        return self._write(work, changes(Change.PEOPLE, Change.EVALUATION))

    def choose(self, value: int) -> None:
        """A face of the scale chosen on a question's screen: kept at once, then next."""
        question = self.screen
        if not isinstance(question, EvaluationQuestion) or self.finished:
            return
        self.chosen[question] = value
        handle = self.handle
        self._write(lambda session: save_answer(session, handle, question, value))
        self.next()

    def submit_suggestion(self, text: str) -> None:
        if self.screen != SUGGESTION or self.finished:
            return
        if text.strip() or SUGGESTION in self.chosen:
            self.chosen[SUGGESTION] = text
            handle = self.handle
            self._write(lambda session: save_suggestion(session, handle, text))
        self.next()

    def choose_groups(self, wants: bool) -> None:
        if self.screen != GROUPS or self.finished:
            return
        self.chosen[GROUPS] = wants
        handle = self.handle
        self._write(lambda session: save_wants_groups(session, handle, wants))
        self.next()

    def skip(self) -> None:
        """« Passer »: on without answering (an answer given before stays)."""
        if not self.finished:
            self.next()

    def next(self) -> None:
        if self.index + 1 < self.total:
            self.index += 1
        else:
            self.finished = True
        self.changed.emit()

    def previous(self) -> None:
        if self.index > 0 and not self.finished:
            self.index -= 1
            self.changed.emit()

    def forget(self) -> None:
        self.chosen.clear()
        self.finished = True
        self.forgotten.emit()

    # -- writing -------------------------------------------------------------------------------

    def _write(self, work: Callable[[Session], object], announced: Changes = WRITTEN) -> bool:
        task = self.context.change(work, announced, None, self._failed, owner=self)
        if task is None:
            self._failed(self.words.text["saving_failed"], None)
            return False
        return True

    def _failed(self, _message: str, _exc: BaseException | None) -> None:
        # The counsellor's wording of the failure may name a record: the person reads ours.
        self.error = self.words.text["saving_failed"]
        self.changed.emit()
