"""The CEJ up to 29 with an RQTH: the diagnostic's answer decides, and only a granted
recognition counts; the review before signing says so in French."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spie_desktop.domain.plan import Contract
from spie_desktop.domain.plan_problems import ProblemKind
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def _aged(room: Room, years: int) -> None:
    people = PeopleService(room.session)
    person = people.get(room.person_id)
    today = room.plans.today()
    person.birth_date = today.replace(year=today.year - years) - timedelta(days=30)
    people.update(person)


@pytest.mark.parametrize(("rqth", "open_"), [("oui", True), ("en-cours", False), (None, False)])
def test_the_cej_at_28_needs_a_granted_rqth(room: Room, rqth: str | None, open_: bool) -> None:
    _aged(room, 28)
    if rqth is not None:
        InterviewSessionService(room.session).save_answer(room.interview_id, "sante.rqth", rqth)
    holder = room.plans.contract_holder(room.person_id)
    assert holder.rqth is open_
    plan = room.ready_draft()
    plan.contract = Contract.CEJ  # as an older device would have left it
    kinds = [e.kind for e in room.plans.review(plan, signatures=False).errors]
    assert (ProblemKind.PATHWAY_AGE in kinds) is not open_
    if not open_:
        (error,) = [e for e in room.plans.review(plan).errors if e.field == "contract"]
        assert "la personne a 28 ans" in error.message_fr
