"""The person's evaluations through a real territory server on 127.0.0.1: what is pushed of
them names no one, another device that evaluates the same person later uses the same token
(it came with the person's record), and forgetting the person leaves the evaluations on the
server, anonymous, while the token goes with the person's record."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from spie_desktop.services.evaluations import (
    EvaluationQuestion,
    EvaluationStep,
    new_handle,
    save_answer,
    save_suggestion,
    save_wants_groups,
    start_evaluation,
)
from spie_desktop.services.purge import erase_person
from spie_desktop.sync.client import SyncClient
from spie_protocol.messages import PushBatch
from tests.server.dump import plain_tables_dump
from tests.server.helpers import Admin
from tests.services.evaluation_fixtures import (
    evaluation_rows,
    identified_person,
    identity_needles,
    naming,
    person_token,
)
from tests.sync.conftest import Laptop

EVALUATIONS = "evaluations"


@pytest.fixture
def pushed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every change the devices push, as the JSON that goes over the wire."""
    sent: list[dict[str, Any]] = []
    original = SyncClient.push

    def recording(self: SyncClient, batch: PushBatch | bytes) -> Any:
        raw = batch if isinstance(batch, bytes) else batch.model_dump_json().encode()
        sent.extend(json.loads(raw)["changes"])
        return original(self, batch)

    monkeypatch.setattr(SyncClient, "push", recording)
    return sent


def _evaluate(laptop: Laptop, person_id: Any, step: EvaluationStep) -> None:
    handle = start_evaluation(laptop.session, person_id, new_handle(step))
    save_answer(laptop.session, handle, EvaluationQuestion.CLEAR, 4)
    save_answer(laptop.session, handle, EvaluationQuestion.USEFUL, 2)
    save_suggestion(laptop.session, handle, "Plus de temps pour parler du logement.")
    save_wants_groups(laptop.session, handle, False)


def test_evaluations_travel_naming_no_one_and_keep_one_token_across_devices(
    make_laptop: Callable[..., Laptop], pushed: list[dict[str, Any]], sync_admin: Admin
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = identified_person(a.session)
    needles = identity_needles(a.session, person)
    _evaluate(a, person.id, EvaluationStep.INTERVIEW)
    assert a.sync().ok and b.sync().ok

    sent = [c for c in pushed if c["entity"] == EVALUATIONS]
    [change] = sent  # the outbox sends the record once, its answers folded in
    assert change["fields"]["answers"] == {"clear": 4, "useful": 2}
    assert set(change["fields"]) == {
        "structure", "month", "step", "token", "answers", "wants_groups", "suggestion",
        "created_at", "updated_at", "updated_by",
    }  # fmt: skip
    assert naming(sent, needles) == []
    assert all(c["fields"].get("updated_by") is None for c in sent)
    token = person_token(a.session, person.id)
    assert person_token(b.session, person.id) == token  # came with the person's record

    _evaluate(b, person.id, EvaluationStep.PLAN_REVIEW)  # the plan reviewed on b
    assert b.sync().ok and a.sync().ok
    for laptop in (a, b):
        rows = evaluation_rows(laptop.session)
        assert sorted(r["step"] for r in rows) == ["interview", "plan_review"]
        assert {r["token"] for r in rows} == {token}
        assert naming(rows, needles) == []
    assert naming([c for c in pushed if c["entity"] == EVALUATIONS], needles) == []

    server = [line for line in plain_tables_dump(sync_admin.engine).splitlines()]
    assert any(EVALUATIONS in line and "logement" in line for line in server)


def test_forgetting_the_person_leaves_the_evaluations_and_takes_the_token_on_the_server(
    make_laptop: Callable[..., Laptop], sync_admin: Admin
) -> None:
    a = make_laptop("a")
    person = identified_person(a.session, "Ernestine", "Vabre")
    _evaluate(a, person.id, EvaluationStep.CHECK_IN_6M)
    token = person_token(a.session, person.id)
    assert token is not None
    assert a.sync().ok
    before = plain_tables_dump(sync_admin.engine).splitlines()
    assert any("people" in line and token in line for line in before)

    erase_person(a.session, person.id, "Demande de la personne")
    report = a.sync()
    assert report.ok, report.error_en
    after = plain_tables_dump(sync_admin.engine).splitlines()
    holding = [line for line in after if token in line]
    assert holding and all(EVALUATIONS in line for line in holding), holding
    assert not any("Ernestine" in line or "Vabre" in line for line in after)
    [row] = evaluation_rows(a.session)
    assert row["token"] == token
