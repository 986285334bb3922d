"""The people's own evaluations for a demo store, so that « Indicateurs » has some to show.

Each person with a signed plan who agreed to be asked answers at the end of their interview
(the day their plan was first signed); some answer again at a review of their plan (a later
signed version) and some are skipped half-way, as real people do. Written through
:mod:`.evaluations`, as the questionnaire does: the answers name no one.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time

from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import ActionPlan, PlanStatus
from spie_desktop.storage.session import Session
from spie_protocol.indicators.facts import SCALE, EvaluationQuestion, EvaluationStep

from . import evaluations

#: How likely each answer is, from « pas du tout » to « tout à fait »: mostly content.
WEIGHTS = (1, 2, 5, 7)
#: Share of people who leave the questionnaire after the first two questions.
LEFT_HALF_WAY = 0.15


def populate_demo_evaluations(session: Session, seed: int) -> int:
    """Evaluations for the demo's signed plans; how many were written (none if some exist)."""
    rng = random.Random(f"evaluations:{seed}")
    with session.uow(read_only=True) as uow:
        if uow.evaluations.list_all():
            return 0
        signed = [plan for plan in uow.plans.list_all() if plan.status is not PlanStatus.DRAFT]
        agreed = set()
        for person_id in {plan.person_id for plan in signed}:
            consent = uow.consents.latest_for(person_id)
            if consent is not None and ConsentScope.EVALUATION in consent.scopes:
                agreed.add(person_id)
        signed = [plan for plan in signed if plan.person_id in agreed]
    written = 0
    for plan in sorted(signed, key=lambda p: (str(p.person_id), p.plan_version)):
        step = EvaluationStep.INTERVIEW if plan.plan_version == 1 else EvaluationStep.PLAN_REVIEW
        if step is EvaluationStep.PLAN_REVIEW and rng.random() < 0.5:
            continue
        _answer(session, plan, step, rng)
        written += 1
    return written


def _answer(session: Session, plan: ActionPlan, step: EvaluationStep, rng: random.Random) -> None:
    signed = [signature.signed_at for signature in plan.signatures]
    at = max(signed) if signed else datetime.combine(plan.updated_at.date(), time(15), UTC)
    handle = evaluations.start_evaluation(
        session, plan.person_id, evaluations.new_handle(step), now=at
    )
    questions = list(EvaluationQuestion)
    if rng.random() < LEFT_HALF_WAY:
        questions = questions[:2]
    for question in questions:
        evaluations.save_answer(session, handle, question, rng.choices(SCALE, WEIGHTS)[0])
    if len(questions) == len(EvaluationQuestion):
        evaluations.save_wants_groups(session, handle, rng.random() < 0.3)
