"""Immersions (PMSMP) of plan actions: read what the convention holds, save it, record its
assessment.

* :func:`immersion_sheet` — the plan action, the person's immersion for it (if any) and
  their other conventions (the ones a new one may renew);
* :func:`save_immersion` — checks the convention (``domain.immersion``: one month, periods,
  one renewal for the same objective, a valid SIRET), keeps its host company in the
  territory's list of employers (the same SIRET is one employer) and, the first time, puts
  the start on the person's parcours (IMMERSION_START, planned when it is still to come);
  returns the warnings (more than 35 h a week);
* :func:`record_assessment` — once it ended: skills shown and follow-up, and the end on the
  parcours (IMMERSION_END), in one transaction.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.event_details import PLANNED
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.immersion import (
    Assessment,
    Immersion,
    ImmersionProblem,
    check_assessment,
    check_immersion,
)
from spie_desktop.domain.immersion_employer import employer_of, merged_employer
from spie_desktop.domain.immersion_siret import normalised_siret
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .file_guard import editable_person
from .timeline import EVENT, TimelineService

log = logging.getLogger(__name__)

IMMERSION = "immersion"
EMPLOYER = "employer"
#: Details key of the IMMERSION_START / IMMERSION_END events: which convention, by its id.
IMMERSION_ID = "immersion_id"


class ImmersionNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(say("Immersion introuvable."), "immersion not found")


@dataclass(frozen=True)
class ImmersionSheet:
    person_id: uuid.UUID
    action_id: uuid.UUID
    action_label: str
    immersion: Immersion | None
    #: The person's other conventions, oldest first (those a new one may renew).
    others: tuple[Immersion, ...]
    today: date


@dataclass(frozen=True)
class SavedImmersion:
    immersion: Immersion
    warnings: tuple[ImmersionProblem, ...]


def _today(session: Session, now: datetime | None) -> date:
    return local_day(now or datetime.now(UTC), session.territory.timezone)


def immersion_sheet(
    session: Session, person_id: uuid.UUID, action_id: uuid.UUID, *, now: datetime | None = None
) -> ImmersionSheet:
    with session.uow(read_only=True) as uow:
        label = ""
        for plan in uow.plans.list_for_person(person_id):
            for objective in plan.objectives:
                for action in objective.actions:
                    if action.id == action_id:
                        label = action.label
        mine = uow.immersions.list_for_action(action_id)
        others = [i for i in uow.immersions.list_for_person(person_id) if i.action_id != action_id]
    return ImmersionSheet(
        person_id=person_id,
        action_id=action_id,
        action_label=label,
        immersion=mine[0] if mine else None,
        others=tuple(others),
        today=_today(session, now),
    )


def save_immersion(
    session: Session, immersion: Immersion, *, now: datetime | None = None
) -> SavedImmersion:
    """Store the convention (new or edited); refused with a French message when it breaks a
    rule, nothing written then."""
    company = replace(immersion.company, siret=normalised_siret(immersion.company.siret))
    immersion = replace(immersion, company=company)
    with session.uow() as uow:
        editable_person(uow, immersion.person_id, FollowUpKind.IMMERSION_START)
        others = [
            i for i in uow.immersions.list_for_person(immersion.person_id) if i.id != immersion.id
        ]
        renewed = next((i for i in others if i.id == immersion.renewal_of), None)
        warnings = check_immersion(immersion, renewed, others)
        stored = uow.immersions.find(immersion.id)
        if stored is None:
            saved = uow.immersions.add(immersion)
            uow.audit.record(AuditAction.CREATED, IMMERSION, saved.id)
        else:
            kept = replace(immersion, version=stored.version, assessment=stored.assessment)
            saved = uow.immersions.save(kept)
            uow.audit.record(AuditAction.CHANGED, IMMERSION, saved.id)
        _keep_employer(uow, saved)
        _record_start(session, uow, saved, now)
    log.info("immersion %s saved for person %s", saved.id, saved.person_id)
    return SavedImmersion(saved, tuple(warnings))


def _keep_employer(uow: UnitOfWork, immersion: Immersion) -> None:
    seen = employer_of(immersion)
    known = uow.employers.by_key(seen.key)
    if known is None:
        added = uow.employers.add(seen)
        uow.audit.record(AuditAction.CREATED, EMPLOYER, added.id)
        return
    merged = merged_employer(known, seen)
    if merged != known:
        uow.employers.save(merged)
        uow.audit.record(AuditAction.CHANGED, EMPLOYER, merged.id)


def _recorded(
    uow: UnitOfWork, immersion: Immersion, kind: FollowUpKind, *, planned_too: bool = True
) -> bool:
    """Whether the parcours already holds this step of this immersion (a planned one counts
    only with ``planned_too``)."""
    return any(
        e.kind is kind
        and e.details.get(IMMERSION_ID) == str(immersion.id)
        and (planned_too or e.details.get(PLANNED) is not True)
        for e in uow.events.list_for_person(immersion.person_id)
    )


def _record_step(
    session: Session,
    uow: UnitOfWork,
    immersion: Immersion,
    kind: FollowUpKind,
    day: date,
    now: datetime | None,
) -> None:
    """The step on the parcours, planned when its day is still to come."""
    details: dict[str, Any] = {IMMERSION_ID: str(immersion.id)}
    if day > _today(session, now):
        details[PLANNED] = True
    event = TimelineService(session).add_in(
        uow, immersion.person_id, kind, day, details=details, action_id=immersion.action_id, now=now
    )
    uow.events.add(event)
    uow.audit.record(AuditAction.CREATED, EVENT, event.id)


def _record_start(
    session: Session, uow: UnitOfWork, immersion: Immersion, now: datetime | None
) -> None:
    start = immersion.starts_on
    if start is not None and not _recorded(uow, immersion, FollowUpKind.IMMERSION_START):
        _record_step(session, uow, immersion, FollowUpKind.IMMERSION_START, start, now)


def record_assessment(
    session: Session,
    immersion_id: uuid.UUID,
    skills_shown: str,
    follow_up: str,
    *,
    now: datetime | None = None,
) -> Immersion:
    """The assessment of an immersion that ended, and its end on the parcours."""
    today = _today(session, now)
    with session.uow() as uow:
        immersion = uow.immersions.find(immersion_id)
        if immersion is None:
            raise ImmersionNotFound()
        editable_person(uow, immersion.person_id, FollowUpKind.IMMERSION_END)
        check_assessment(immersion, today)
        immersion.assessment = Assessment(skills_shown.strip(), follow_up.strip(), today)
        saved = uow.immersions.save(immersion)
        uow.audit.record(AuditAction.CHANGED, IMMERSION, saved.id)
        start, end = saved.starts_on, saved.ends_on
        # Planned at the time the convention was saved, the start has now happened.
        if start is not None and not _recorded(
            uow, saved, FollowUpKind.IMMERSION_START, planned_too=False
        ):
            _record_step(session, uow, saved, FollowUpKind.IMMERSION_START, start, now)
        if end is not None and not _recorded(uow, saved, FollowUpKind.IMMERSION_END):
            _record_step(session, uow, saved, FollowUpKind.IMMERSION_END, end, now)
    log.info("immersion %s assessed", immersion_id)
    return saved
