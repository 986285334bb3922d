"""What a case review shows beyond the counsellor's own screen, read by the case's reference.

* :func:`latest_open_case` — the case the person file's « Résumé anonymisé… » opens: the
  person's most recently flagged case that is not in a session already held.
* :func:`review_presentation` — « Présenter la séance »: the session's cases as the group may
  see them on the shared screen (reference, age band, département, question, the barriers
  by theme, the decisions so far). Nothing here carries a name, a birth date, a commune, a
  phone, an e-mail or a person's id: every field comes from the anonymised summary
  (:func:`.case_summary.summary_of`, no note) or from the case itself.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from spie_desktop.domain.case_review import Decision, ReviewStatus
from spie_desktop.forms import DefinitionRegistry, ThemeBarrier, builtin_registry
from spie_desktop.storage.session import Session

from .case_reviews import CaseLine, review_detail
from .case_summary import prepare_case_summary, summary_of


@dataclass(frozen=True, slots=True)
class PresentedCase:
    """One case as the shared screen shows it. ``case_id`` names the case record (never
    shown): it is what the decisions are saved against."""

    case_id: uuid.UUID
    reference: str
    question: str
    age_band: str
    departement: str
    household: str
    barriers: tuple[ThemeBarrier, ...]
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class Presentation:
    review_id: uuid.UUID
    starts_at: datetime
    cases: tuple[PresentedCase, ...]


def latest_open_case(session: Session, person_id: uuid.UUID) -> CaseLine | None:
    """The person's most recently flagged case not in a held session, or ``None``."""
    with session.uow(read_only=True) as uow:
        cases = uow.review_cases.list_for_person(person_id)
        held = {r.id for r in uow.case_reviews.list_all() if r.status is ReviewStatus.HELD}
    open_cases = [c for c in cases if c.review_id is None or c.review_id not in held]
    if not open_cases:
        return None
    case = max(open_cases, key=lambda c: c.flagged_at)
    return CaseLine(
        case.id,
        case.person_id,
        "",  # the summary never needs the name
        case.reference,
        case.reason,
        case.question,
        case.flagged_at,
        case.review_id,
        case.include_sex,
        tuple(case.decisions),
    )


def review_presentation(
    session: Session,
    review_id: uuid.UUID,
    *,
    today: date,
    registry: DefinitionRegistry | None = None,
) -> Presentation:
    detail = review_detail(session, review_id)
    forms = registry or builtin_registry()
    presented = tuple(_presented(session, case, today, forms) for case in detail.cases)
    return Presentation(review_id, detail.review.starts_at, presented)


def _presented(
    session: Session, case: CaseLine, today: date, registry: DefinitionRegistry
) -> PresentedCase:
    draft = prepare_case_summary(session, case.person_id, today=today, registry=registry)
    summary = summary_of(
        draft,
        question=case.question,
        reference=case.reference,
        include_sex=False,
        sex="",
        reviewed_notes={},
        departement=session.territory.label,
    )
    synthesis = draft.material.synthesis
    return PresentedCase(
        case.case_id,
        summary.reference,
        summary.question,
        summary.age_band,
        summary.departement,
        summary.household,
        synthesis.barriers if synthesis is not None else (),
        case.decisions,
    )
