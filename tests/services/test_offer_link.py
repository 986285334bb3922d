"""An offer linked to a plan action: kept as it stood when linked, shown on the signed PDF."""

from __future__ import annotations

import pytest

from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services.offer_catalogue import load_catalogue
from spie_desktop.services.offer_search import search_offers
from spie_desktop.storage.session import Session

from .offer_records import SAINT_LAURENT, service, structure
from .plan_fixtures import Room, make_room
from .test_plan_reading import pdf_text


@pytest.fixture
def room(session: Session) -> Room:
    load_catalogue(
        session,
        [structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT)],
        [service(1, "Auto-école sociale", SAINT_LAURENT)],
    )
    return make_room(session)


def test_a_linked_offer_is_kept_as_it_stood_and_printed_with_its_contact(room: Room) -> None:
    plan = room.ready_draft()
    action = plan.objectives[0].actions[0]
    (found,) = search_offers(room.session, OfferQuery(text="auto-ecole"))
    plan.link_offer(action.id, found.snapshot())
    room.plans.save_draft(plan)
    # The source changes its phone afterwards: the plan keeps the offer as it was linked.
    changed = service(1, "Auto-école sociale", SAINT_LAURENT)
    changed["telephone"] = "0594 99 99 99"
    load_catalogue(room.session, [], [changed])

    stored = room.plans.get(plan.id).action(action.id)
    assert stored.offer_id == "dora:dora--1"
    assert stored.linked_offer is not None
    assert stored.linked_offer.phone == "0594 34 00 00"

    printed = pdf_text(room.plans.pdf(room.sign(room.plans.get(plan.id)).plan.id))
    assert "Offre liée : Auto-école sociale (Mission locale de l'Ouest guyanais)" in printed
    assert "0594 34 00 00" in printed
    assert "mobilite@exemple.org" in printed


def test_the_linked_offer_travels_with_the_action_and_a_new_version(room: Room) -> None:
    plan = room.ready_draft()
    action = plan.objectives[0].actions[0]
    (found,) = search_offers(room.session, OfferQuery(text="auto ecole"))
    plan.link_offer(action.id, found.snapshot())
    room.plans.save_draft(plan)
    with room.session.uow(read_only=True) as uow:
        document = uow.documents.local_doc("actions", action.id)
    assert document is not None
    assert document["linked_offer"]["name"] == "Auto-école sociale"

    signed = room.sign(room.plans.get(plan.id)).plan
    draft = room.plans.new_version(signed.id)
    carried = [a.linked_offer for o in draft.objectives for a in o.actions if a.linked_offer]
    assert [o.name for o in carried] == ["Auto-école sociale"]


def test_unlinking_forgets_the_offer(room: Room) -> None:
    plan = room.ready_draft()
    action = plan.objectives[0].actions[0]
    (found,) = search_offers(room.session, OfferQuery(text="auto ecole"))
    plan.link_offer(action.id, found.snapshot())
    plan.link_offer(action.id, None)
    room.plans.save_draft(plan)
    stored = room.plans.get(plan.id).action(action.id)
    assert stored.linked_offer is None and stored.offer_id is None
