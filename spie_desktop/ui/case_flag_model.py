"""View-model of « Proposer en revue de situation… »: one person's case, flagged with the
reason and the question put to the group (``services.case_reviews.flag_case``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.case_review import ReviewCase
from spie_desktop.services.changes import Change, changes

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

OnRefused = Callable[[str, "str | None"], None]


class CaseFlagModel(QObject):
    flagged = Signal(object)  # ReviewCase

    def __init__(
        self, context: WindowContext, person_id: uuid.UUID, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.saving = False

    def flag(self, reason: str, question: str, include_sex: bool, on_refused: OnRefused) -> bool:
        """Write the case on the lane; ``False`` when nothing was started."""
        from spie_desktop.services.case_reviews import flag_case

        if self.saving:
            return False
        person_id = self.person_id

        def write(s: Session) -> ReviewCase:
            return flag_case(s, person_id, reason, question, include_sex=include_sex)

        def done(case: ReviewCase) -> None:
            self.saving = False
            self.flagged.emit(case)

        def failed(message: str, exc: BaseException) -> None:
            self.saving = False
            on_refused(message, getattr(exc, "field", None))

        started = self.context.change(
            write, changes(Change.CASE_REVIEWS, Change.TIMELINE), done, failed, owner=self
        )
        self.saving = started is not None
        return self.saving
