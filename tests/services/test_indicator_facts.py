"""The indicators' facts read from a real store: each person's facts checked by hand."""

from __future__ import annotations

import json
from datetime import date

from spie_desktop.services.indicator_facts import read_indicator_facts
from spie_desktop.services.store_binding import STRUCTURE_META
from spie_desktop.storage.session import Session
from spie_protocol.indicators.facts import (
    ActionFact,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    OfferFact,
    PersonFacts,
)

from .indicator_store import NOW, OTHER_STRUCTURE, add_evaluations_table, build_known_people

MINE = "Conseil départemental de l'Aveyron"


def test_each_person_facts_as_worked_out_by_hand(session: Session) -> None:
    build_known_people(session)
    facts = read_indicator_facts(session, now=NOW)
    assert (facts.territory, facts.structure, facts.today) == ("12", MINE, date(2026, 12, 5))
    anne, bruno, chloe, denis = facts.people  # in name order
    assert anne == PersonFacts(
        structure=MINE,
        oriented=date(2026, 10, 1),
        first_contact=date(2026, 10, 6),  # 5 Oct 22:30 UTC is 6 Oct in Paris
        diagnostic=date(2026, 10, 8),
        diagnostic_joint=True,
        first_action=date(2026, 10, 20),  # the 20 Dec one is still to come
        steps=tuple(
            date(2026, m, d)
            for m, d in (
                (6, 1),
                (9, 1),
                (10, 1),
                (10, 6),
                (10, 8),
                (10, 15),
                (10, 20),
                (11, 20),
                (11, 25),
                (12, 1),
                (12, 5),
            )
        ),  # fmt: skip
        plans_signed=(date(2026, 10, 15), date(2026, 11, 20)),
        actions=(
            # kept from v1 (counted on its signing day), with v2's status
            ActionFact("mobilite", "done", date(2026, 10, 15)),
            ActionFact("mobilite", "planned", date(2026, 10, 15)),
            ActionFact("emploi", "planned", date(2026, 11, 20)),  # new in v2
        ),
        offers=(OfferFact("mobilite", date(2026, 10, 15)),),
        immersions=(date(2026, 11, 2),),  # its earliest period
        employment=date(2026, 6, 1),
        check_in_6m=date(2026, 12, 1),
        in_work_6m=True,
    )
    # Bruno's file is France Travail's (its author), Chloé's the device's (her interview's
    # social counsellor comes before the record's author).
    assert bruno == PersonFacts(
        structure=OTHER_STRUCTURE, oriented=date(2026, 11, 3), steps=(date(2026, 11, 3),)
    )
    assert chloe == PersonFacts(
        structure=MINE, first_contact=date(2026, 11, 10), steps=(date(2026, 11, 10),)
    )
    # Never "" (every structure, in the indicators' cells).
    assert denis == PersonFacts(structure="Structure non renseignée")
    assert facts.evaluations == ()  # no evaluations table yet: none, no error


def test_evaluations_are_read_when_the_store_has_them(session: Session) -> None:
    # The evaluations entity names the device's structure by its id (from the store's meta).
    with session.uow(read_only=True) as uow:
        mine_id = uow.meta.get(STRUCTURE_META)
    add_evaluations_table(
        session,
        [
            (mine_id, "2026-11", "interview", "tok-a", json.dumps({"clear": 4, "agree": 2}), 1),
            (MINE, "2026-12", "plan_review", "tok-a", json.dumps({"useful": 3}), None),
            (MINE, "2026-12", "a_later_step", "tok-b", json.dumps({"clear": 1}), 0),
        ],
    )
    facts = read_indicator_facts(session, now=NOW)
    assert facts.evaluations == (
        EvaluationFacts(
            MINE,
            "2026-11",
            EvaluationStep.INTERVIEW,
            "tok-a",
            {EvaluationQuestion.CLEAR: 4, EvaluationQuestion.AGREE: 2},
            True,
        ),
        EvaluationFacts(
            MINE, "2026-12", EvaluationStep.PLAN_REVIEW, "tok-a", {EvaluationQuestion.USEFUL: 3}
        ),
    )
