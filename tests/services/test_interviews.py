"""Interviews need the person's consent first; every answer is stored at once, through the one
save use case (the workspace's), which holds every writer to what the form engine accepts."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest

from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interview import Interview, InterviewStatus
from spie_desktop.domain.people import ConsentScope, PersonStatus
from spie_desktop.forms import ReadOnlyInterview, UnknownFormElement, UnstorableAnswer
from spie_desktop.services import device
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import ConsentRequired, InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, Device


def test_no_interview_without_consent(session: Session) -> None:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1977, 5, 2))
    interviews = InterviewService(session)
    with pytest.raises(ConsentRequired) as refused:
        interviews.start_or_resume(person.id)
    assert refused.value.message_fr == (
        "Le consentement de la personne doit être recueilli avant tout entretien."
    )
    # Agreeing to share without agreeing to keep the file is not enough either.
    people.record_consent(person.id, {ConsentScope.SHARE_CONSORTIUM})
    with pytest.raises(ConsentRequired):
        interviews.start_or_resume(person.id)
    with session.uow() as uow:
        assert uow.interviews.list_for_person(person.id) == []

    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    interview = interviews.start_or_resume(person.id)
    assert interview.status is InterviewStatus.IN_PROGRESS
    assert interview.social_counsellor_id == session.counsellor.id
    assert interviews.start_or_resume(person.id).id == interview.id  # resumed, not duplicated
    # The stored status is the stage the path gives: no diagnostic is done yet.
    assert people.get(person.id).status is PersonStatus.NEW


def test_answers_are_kept_with_their_author_and_survive_a_reopen(
    ready_device: Device, session: Session
) -> None:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1977, 5, 2))
    people.record_consent(person.id, {ConsentScope.RECORD})
    interview = InterviewService(session).start_or_resume(person.id)
    save = InterviewSessionService(session).save_answer
    save(interview.id, "mobilite.barrier", "strong")
    save(interview.id, "mobilite.barrier", "blocking")
    save(interview.id, "mobilite.situations", ["Aucun moyen de transport"])
    session.close()

    with device.unlock(
        ready_device.data_dir, ready_device.setup.counsellor_id, NADIA_PASSPHRASE
    ) as again:
        answers = InterviewService(again).answers(interview.id)
    assert {k: a.value for k, a in answers.items()} == {
        "mobilite.barrier": "blocking",
        "mobilite.situations": ["Aucun moyen de transport"],
    }
    assert answers["mobilite.barrier"].author_id == ready_device.setup.counsellor_id


def _interview(session: Session) -> uuid.UUID:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1977, 5, 2))
    people.record_consent(person.id, {ConsentScope.RECORD})
    return InterviewService(session).start_or_resume(person.id).id


def _stored(session: Session, interview_id: uuid.UUID) -> dict[str, Any]:
    with session.uow(read_only=True) as uow:
        return {a.key: a.value for a in uow.answers.list_for(interview_id)}


def _changes(session: Session, interview_id: uuid.UUID) -> int:
    with session.uow(read_only=True) as uow:
        return sum(
            1
            for entry in uow.audit.list()
            if entry.action is AuditAction.CHANGED and entry.entity_id == interview_id
        )


def test_saving_stores_the_value_the_form_engine_normalised(session: Session) -> None:
    interview_id = _interview(session)
    save = InterviewSessionService(session).save_answer
    save(interview_id, "logement.fin_hebergement", "02/03/2027")  # typed the French way
    save(interview_id, "logement.impayes", "oui")
    save(interview_id, "logement.personnes_foyer", "3")
    save(interview_id, "mobilite.moyens", ("a-pied", "velo"))
    save(interview_id, "logement.notes", "à revoir")
    save(interview_id, "logement.notes", "")  # emptied: the answer goes
    assert _stored(session, interview_id) == {
        "logement.fin_hebergement": "2027-03-02",
        "logement.impayes": True,
        "logement.personnes_foyer": 3,
        "mobilite.moyens": ["a-pied", "velo"],
    }
    assert _changes(session, interview_id) == 6  # each save is audited, never its value


@pytest.mark.parametrize(
    ("key", "value", "refusal"),
    [
        pytest.param("theme.q0", "réponse", UnknownFormElement, id="unknown-key"),
        pytest.param("mobilite.situations", {"a-pied"}, UnstorableAnswer, id="not-json"),
        pytest.param("logement.notes", object(), UnstorableAnswer, id="not-json-text"),
    ],
)
def test_saving_refuses_what_the_form_engine_refuses_and_writes_nothing(
    session: Session, key: str, value: object, refusal: type[Exception]
) -> None:
    interview_id = _interview(session)
    audited = _changes(session, interview_id)
    with pytest.raises(refusal):
        InterviewSessionService(session).save_answer(interview_id, key, value)
    assert _stored(session, interview_id) == {}
    assert _changes(session, interview_id) == audited


def test_an_interview_whose_definition_is_not_installed_takes_no_answer(session: Session) -> None:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1977, 5, 2))
    people.record_consent(person.id, {ConsentScope.RECORD})
    interview = Interview(person_id=person.id, definition_id="socle-commun", definition_version=99)
    with session.uow() as uow:
        uow.interviews.add(interview)
    with pytest.raises(ReadOnlyInterview) as refused:
        InterviewSessionService(session).save_answer(interview.id, "logement.notes", "à revoir")
    assert "version 99" in refused.value.message_fr
    assert _stored(session, interview.id) == {}
