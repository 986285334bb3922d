"""View-model of the plan editor: the draft, its autosave, per-field checks, versions.

It holds the person's current :class:`ActionPlan`; views change it only through the
``set_*`` / ``add_*`` / ``remove_*`` methods here and listen to signals. The rules are the
draft's own (``domain.plan``): a change that breaks one (a date that is not one, a due date
before the start, an empty label) is not applied, the setter returns the domain's French
reason for the view to show beside the field, and the draft keeps its last valid value. Every applied change is saved at once (see
:class:`DraftAutosave`). A signed plan is read-only; :meth:`new_version` makes version n+1.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.plan import (
    Action,
    ActionDate,
    ActionPlan,
    ActionStatus,
    ActionText,
    Contract,
    Objective,
    ObjectiveStatus,
    PlanStatus,
)
from spie_desktop.domain.plan_problems import PlanProblem
from spie_desktop.domain.referential import themes

from ..i18n import format_time, tr
from ..tasks import TaskRunner
from .dates import DateError, parse_day
from .draft_autosave import DraftAutosave
from .labels import action_status_label, theme_label

if TYPE_CHECKING:
    from spie_desktop.services.plans import PlanService

PLAN_TARGET = "plan"


@dataclass(frozen=True)
class Problem:
    """A problem placed in the editor: ``target`` is an objective or action id (``None``: the
    plan itself), ``field`` the field to point at. Made from the domain's :class:`PlanProblem`."""

    target: uuid.UUID | None
    field: str
    message: str

    @classmethod
    def of(cls, problem: PlanProblem) -> Problem:
        return cls(problem.target, problem.field, problem.message_fr)


class PlanModel(QObject):
    loaded = Signal()  # a plan (or another version of it) is now the one shown: rebuild
    load_failed = Signal(str)
    structure_changed = Signal()  # an objective or action was added or removed
    edited = Signal()  # any applied change
    saved = Signal(str)  # local time "10:42:17"
    save_failed = Signal(str)
    version_failed = Signal(str)

    def __init__(
        self,
        service: PlanService,
        runner: TaskRunner,
        person_id: uuid.UUID,
        interview_id: uuid.UUID | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self.person_id = person_id
        self.interview_id = interview_id
        self.plan: ActionPlan | None = None
        self.loading = False
        self.error = ""
        self.autosave = DraftAutosave(runner, service.save_draft, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self.save_failed)

    # -- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the person's current plan, or draft one from the interview."""
        self.loading, self.error = True, ""
        self.runner.run_db(self._read, self._show, self._on_load_failed, owner=self)

    def _read(self) -> ActionPlan:
        current = self.service.current_for_person(self.person_id)
        if current is not None and (
            current.status is PlanStatus.DRAFT
            or self.interview_id is None
            or current.interview_id == self.interview_id
        ):
            return current
        if self.interview_id is None:
            raise NotFound("Cette personne n'a pas encore de plan d'action.", "no plan yet")
        # No plan, or one signed after an earlier diagnostic: this interview makes the next.
        return self.service.draft_from_interview(self.interview_id)

    def _show(self, plan: ActionPlan) -> None:
        self.plan, self.loading, self.error = plan, False, ""
        self.autosave.track(plan)
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.loading = False
        self.error = _french(exc, tr("Le plan n'a pas pu être ouvert ({kind})."))
        self.load_failed.emit(self.error)

    # -- state -----------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.plan is None or self.plan.is_signed

    @property
    def today(self) -> date:
        return self.service.today()

    def objectives_by_theme(self) -> list[tuple[str, list[Objective]]]:
        """The objectives grouped by theme, themes in the order they first appear."""
        groups: dict[str, list[Objective]] = {}
        for objective in self.plan.objectives if self.plan else []:
            groups.setdefault(objective.theme, []).append(objective)
        return list(groups.items())

    def effective_status_text(self, action: Action) -> str:
        """The status as it stands today: a planned action whose start is past is under way."""
        effective = action.effective_status(self.today)
        if effective is not action.status:
            return tr("{status} (date de début passée)", status=action_status_label(effective))
        return action_status_label(action.status)

    def status_line(self) -> str:
        plan = self.plan
        if plan is None:
            return ""
        if plan.status is PlanStatus.DRAFT:
            return tr("Version {n} — brouillon, enregistré à chaque saisie.", n=plan.plan_version)
        return tr(
            "Version {n} — signée : elle ne peut plus être modifiée. « Modifier le plan » "
            "prépare la version {next}, qui la remplacera une fois signée.",
            n=plan.plan_version,
            next=plan.plan_version + 1,
        )

    # -- the plan as a whole ---------------------------------------------------------------------
    # The draft's own methods hold the rules; a setter returns the French reason a value was
    # refused (the draft unchanged), or "" once the change is applied and queued for saving.

    def set_contract(self, contract: Contract) -> None:
        self._apply(lambda plan: plan.set_contract(contract))

    def set_commitment(self, committed: bool) -> str:
        return self._apply(lambda plan: plan.set_commitment(committed))

    def set_next_review(self, text: str) -> str:
        try:
            day = parse_day(text)
        except DateError as error:
            return str(error)
        return self._apply(lambda plan: plan.set_next_review(day))

    # -- objectives ------------------------------------------------------------------------------

    def add_objective(self, theme: str, label: str = "") -> Objective:
        plan = self._editable()
        used = {o.label for o in plan.objectives}
        suggested = [o for o in referential_objectives(theme) if o not in used]
        label = label.strip() or (suggested[0] if suggested else theme_label(theme))
        objective = plan.add_objective(theme, label)
        self._changed(structure=True)
        return objective

    def add_suggested_objective(self, theme: str, label: str) -> str:
        """Take up one of ``service.suggestions(plan)``; "" once added, else why not."""
        return self._apply(lambda plan: plan.add_suggested_objective(theme, label), structure=True)

    def set_objective_label(self, objective_id: uuid.UUID, text: str) -> str:
        return self._apply(lambda plan: plan.set_objective_label(objective_id, text))

    def set_objective_status(self, objective_id: uuid.UUID, status: ObjectiveStatus) -> None:
        self._apply(lambda plan: plan.set_objective_status(objective_id, status))

    def remove_objective(self, objective_id: uuid.UUID) -> None:
        self._apply(lambda plan: plan.remove_objective(objective_id), structure=True)

    # -- actions ---------------------------------------------------------------------------------

    def add_action(self, objective_id: uuid.UUID, label: str = "") -> Action:
        plan = self._editable()
        suggested = referential_actions(plan.objective(objective_id).theme)
        label = label.strip() or (suggested[0] if suggested else tr("Nouvelle action"))
        action = plan.add_action(objective_id, label)
        self._changed(structure=True)
        return action

    def set_action_text(self, action_id: uuid.UUID, field: ActionText, text: str) -> str:
        return self._apply(lambda plan: plan.set_action_text(action_id, field, text))

    def set_action_date(self, action_id: uuid.UUID, field: ActionDate, text: str) -> str:
        try:
            day = parse_day(text)
        except DateError as error:
            return str(error)
        return self._apply(lambda plan: plan.set_action_date(action_id, field, day))

    def set_action_status(self, action_id: uuid.UUID, status: ActionStatus) -> None:
        self._apply(lambda plan: plan.set_action_status(action_id, status))

    def remove_action(self, action_id: uuid.UUID) -> None:
        self._apply(lambda plan: plan.remove_action(action_id), structure=True)

    # -- before signing --------------------------------------------------------------------------

    def readiness_problems(self) -> list[Problem]:
        """Everything that keeps the plan from being signed, signatures apart (the domain's
        rules; the editor places each problem beside what it concerns)."""
        if self.plan is None:
            return [Problem(None, PLAN_TARGET, tr("Le plan n'est pas encore ouvert."))]
        problems = self.plan.readiness_problems(signatures=False, today=self.today)
        return [Problem.of(p) for p in problems]

    # -- versions --------------------------------------------------------------------------------

    def new_version(self) -> None:
        """ "Modifier le plan": version n+1 as a draft (the signed one stays in force)."""
        plan = self.plan
        if plan is None or not plan.is_signed:
            return
        plan_id = self.plan_id
        self.runner.run_db(
            lambda: self.service.new_version(plan_id),
            self._show,
            lambda exc: self.version_failed.emit(
                _french(exc, tr("La nouvelle version n'a pas pu être créée ({kind})."))
            ),
            owner=self,
        )

    def adopt_signed(self, plan: ActionPlan) -> None:
        """The plan as the signing stored it."""
        self._show(plan)

    @property
    def plan_id(self) -> uuid.UUID:
        assert self.plan is not None
        return self.plan.id

    def flush(self, timeout_s: float = 5.0) -> bool:
        return self.autosave.flush(timeout_s)

    # -- internals -------------------------------------------------------------------------------

    def _editable(self) -> ActionPlan:
        plan = self.plan
        if plan is None:
            raise RuntimeError("no plan is open")
        plan.ensure_editable()
        return plan

    def _apply(self, change: Callable[[ActionPlan], None], *, structure: bool = False) -> str:
        plan = self._editable()
        try:
            change(plan)
        except ValidationError as refused:
            return refused.message_fr
        self._changed(structure=structure)
        return ""

    def _changed(self, *, structure: bool = False) -> None:
        assert self.plan is not None
        self.autosave.queue(self.plan)
        if structure:
            self.structure_changed.emit()
        self.edited.emit()

    def _on_saved(self, at: datetime) -> None:
        self.saved.emit(format_time(at, self.service.session.territory.timezone))


def referential_objectives(theme: str) -> tuple[str, ...]:
    found = themes().get(theme)
    return found.objectives if found else ()


def referential_actions(theme: str) -> tuple[str, ...]:
    found = themes().get(theme)
    return found.actions if found else ()


def _french(exc: BaseException, fallback: str) -> str:
    message = getattr(exc, "message_fr", "")
    return str(message) if message else fallback.format(kind=type(exc).__name__)
