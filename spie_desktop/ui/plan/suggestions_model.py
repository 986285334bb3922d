"""View-model of the suggestions beside the plan editor: what the diagnostic suggests, as
choices.

The objectives the synthesis suggests (:meth:`PlanService.suggestions`) are read on the
database lane when a draft is shown, then marked against the draft as it stands on screen
(``ActionPlan.has_objective``, the rule the service marks with), so that taking one up or
renaming an objective updates the marks at once. Nothing is ever added for the people:
:meth:`add` takes up the one they chose, through the plan model (which saves it).
"""

from __future__ import annotations

import copy
from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.plan_suggestions import ThemeSuggestions

from .plan_model import PlanModel


class SuggestionsModel(QObject):
    changed = Signal()  # the suggestions, or their marks, changed: redraw
    failed = Signal(str)

    def __init__(self, plan_model: PlanModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan_model = plan_model
        self._groups: tuple[ThemeSuggestions, ...] = ()
        self.loading = False
        plan_model.loaded.connect(self.load)
        plan_model.edited.connect(self.changed)

    def load(self) -> None:
        """Read the suggestions of the draft's interview (none for a signed plan)."""
        plan = self.plan_model.plan
        if plan is None or plan.is_signed:
            self._show(())
            return
        service, snapshot = self.plan_model.service, copy.deepcopy(plan)
        self.loading = True
        task = self.plan_model.context.query(
            lambda _s: service.suggestions(snapshot), self._show, self._failed, owner=self
        )
        if task is None:
            self.loading = False
        self.changed.emit()  # "Lecture du diagnostic…" meanwhile

    def groups(self) -> tuple[ThemeSuggestions, ...]:
        """The suggestions per theme, in the order to take them up (the agreed priorities
        first), each objective marked if the draft on screen already holds it."""
        plan = self.plan_model.plan
        if plan is None:
            return ()
        return tuple(
            replace(
                group,
                objectives=tuple(
                    replace(o, in_plan=plan.has_objective(o.theme, o.label))
                    for o in group.objectives
                ),
            )
            for group in self._groups
        )

    def add(self, theme: str, label: str) -> str:
        """Take up one suggestion: "" once added (and saved), else why it was not."""
        return self.plan_model.add_suggested_objective(theme, label)

    def _show(self, groups: tuple[ThemeSuggestions, ...]) -> None:
        self._groups, self.loading = groups, False
        self.changed.emit()

    def _failed(self, message: str, _exc: BaseException) -> None:
        self.loading = False
        self.failed.emit(message)
