"""View-model of the review before signing: the plan as the person will read it, its warnings
and errors, and whether it was read together.

The signature step opens on the review; its pads are reached only once the counsellors say
it was read together (:meth:`pass_review`), which is refused while the review has errors
(the plan could not be signed) or is older than the draft. Any change to the draft, or
another version shown, takes the review back: it must be read again. Warnings do not keep
the plan from being signed. :meth:`load` reads the draft's review and its wording
(:meth:`PlanService.review`, :meth:`PlanService.reading`) on the database lane, from a
snapshot of the draft on screen.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.plan_problems import PlanProblem
from spie_desktop.domain.plan_review import PlanReview
from spie_desktop.services.plans import PlanReading

from .plan_model import PlanModel


class ReviewModel(QObject):
    ready = Signal()  # ``review`` and ``reading`` are those of the draft as it stands
    failed = Signal(str)
    invalidated = Signal()  # the draft changed: what was shown is out of date
    passed_changed = Signal(bool)
    fix_requested = Signal(object)  # a PlanProblem: go back to the plan, to what it is about

    def __init__(self, plan_model: PlanModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan_model = plan_model
        self.review: PlanReview | None = None
        self.reading: PlanReading | None = None
        self.current = False  # ``review`` is of the draft as it stands
        self.loading = False
        self.passed = False
        self._generation = 0  # of the draft: a review read before a change is not current
        plan_model.edited.connect(self._invalidate)
        plan_model.loaded.connect(self._invalidate)

    @property
    def can_pass(self) -> bool:
        return self.current and self.review is not None and self.review.can_sign

    def load(self) -> None:
        """Read the review of the draft as it is on screen."""
        plan = self.plan_model.plan
        if plan is None or plan.is_signed:
            return
        service, snapshot = self.plan_model.service, copy.deepcopy(plan)
        generation = self._generation

        def read(_session: object) -> tuple[PlanReview, PlanReading]:
            return service.review(snapshot, signatures=False), service.reading(snapshot)

        self.loading = True
        task = self.plan_model.context.query(
            read,
            lambda result: self._show(generation, *result),
            self._failed,
            owner=self,
        )
        if task is None:
            self.loading = False

    def pass_review(self) -> bool:
        """ "Nous avons relu le plan ensemble": the pads may be shown. Refused while the
        review has errors or is not of the draft as it stands."""
        if not self.can_pass:
            return False
        self._set_passed(True)
        return True

    def read_again(self) -> None:
        """Back from the pads to the review."""
        self._set_passed(False)

    def request_fix(self, problem: PlanProblem) -> None:
        self.fix_requested.emit(problem)

    def _show(self, generation: int, review: PlanReview, reading: PlanReading) -> None:
        self.loading = False
        if generation != self._generation:  # the draft changed meanwhile: read it again
            self.load()
            return
        self.review, self.reading, self.current = review, reading, True
        self.ready.emit()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.loading = False
        self.failed.emit(message)

    def _invalidate(self) -> None:
        self._generation += 1
        self.current = False
        self._set_passed(False)
        self.invalidated.emit()

    def _set_passed(self, passed: bool) -> None:
        if passed != self.passed:
            self.passed = passed
            self.passed_changed.emit(passed)
