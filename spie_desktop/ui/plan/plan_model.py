"""View-model of the plan editor: the draft, its autosave, per-field checks, versions.

It holds the person's current :class:`ActionPlan` and is the only place that changes it:
views call the ``set_*`` / ``add_*`` / ``remove_*`` methods and listen to signals. A change
that breaks a rule (a date that is not one, a due date before the start, an empty label) is
not applied: the setter returns the French reason for the view to show beside the field, and
the draft keeps its last valid value. Every applied change is saved at once (see
:class:`DraftAutosave`). A signed plan is read-only; :meth:`new_version` makes version n+1.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Contract,
    Objective,
    ObjectiveStatus,
    PlanStatus,
)
from spie_desktop.domain.referential import themes

from ..i18n import format_date, format_time, tr
from ..tasks import TaskRunner
from .dates import DateError, parse_day
from .draft_autosave import DraftAutosave
from .labels import action_status_label, theme_label

if TYPE_CHECKING:
    from spie_desktop.services.plans import PlanService

TextField = Literal["label", "responsible_structure", "referent"]
DateField = Literal["start_date", "due_date"]
PLAN_TARGET = "plan"


@dataclass(frozen=True)
class Problem:
    """Why the plan cannot go to signing yet, and where: ``target`` is an objective or
    action id (``None``: the plan itself), ``field`` the field to point at."""

    target: uuid.UUID | None
    field: str
    message: str


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

    def set_contract(self, contract: Contract) -> None:
        plan = self._editable()
        plan.contract = contract
        if contract is Contract.NONE:
            plan.contract_commitment = False
        self._changed()

    def set_commitment(self, committed: bool) -> str:
        plan = self._editable()
        if committed and plan.contract is Contract.NONE:
            return tr("Choisissez d'abord le contrat auquel le plan est lié.")
        plan.contract_commitment = committed
        self._changed()
        return ""

    def set_next_review(self, text: str) -> str:
        plan = self._editable()
        try:
            plan.next_review = parse_day(text)
        except DateError as error:
            return str(error)
        self._changed()
        return ""

    # -- objectives ------------------------------------------------------------------------------

    def add_objective(self, theme: str, label: str = "") -> Objective:
        plan = self._editable()
        used = {o.label for o in plan.objectives}
        suggested = [o for o in _referential(theme, "objectives") if o not in used]
        label = label.strip() or (suggested[0] if suggested else theme_label(theme))
        objective = Objective(plan_id=plan.id, theme=theme, label=label)
        plan.objectives.append(objective)
        self._changed(structure=True)
        return objective

    def set_objective_label(self, objective_id: uuid.UUID, text: str) -> str:
        objective = self._objective(objective_id)
        if not text.strip():
            return tr("L'objectif doit avoir un intitulé.")
        objective.label = text.strip()
        self._changed()
        return ""

    def set_objective_status(self, objective_id: uuid.UUID, status: ObjectiveStatus) -> None:
        self._objective(objective_id).status = status
        self._changed()

    def remove_objective(self, objective_id: uuid.UUID) -> None:
        plan = self._editable()
        plan.objectives = [o for o in plan.objectives if o.id != objective_id]
        self._changed(structure=True)

    # -- actions ---------------------------------------------------------------------------------

    def add_action(self, objective_id: uuid.UUID, label: str = "") -> Action:
        objective = self._objective(objective_id)
        suggested = _referential(objective.theme, "actions")
        label = label.strip() or (suggested[0] if suggested else tr("Nouvelle action"))
        action = Action(objective_id=objective.id, label=label)
        objective.actions.append(action)
        self._changed(structure=True)
        return action

    def set_action_text(self, action_id: uuid.UUID, field: TextField, text: str) -> str:
        action = self._action(action_id)
        if field == "label" and not text.strip():
            return tr("L'action doit avoir un intitulé.")
        setattr(action, field, text.strip())
        self._changed()
        return ""

    def set_action_date(self, action_id: uuid.UUID, field: DateField, text: str) -> str:
        action = self._action(action_id)
        try:
            day = parse_day(text)
        except DateError as error:
            return str(error)
        start = day if field == "start_date" else action.start_date
        due = day if field == "due_date" else action.due_date
        if start and due and due < start:
            if field == "due_date":
                return tr("L'échéance est antérieure au début ({day}).", day=format_date(start))
            return tr("Le début est postérieur à l'échéance ({day}).", day=format_date(due))
        setattr(action, field, day)
        self._changed()
        return ""

    def set_action_status(self, action_id: uuid.UUID, status: ActionStatus) -> None:
        self._action(action_id).status = status
        self._changed()

    def remove_action(self, action_id: uuid.UUID) -> None:
        plan = self._editable()
        for objective in plan.objectives:
            objective.actions = [a for a in objective.actions if a.id != action_id]
        self._changed(structure=True)

    # -- before signing --------------------------------------------------------------------------

    def readiness_problems(self) -> list[Problem]:
        """Everything that keeps the plan from being signed, signatures apart."""
        plan = self.plan
        if plan is None:
            return [Problem(None, PLAN_TARGET, tr("Le plan n'est pas encore ouvert."))]
        if plan.is_signed:
            return [Problem(None, PLAN_TARGET, tr("Ce plan est déjà signé."))]
        problems: list[Problem] = []
        if not plan.objectives:
            problems.append(Problem(None, "objectives", tr("Le plan ne contient aucun objectif.")))
        for objective in plan.objectives:
            for action in objective.actions:
                if action.due_date is None:
                    problems.append(
                        Problem(
                            action.id,
                            "due_date",
                            tr("L'action « {label} » n'a pas d'échéance.", label=action.label),
                        )
                    )
        if plan.contract is not Contract.NONE and not plan.contract_commitment:
            problems.append(
                Problem(
                    None,
                    "contract_commitment",
                    tr(
                        "Le plan est lié à un contrat : l'engagement de la personne doit être "
                        "recueilli."
                    ),
                )
            )
        return problems

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

    def _objective(self, objective_id: uuid.UUID) -> Objective:
        for objective in self._editable().objectives:
            if objective.id == objective_id:
                return objective
        raise KeyError(objective_id)

    def _action(self, action_id: uuid.UUID) -> Action:
        for objective in self._editable().objectives:
            for action in objective.actions:
                if action.id == action_id:
                    return action
        raise KeyError(action_id)

    def _changed(self, *, structure: bool = False) -> None:
        assert self.plan is not None
        self.autosave.queue(self.plan)
        if structure:
            self.structure_changed.emit()
        self.edited.emit()

    def _on_saved(self, at: datetime) -> None:
        self.saved.emit(format_time(at, self.service.session.territory.timezone))


def _referential(theme: str, kind: Literal["objectives", "actions"]) -> tuple[str, ...]:
    found = themes().get(theme)
    if found is None:
        return ()
    return found.objectives if kind == "objectives" else found.actions


def referential_objectives(theme: str) -> tuple[str, ...]:
    return _referential(theme, "objectives")


def referential_actions(theme: str) -> tuple[str, ...]:
    return _referential(theme, "actions")


def _french(exc: BaseException, fallback: str) -> str:
    message = getattr(exc, "message_fr", "")
    return str(message) if message else fallback.format(kind=type(exc).__name__)
