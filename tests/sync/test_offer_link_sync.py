"""An offer linked to a plan action travels with the action: made on one laptop, read as it
was linked on a second one through a real server."""

from __future__ import annotations

from collections.abc import Callable

from spie_desktop.domain.offers import LinkedOffer
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.plans import PlanService
from tests.sync.conftest import Laptop

OFFER = LinkedOffer(
    source="dora",
    id="dora--1",
    name="Auto-école sociale",
    structure="Mission locale de l'Ouest guyanais",
    address="12 rue Thiers, 97320 Saint-Laurent-du-Maroni",
    phone="0594 34 00 00",
    email="mobilite@exemple.org",
    updated_on="2026-09-15",
)


def test_the_linked_offer_arrives_with_the_action(make_laptop: Callable[..., Laptop]) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person_id = a.add_interview("Lucie", "Martin")
    interview = InterviewService(a.session).start_or_resume(person_id)
    plans = PlanService(a.session)
    plan = plans.draft_from_interview(interview.id)
    objective = plan.add_objective("mobilite", "Passer le permis B")
    action = plan.add_action(objective.id, "S'inscrire à l'auto-école sociale")
    plan.link_offer(action.id, OFFER)
    plans.save_draft(plan)
    assert a.sync().ok and b.sync().ok

    arrived = PlanService(b.session).get(plan.id).action(action.id)
    assert arrived.linked_offer == OFFER
    assert arrived.offer_id == "dora:dora--1"
