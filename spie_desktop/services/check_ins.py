"""In-work check-ins: record one, and put the new action it names into the person's plan.

A return to work (EMPLOYMENT) schedules check-ins at 1, 3 and 6 months
(``domain.parcours.pending_check_ins``); recording a CHECK_IN event with its month clears
one. When the check-in names a new action, it goes into the plan:

* into the person's draft when one exists (the counsellors are already revising the plan);
* else into a new draft version of the signed plan in force, made by
  :meth:`PlanService.new_version` — a signed plan never changes, and the person signs the
  new version at the next meeting;
* with no plan at all, the action stays in the check-in's details only (there is no plan
  to add it to: a plan is drafted from a diagnostic).

It is filed under the plan's first objective on the employment theme still in progress,
or a new one, "Se maintenir dans l'emploi".
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from spie_desktop.domain.event_details import (
    CONTRACT,
    DIFFICULTIES,
    MONTH,
    NEW_ACTION,
    STILL_IN_WORK,
)
from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.plan import ActionPlan, ObjectiveStatus, PlanStatus
from spie_desktop.domain.plan_checks import check_entries
from spie_desktop.storage.session import Session

from .timeline import EVENT, TimelineService

log = logging.getLogger(__name__)

EMPLOYMENT_THEME = "emploi"
KEEP_WORK_OBJECTIVE = "Se maintenir dans l'emploi"


@dataclass(frozen=True)
class CheckIn:
    """What a check-in records (keys of ``domain.event_details``)."""

    month: int
    still_in_work: bool
    contract: str | None = None
    difficulties: Sequence[str] = ()
    new_action: str = ""
    note: str = ""

    def details(self) -> dict[str, Any]:
        details: dict[str, Any] = {MONTH: self.month, STILL_IN_WORK: self.still_in_work}
        if self.contract:
            details[CONTRACT] = self.contract
        if self.difficulties:
            details[DIFFICULTIES] = list(dict.fromkeys(self.difficulties))
        if self.new_action.strip():
            details[NEW_ACTION] = self.new_action.strip()
        return details


@dataclass(frozen=True)
class CheckInRecorded:
    event: FollowUpEvent
    #: The draft the new action went into (``None``: no new action, or no plan).
    plan_id: uuid.UUID | None = None
    action_id: uuid.UUID | None = None
    #: True when that draft is a new version of the signed plan, made for this action.
    new_version: bool = False


def record_check_in(
    session: Session,
    person_id: uuid.UUID,
    day: date,
    check_in: CheckIn,
    *,
    now: datetime | None = None,
) -> CheckInRecorded:
    """Record the check-in; its new action, if any, goes into the plan (see module)."""
    timeline = TimelineService(session)
    details = check_in.details()
    with session.uow(read_only=True) as uow:  # refuse a bad check-in before any plan change
        timeline.add_in(uow, person_id, FollowUpKind.CHECK_IN, day, details=details, now=now)
    draft, made = _draft_for(session, person_id) if NEW_ACTION in details else (None, False)
    with session.uow() as uow:
        event = timeline.add_in(
            uow,
            person_id,
            FollowUpKind.CHECK_IN,
            day,
            note=check_in.note,
            details=details,
            now=now,
        )
        action_id = None
        if draft is not None:
            from .plans import PLAN  # loaded by _draft_for already

            plan = uow.plans.get(draft.id)
            action_id = _add_action(plan, details[NEW_ACTION])
            check_entries(plan)
            plan.updated_by = session.counsellor.id
            uow.plans.save(plan)
            uow.audit.record(AuditAction.CHANGED, PLAN, plan.id)
            event.action_id = action_id
        uow.events.add(event)
        uow.audit.record(AuditAction.CREATED, EVENT, event.id)
    log.info("check-in at %d months recorded for person %s", check_in.month, person_id)
    return CheckInRecorded(event, draft.id if draft else None, action_id, made)


def _draft_for(session: Session, person_id: uuid.UUID) -> tuple[ActionPlan | None, bool]:
    from .plans import PlanService  # the forms engine and the signer: with the first check-in

    plans = PlanService(session)
    versions = plans.list_for_person(person_id)
    drafts = [p for p in versions if p.status is PlanStatus.DRAFT]
    if drafts:
        return max(drafts, key=lambda p: p.plan_version), False
    signed = [p for p in versions if p.status is PlanStatus.SIGNED]
    if not signed:
        return None, False
    in_force = max(signed, key=lambda p: p.plan_version)
    return plans.new_version(in_force.id), True


def _add_action(plan: ActionPlan, label: str) -> uuid.UUID:
    objective = next(
        (
            o
            for o in plan.objectives
            if o.theme == EMPLOYMENT_THEME and o.status is ObjectiveStatus.IN_PROGRESS
        ),
        None,
    )
    if objective is None:
        objective = plan.add_objective(EMPLOYMENT_THEME, KEEP_WORK_OBJECTIVE)
    return plan.add_action(objective.id, label).id
