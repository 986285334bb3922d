"""The people's evaluations as the server reads them for the indicators: the records devices
push (entity ``evaluations``, issue 17), sealed like every document; kept within the period's
months, answers outside the scale or to unknown questions left out, no identity read."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from spie_protocol.indicators.facts import EvaluationFacts, EvaluationQuestion, EvaluationStep
from spie_server.db import session_scope
from spie_server.indicators.facts import evaluations
from spie_server.models import Record, Territory, utc_now
from spie_server.sealing import keys_for
from tests.server.helpers import Admin

Q = EvaluationQuestion


def _store(admin: Admin, code: str, docs: list[dict[str, Any]]) -> int:
    """Store the documents as a push does (sealed, one record each); the territory's id."""
    with session_scope(admin.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == code))
        assert territory_id is not None
        key = keys_for(session, territory_id)
        seq = 1_000_000 + territory_id * 100
        for n, doc in enumerate(docs):
            entity_id = uuid.uuid4()
            session.add(
                Record(
                    territory_id=territory_id,
                    entity="evaluations",
                    entity_id=entity_id,
                    version=1,
                    doc=key.seal_doc("evaluations", entity_id, 1, doc),
                    deleted=n == len(docs) - 1,  # the last one was deleted by its device
                    hlc=f"h{n}",
                    seq=seq + n,
                    updated_at=utc_now(),
                    owner_structure="CD Test",
                )
            )
    return int(territory_id)


def test_evaluations_are_read_within_the_period(admin: Admin, territory: str) -> None:
    token = "k3Jq9x_Vb2Lr8TzWm4Yp0A"
    base = {"structure": "CD Test", "token": token, "suggestion": "Plus de rendez-vous"}
    territory_id = _store(
        admin,
        territory,
        [
            {
                **base,
                "month": "2026-10",
                "step": "interview",
                "answers": {"clear": 4, "listened": 3, "agree": 7, "mood": 2},
                "wants_groups": True,
            },
            {**base, "month": "2026-12", "step": "plan_review", "answers": {"useful": 1}},
            {**base, "month": "2026-09", "step": "interview", "answers": {"clear": 2}},
            {**base, "month": "2026-11", "step": "someday", "answers": {"clear": 2}},
            {**base, "month": "2026-11", "step": "check_in_6m", "answers": {"clear": 3}},
        ],
    )
    with session_scope(admin.engine) as session:
        found = evaluations(session, territory_id, date(2026, 10, 15), date(2026, 12, 1))
        read = sorted(found, key=lambda evaluation: evaluation.month)  # storage order otherwise
    assert read == [
        EvaluationFacts(
            "CD Test",
            "2026-10",
            EvaluationStep.INTERVIEW,
            token,
            {Q.CLEAR: 4, Q.LISTENED: 3},
            True,
        ),
        EvaluationFacts("CD Test", "2026-12", EvaluationStep.PLAN_REVIEW, token, {Q.USEFUL: 1}),
    ]
