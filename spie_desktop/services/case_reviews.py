"""Multi-agency case reviews: flag a person's situation for a review, prepare the sessions,
put cases to them, record what the group decided and turn it into plan actions.

* **flag** — :func:`flag_case` records the case (reason, question put to the group, a random
  pseudonymous reference unique on this device) and a CASE_REVIEW event on the person's
  parcours, in one transaction.
* **sessions** — :func:`save_review` makes or edits a session (date, place, participants by
  name, structure and role); :func:`schedule_case` puts a case to a session or takes it
  back; :func:`reviews_overview` and :func:`review_detail` read what the section shows.
* **decisions** — :func:`save_decisions` keeps what the group decided for a case (what, who,
  by when); :func:`decisions_to_plan` turns them into actions of the person's next plan
  version: the draft in progress if there is one, else a new draft of the signed plan in
  force (made by :meth:`PlanService.new_version`; the signed plan is never touched). A
  decision already in the draft (same wording and due date) is not added twice.

The counsellor's screen names the person; what leaves the device for the group is built
elsewhere from the reference, never from the name.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from spie_desktop.domain.case_review import (
    CaseReview,
    Decision,
    Participant,
    ReviewCase,
    ReviewStatus,
    checked_decisions,
    checked_participants,
    checked_place,
    checked_question,
    checked_reason,
    random_reference,
)
from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.plan import ActionPlan, ObjectiveStatus, PlanStatus
from spie_desktop.domain.plan_checks import check_entries
from spie_desktop.domain.plan_problems import day_text
from spie_desktop.storage.session import Session
from spie_desktop.storage.unit_of_work import UnitOfWork

from .people import PersonNotFound
from .timeline import EVENT, TimelineService

if TYPE_CHECKING:
    from .plans import PlanService

log = logging.getLogger(__name__)

REVIEW = "case_review"
CASE = "case_review_case"
#: Decisions are filed under one objective of the draft per session, on the shared
#: employment theme (the SPIE's aim; the plan editor lets the counsellors move them).
DECISIONS_THEME = "emploi"
#: Details key of the CASE_REVIEW event: which case it flagged, by its pseudonym.
REFERENCE_DETAIL = "reference"


class ReviewNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(say("Cette revue de situation est introuvable."), "case review not found")


class CaseNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(
            say("Cette situation proposée en revue est introuvable."), "review case not found"
        )


@dataclass(frozen=True, slots=True)
class CaseLine:
    """A case as the counsellor's screen lists it (with the person's name: never shared)."""

    case_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    reference: str
    reason: str
    question: str
    flagged_at: datetime
    review_id: uuid.UUID | None
    include_sex: bool
    decisions: tuple[Decision, ...]


@dataclass(frozen=True, slots=True)
class ReviewLine:
    review_id: uuid.UUID
    starts_at: datetime
    place: str
    status: ReviewStatus
    case_count: int


@dataclass(frozen=True)
class ReviewsOverview:
    reviews: list[ReviewLine]
    #: Cases flagged and not put to any session yet, the oldest first.
    unscheduled: list[CaseLine]


@dataclass(frozen=True)
class ReviewDetail:
    review: CaseReview
    cases: list[CaseLine]


@dataclass(frozen=True)
class DecisionsRecorded:
    plan_id: uuid.UUID
    plan_version: int
    #: How many decisions became new actions (those already in the draft are not counted).
    added: int
    #: True when the draft is a new version of the signed plan, made for these decisions.
    new_version: bool


# -- flagging -----------------------------------------------------------------------------------


def flag_case(
    session: Session,
    person_id: uuid.UUID,
    reason: str,
    question: str,
    *,
    include_sex: bool = False,
    now: datetime | None = None,
) -> ReviewCase:
    """Put the person's situation forward for a case review; refused (French message,
    nothing written) without a reason or a question, or with one too long."""
    instant = now or datetime.now(UTC)
    reason, question = checked_reason(reason), checked_question(question)
    timeline = TimelineService(session)
    with session.uow() as uow:
        if uow.people.find(person_id) is None:
            raise PersonNotFound()
        case = ReviewCase(
            person_id=person_id,
            reason=reason,
            question=question,
            reference=random_reference(uow.review_cases.references()),
            include_sex=include_sex,
            flagged_at=instant,
            author_id=session.counsellor.id,
            updated_by=session.counsellor.id,
        )
        event = timeline.add_in(
            uow,
            person_id,
            FollowUpKind.CASE_REVIEW,
            timeline.today(instant),
            details={REFERENCE_DETAIL: case.reference},
            now=instant,
        )
        uow.review_cases.add(case)
        uow.events.add(event)
        uow.audit.record(AuditAction.CREATED, CASE, case.id)
        uow.audit.record(AuditAction.CREATED, EVENT, event.id)
    log.info("case %s flagged for a case review", case.id)
    return case


def set_include_sex(session: Session, case_id: uuid.UUID, include: bool) -> ReviewCase:
    """Whether the counsellor deems the person's sex relevant to the anonymised summary."""
    with session.uow() as uow:
        case = _case(uow, case_id)
        case.include_sex = include
        uow.review_cases.save(case)
        uow.audit.record(AuditAction.CHANGED, CASE, case.id)
    return case


# -- sessions -----------------------------------------------------------------------------------


def save_review(
    session: Session,
    starts_at: datetime,
    place: str,
    participants: Sequence[Participant],
    *,
    status: ReviewStatus = ReviewStatus.PLANNED,
    review_id: uuid.UUID | None = None,
) -> CaseReview:
    """Make a session (``review_id`` None) or store the edits to one."""
    if starts_at.tzinfo is None:
        raise ValueError("a session's moment must carry its offset")
    place = checked_place(place)
    kept = checked_participants(participants)
    with session.uow() as uow:
        if review_id is None:
            review = CaseReview(
                starts_at=starts_at,
                place=place,
                participants=kept,
                status=status,
                structure_id=_uuid_or_none(session.counsellor.structure_id),
                author_id=session.counsellor.id,
                updated_by=session.counsellor.id,
            )
            uow.case_reviews.add(review)
            uow.audit.record(AuditAction.CREATED, REVIEW, review.id)
        else:
            review = _review(uow, review_id)
            review.starts_at, review.place = starts_at, place
            review.participants, review.status = kept, status
            uow.case_reviews.save(review)
            uow.audit.record(AuditAction.CHANGED, REVIEW, review.id)
    return review


def schedule_case(session: Session, case_id: uuid.UUID, review_id: uuid.UUID | None) -> ReviewCase:
    """Put the case to a session, or (``None``) take it back to the cases waiting."""
    with session.uow() as uow:
        case = _case(uow, case_id)
        if review_id is not None:
            _review(uow, review_id)
        case.review_id = review_id
        uow.review_cases.save(case)
        uow.audit.record(AuditAction.CHANGED, CASE, case.id)
    return case


def reviews_overview(session: Session) -> ReviewsOverview:
    with session.uow(read_only=True) as uow:
        counts = uow.review_cases.counts_by_review()
        reviews = [
            ReviewLine(r.id, r.starts_at, r.place, r.status, counts.get(r.id, 0))
            for r in uow.case_reviews.list_all()
        ]
        unscheduled = _lines(uow, uow.review_cases.list_unscheduled())
    return ReviewsOverview(reviews, unscheduled)


def review_detail(session: Session, review_id: uuid.UUID) -> ReviewDetail:
    with session.uow(read_only=True) as uow:
        review = _review(uow, review_id)
        cases = _lines(uow, uow.review_cases.list_for_review(review_id))
    return ReviewDetail(review, cases)


# -- decisions ----------------------------------------------------------------------------------


def save_decisions(
    session: Session, case_id: uuid.UUID, decisions: Sequence[Decision]
) -> ReviewCase:
    """Keep what the group decided for the case (empty lines dropped)."""
    kept = checked_decisions(decisions)
    with session.uow() as uow:
        case = _case(uow, case_id)
        case.decisions = kept
        uow.review_cases.save(case)
        uow.audit.record(AuditAction.CHANGED, CASE, case.id)
    return case


def record_decisions(
    session: Session, case_id: uuid.UUID, decisions: Sequence[Decision]
) -> DecisionsRecorded:
    """« Enregistrer les décisions »: keep them with the case, then put them in the plan."""
    save_decisions(session, case_id, decisions)
    return decisions_to_plan(session, case_id)


def decisions_to_plan(session: Session, case_id: uuid.UUID) -> DecisionsRecorded:
    """The case's decisions as actions of the person's next plan version (see module)."""
    with session.uow(read_only=True) as uow:
        case = _case(uow, case_id)
        review = uow.case_reviews.find(case.review_id) if case.review_id else None
    if not case.decisions:
        raise ValidationError(
            say("Aucune décision à enregistrer pour cette situation."), "no decision", "decisions"
        )
    from .plans import PLAN, PlanService  # the forms engine and the signer: only now

    plans = PlanService(session)
    draft, made = _draft_for(plans, case.person_id)
    with session.uow() as uow:
        plan = uow.plans.get(draft.id)
        added = _add_decisions(
            plan, case.decisions, _objective_label(review, session.territory.timezone)
        )
        check_entries(plan)
        plan.updated_by = session.counsellor.id
        uow.plans.save(plan)
        uow.audit.record(AuditAction.CHANGED, PLAN, plan.id)
    log.info("case %s: %d decisions put into plan %s", case_id, added, plan.id)
    return DecisionsRecorded(plan.id, plan.plan_version, added, made)


def _draft_for(plans: PlanService, person_id: uuid.UUID) -> tuple[ActionPlan, bool]:
    versions = plans.list_for_person(person_id)
    drafts = [p for p in versions if p.status is PlanStatus.DRAFT]
    if drafts:
        return max(drafts, key=lambda p: p.plan_version), False
    signed = [p for p in versions if p.status is PlanStatus.SIGNED]
    if not signed:
        raise ValidationError(
            say(
                "Cette personne n'a pas encore de plan d'action : établissez-le à partir du "
                "diagnostic, puis enregistrez les décisions."
            ),
            "no plan to put the decisions in",
            "decisions",
        )
    in_force = max(signed, key=lambda p: p.plan_version)
    return plans.new_version(in_force.id), True


def _objective_label(review: CaseReview | None, timezone: str) -> str:
    if review is None:
        return "Décisions de la revue de situation"
    day = local_day(review.starts_at, timezone)
    return f"Décisions de la revue de situation du {day_text(day)}"


def _add_decisions(plan: ActionPlan, decisions: Sequence[Decision], label: str) -> int:
    objective = next(
        (
            o
            for o in plan.objectives
            if o.label == label and o.status is ObjectiveStatus.IN_PROGRESS
        ),
        None,
    )
    if objective is None:
        objective = plan.add_objective(DECISIONS_THEME, label)
    present = {(a.label, a.due_date) for a in objective.actions}
    added = 0
    for decision in decisions:
        if (decision.what, decision.due_on) in present:
            continue
        plan.add_action(
            objective.id, decision.what, referent=decision.who, due_date=decision.due_on
        )
        present.add((decision.what, decision.due_on))
        added += 1
    return added


# -- reading ------------------------------------------------------------------------------------


def _review(uow: UnitOfWork, review_id: uuid.UUID) -> CaseReview:
    review = uow.case_reviews.find(review_id)
    if review is None:
        raise ReviewNotFound()
    return review


def _case(uow: UnitOfWork, case_id: uuid.UUID) -> ReviewCase:
    case = uow.review_cases.find(case_id)
    if case is None:
        raise CaseNotFound()
    return case


def _lines(uow: UnitOfWork, cases: Sequence[ReviewCase]) -> list[CaseLine]:
    lines: list[CaseLine] = []
    for case in cases:
        person = uow.people.find(case.person_id)
        name = f"{person.first_name} {person.last_name.upper()}".strip() if person else ""
        lines.append(
            CaseLine(
                case.id,
                case.person_id,
                name,
                case.reference,
                case.reason,
                case.question,
                case.flagged_at,
                case.review_id,
                case.include_sex,
                tuple(case.decisions),
            )
        )
    return lines


def _uuid_or_none(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))
