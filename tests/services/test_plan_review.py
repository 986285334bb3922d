"""The review before signing, in a real store: warnings are shown and the plan still signs;
an error refuses the signing and leaves the store as it was."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.domain.plan_problems import ProblemKind
from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room, pad_signatures


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def test_a_plan_with_warnings_signs(room: Room) -> None:
    plan = room.ready_draft()
    first = plan.objectives[0]
    twice = plan.add_objective(first.theme, f"  {first.label.upper()} ")
    bare = plan.add_objective("choisir_un_metier", "Découvrir un métier")
    plan = room.plans.save_draft(plan)

    review = room.plans.review(plan, signatures=False)
    assert review.errors == () and review.can_sign
    assert [(w.kind, w.target) for w in review.warnings] == [
        (ProblemKind.DUPLICATE_OBJECTIVE, twice.id),
        (ProblemKind.OBJECTIVE_WITHOUT_ACTION, twice.id),
        (ProblemKind.OBJECTIVE_WITHOUT_ACTION, bare.id),
    ]
    room.sign(plan)
    assert room.plans.get(plan.id).status is PlanStatus.SIGNED


def test_a_priority_left_out_is_a_warning(room: Room) -> None:
    plan = room.ready_draft()
    for objective in [o for o in plan.objectives if o.theme == "mobilite"]:
        plan.remove_objective(objective.id)
    warnings = room.plans.review(plan, signatures=False).warnings
    assert [w.message_fr for w in warnings] == [
        "La priorité « Mobilité » du diagnostic n'a aucun objectif dans le plan."
    ]


def test_a_plan_with_an_error_does_not_sign(room: Room) -> None:
    plan = room.ready_draft()
    plan.set_next_review(room.plans.today() - timedelta(days=1))
    plan = room.plans.save_draft(plan)
    review = room.plans.review(plan, signatures=False)
    assert [e.kind for e in review.errors] == [ProblemKind.NEXT_REVIEW_PAST]
    with pytest.raises(ValidationError) as refused:
        room.plans.sign(plan.id, pad_signatures(plan), room.confirmations(), "Rodez")
    assert refused.value.field == "next_review"
    assert room.plans.get(plan.id).status is PlanStatus.DRAFT

    # Signatures are part of the review at the pads.
    assert [e.kind for e in room.plans.review(plan).errors] == [
        ProblemKind.NEXT_REVIEW_PAST,
        ProblemKind.SIGNATURE_MISSING,
    ]
