"""View-model of the plan editor: the draft, its autosave, per-field checks, versions.

It holds the person's current :class:`ActionPlan`; views change it only through the
``set_*`` / ``add_*`` / ``remove_*`` methods here and listen to signals. The rules are the
draft's own (``domain.plan``): a change that breaks one (a date that is not one, a due date
before the start, an empty label) is not applied, the setter returns the domain's French
reason for the view to show beside the field, and the draft keeps its last valid value.
Every applied change is saved at once by the window's
:class:`~spie_desktop.ui.autosaver.Autosaver`, a snapshot of the draft per save (a deep copy
taken on the GUI thread, so the lane never reads an object the GUI is changing). A signed
plan is read-only; :meth:`new_version` makes version n+1.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.contracts import ContractHolder
from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.offers import LinkedOffer
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
from spie_desktop.domain.plan_checks import readiness_problems
from spie_desktop.domain.plan_problems import PlanProblem
from spie_desktop.domain.records import utc_now
from spie_desktop.domain.referential import themes
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.plans import PlanService

from ..autosaver import Autosaver
from ..i18n import format_time, tr, tr_said
from .dates import DateError, parse_day
from .labels import action_status_label, theme_label

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from ..window_context import WindowContext

PLAN_CHANGED = changes(Change.PLAN)

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
        return cls(problem.target, problem.field, tr_said(problem.said))


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
        context: WindowContext,
        person_id: uuid.UUID,
        interview_id: uuid.UUID | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        session = context.session
        if session is None:
            raise RuntimeError("the window is locked")
        self.context = context
        self.service = PlanService(session)
        self.person_id = person_id
        self.interview_id = interview_id
        self.plan: ActionPlan | None = None
        #: The person as the contract's pathways see them (birth date, RQTH), read with the plan.
        self.holder: ContractHolder | None = None
        self.loading = False
        self.error = ""
        self.unsaved = False  # the last save failed: the draft on screen is not all stored
        # The store checks the plan's version on each save (optimistic locking): the version
        # the store gave the last save goes on the next snapshot (read and set on the lane).
        self._versions = threading.Lock()
        self._version = 0
        self._saving_plan: uuid.UUID | None = None  # whose version ``_version`` is
        self.autosave = Autosaver(context, self._save_draft, PLAN_CHANGED, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.failed.connect(self._on_save_failed)

    # -- loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the person's current plan, or draft one from the interview."""
        self.loading, self.error = True, ""
        # Drafting from the interview writes the draft: a change.
        self.context.change(
            self._read, PLAN_CHANGED, self._show_read, self._on_load_failed, owner=self
        )

    def _read(self, _session: Session) -> tuple[ActionPlan, ContractHolder]:
        return self._current_plan(), self.service.contract_holder(self.person_id)

    def _current_plan(self) -> ActionPlan:
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

    def _show_read(self, read: tuple[ActionPlan, ContractHolder]) -> None:
        plan, self.holder = read
        self._show(plan)

    def _show(self, plan: ActionPlan) -> None:
        self.plan, self.loading, self.error = plan, False, ""
        with self._versions:
            self._version, self._saving_plan = plan.version, plan.id
        self.loaded.emit()

    def _on_load_failed(self, message: str, _exc: BaseException) -> None:
        self.loading = False
        self.error = message
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

    def set_contract(self, contract: Contract) -> str:
        """Refused, with the reason: a former contract, or a pathway (CEJ, PACEA) the person
        may not enter at their age today, or whose age is not known."""
        return self._apply(lambda plan: plan.set_contract(contract, self.holder, self.today))

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

    def link_offer(self, action_id: uuid.UUID, offer: LinkedOffer | None) -> None:
        """Keep this offer on the action as it stands now (None: unlink)."""
        self._apply(lambda plan: plan.link_offer(action_id, offer), structure=True)

    def remove_action(self, action_id: uuid.UUID) -> None:
        self._apply(lambda plan: plan.remove_action(action_id), structure=True)

    # -- before signing --------------------------------------------------------------------------

    def readiness_problems(self) -> list[Problem]:
        """Everything that keeps the plan from being signed, signatures apart (the domain's
        rules; the editor places each problem beside what it concerns)."""
        if self.plan is None:
            return [Problem(None, PLAN_TARGET, tr("Le plan n'est pas encore ouvert."))]
        problems = readiness_problems(
            self.plan, signatures=False, today=self.today, holder=self.holder
        )
        return [Problem.of(p) for p in problems]

    # -- versions --------------------------------------------------------------------------------

    def new_version(self) -> None:
        """ "Modifier le plan": version n+1 as a draft (the signed one stays in force)."""
        plan = self.plan
        if plan is None or not plan.is_signed:
            return
        service, plan_id = self.service, self.plan_id
        self.context.change(
            lambda _s: service.new_version(plan_id),
            PLAN_CHANGED,
            self._show,
            lambda message, _exc: self.version_failed.emit(message),
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

    def _apply(self, change: Callable[[ActionPlan], object], *, structure: bool = False) -> str:
        plan = self._editable()
        try:
            change(plan)
        except ValidationError as refused:
            return tr_said(refused.said)
        self._changed(structure=structure)
        return ""

    def _changed(self, *, structure: bool = False) -> None:
        assert self.plan is not None
        self.autosave.queue(self.plan.id, copy.deepcopy(self.plan))
        if structure:
            self.structure_changed.emit()
        self.edited.emit()

    def _save_draft(self, _session: Session, plan_id: object, snapshot: ActionPlan) -> datetime:
        """On the lane: the snapshot at the version of the last save of this plan."""
        with self._versions:
            snapshot.version = self._version
        stored = self.service.save_draft(snapshot)
        with self._versions:
            if stored.id == self._saving_plan:  # not a plan replaced while it was saving
                self._version = stored.version
        return utc_now()

    def _on_saved(self, _plan_id: object, at: datetime) -> None:
        self.unsaved = False
        self.saved.emit(format_time(at, self.service.session.territory.timezone))

    def _on_save_failed(self, _plan_id: object, message: str) -> None:
        self.unsaved = True
        self.save_failed.emit(message)


def referential_objectives(theme: str) -> tuple[str, ...]:
    found = themes().get(theme)
    return found.objectives if found else ()


def referential_actions(theme: str) -> tuple[str, ...]:
    found = themes().get(theme)
    return found.actions if found else ()
