"""The person's own evaluation, in the store: kept apart from who they are (no person,
counsellor or interview id in any column nor in what waits to be pushed), one token per
person shared by their evaluations, each answer kept the moment it is given, and the
evaluations left anonymous when the person is forgotten."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.access_export import write_access_export
from spie_desktop.services.evaluations import (
    EXPORT_KEY,
    EXPORT_SENTENCE,
    EvaluationNotAgreed,
    EvaluationQuestion,
    EvaluationStep,
    new_handle,
    save_answer,
    save_suggestion,
    save_wants_groups,
    start_evaluation,
)
from spie_desktop.services.export import export_person
from spie_desktop.services.people import PeopleService
from spie_desktop.services.purge import erase_person
from spie_desktop.storage.session import Session

from .evaluation_fixtures import (
    evaluation_rows,
    identified_person,
    identity_needles,
    naming,
    person_token,
)

CLEAR, LISTENED = EvaluationQuestion.CLEAR, EvaluationQuestion.LISTENED
AGREE, USEFUL = EvaluationQuestion.AGREE, EvaluationQuestion.USEFUL
# 23:30 UTC on 31 January is already 1 February in Aveyron: the month is the territory's.
LATE_IN_JANUARY = datetime(2027, 1, 31, 23, 30, tzinfo=UTC)


def _answer_everything(session: Session, person_id: object, step: EvaluationStep) -> None:
    handle = start_evaluation(session, person_id, new_handle(step))  # type: ignore[arg-type]
    for question, value in zip((CLEAR, LISTENED, AGREE, USEFUL), (4, 3, 2, 1), strict=True):
        save_answer(session, handle, question, value)
    save_suggestion(session, handle, "Des rendez-vous plus tôt le matin.")
    save_wants_groups(session, handle, True)


def test_an_evaluation_names_no_one_in_any_column_nor_in_the_outbox(session: Session) -> None:
    person = identified_person(session)
    _answer_everything(session, person.id, EvaluationStep.INTERVIEW)

    [row] = evaluation_rows(session)
    assert naming([row], identity_needles(session, person)) == []
    assert row["updated_by"] is None
    assert json.loads(row["answers"]) == {"clear": 4, "listened": 3, "agree": 2, "useful": 1}
    assert row["step"] == "interview" and row["wants_groups"] == 1
    assert row["suggestion"] == "Des rendez-vous plus tôt le matin."
    with session.uow(read_only=True) as uow:
        structure = uow.meta.get("structure_id")
        queued = [
            dict(r._mapping)
            for r in uow.session.execute(text("SELECT * FROM outbox WHERE entity = 'evaluations'"))
        ]
    assert row["structure"] == structure
    assert len(queued) == 7  # created, then one change per answer: each kept at once
    assert naming(queued, identity_needles(session, person)) == []


def test_the_month_is_the_territorys(session: Session) -> None:
    person = identified_person(session)
    start_evaluation(session, person.id, new_handle(EvaluationStep.INTERVIEW), LATE_IN_JANUARY)
    [row] = evaluation_rows(session)
    assert row["month"] == "2027-02"


def test_one_persons_three_evaluations_share_a_token_two_people_do_not(session: Session) -> None:
    yolande = identified_person(session)
    other = identified_person(session, "Marius", "Fabre")
    for step in EvaluationStep:
        _answer_everything(session, yolande.id, step)
    _answer_everything(session, other.id, EvaluationStep.INTERVIEW)

    tokens = {(r["step"], r["token"]) for r in evaluation_rows(session)}
    hers = person_token(session, yolande.id)
    his = person_token(session, other.id)
    assert hers is not None and his is not None and hers != his
    assert len(hers) >= 22 and len(his) >= 22
    assert sorted(t for _, t in tokens) == sorted([hers, hers, hers, his])
    assert {s for s, t in tokens if t == hers} == {s.value for s in EvaluationStep}


def test_the_token_travels_on_the_person_record_and_never_in_their_export(
    session: Session,
) -> None:
    person = identified_person(session)
    _answer_everything(session, person.id, EvaluationStep.PLAN_REVIEW)
    token = person_token(session, person.id)
    assert token is not None
    with session.uow(read_only=True) as uow:
        people_changes = uow.session.execute(
            text("SELECT fields FROM outbox WHERE entity = 'people'")
        ).all()
        assert uow.people.get(person.id).first_name == "Yolande"  # the token is no field of it
    assert any(json.loads(f[0]).get("evaluation_token") == token for f in people_changes)
    assert token not in json.dumps(export_person(session, person.id))


def test_an_evaluation_left_after_question_two_keeps_questions_one_and_two(
    session: Session,
) -> None:
    person = identified_person(session)
    handle = start_evaluation(session, person.id, new_handle(EvaluationStep.CHECK_IN_6M))
    save_answer(session, handle, CLEAR, 3)
    save_answer(session, handle, LISTENED, 4)
    # The screen is given back here: nothing else is written.
    with session.uow(read_only=True) as uow:
        [kept] = uow.evaluations.list_all()
    assert kept.answers == {CLEAR: 3, LISTENED: 4}
    assert kept.suggestion == "" and kept.wants_groups is None


def test_forgetting_the_person_leaves_their_evaluations_anonymous_and_takes_the_token(
    session: Session,
) -> None:
    person = identified_person(session)
    _answer_everything(session, person.id, EvaluationStep.INTERVIEW)
    token = person_token(session, person.id)
    erase_person(session, person.id, "Demande de la personne")

    [row] = evaluation_rows(session)
    assert row["token"] == token  # the evaluation stays, as it was
    with session.uow(read_only=True) as uow:
        holders = uow.session.execute(
            text("SELECT count(*) FROM people WHERE evaluation_token = :t"), {"t": token}
        ).scalar_one()
        pending = uow.session.execute(
            text("SELECT count(*) FROM outbox WHERE entity = 'evaluations'")
        ).scalar_one()
    assert holders == 0  # no record links the token to anyone any more
    assert pending == 7  # its changes still go to the territory


def test_the_access_export_says_evaluations_cannot_be_listed_and_lists_none(
    session: Session, tmp_path: Path
) -> None:
    person = identified_person(session)
    _answer_everything(session, person.id, EvaluationStep.INTERVIEW)
    token = person_token(session, person.id)
    assert token is not None
    files = write_access_export(session, person.id, tmp_path)

    document = json.loads(files.json.read_text(encoding="utf-8"))
    assert document[EXPORT_KEY][0]["lines"] == [["Ce que l'outil garde", EXPORT_SENTENCE]]
    pdf = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(files.pdf).pages
    )
    assert "ne peuvent donc pas être retrouvées ni listées pour vous" in pdf
    for written in (files.json.read_text(encoding="utf-8"), pdf):
        assert token not in written
        assert "Des rendez-vous plus tôt le matin" not in written


def test_a_person_who_did_not_agree_to_be_asked_is_not_evaluated(session: Session) -> None:
    person = identified_person(session)
    PeopleService(session).record_consent(person.id, {ConsentScope.RECORD})  # changed her mind
    with pytest.raises(EvaluationNotAgreed) as refused:
        start_evaluation(session, person.id, new_handle(EvaluationStep.INTERVIEW))
    assert "pas accepté d'être sollicitée" in refused.value.message_fr
    assert evaluation_rows(session) == []
    assert person_token(session, person.id) is None
