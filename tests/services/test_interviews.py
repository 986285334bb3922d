"""Interviews need the person's consent first; every answer is stored at once."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.interview import InterviewStatus
from spie_desktop.domain.people import ConsentScope, PersonStatus
from spie_desktop.services import device
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
    assert people.get(person.id).status is PersonStatus.DIAGNOSTIC


def test_answers_are_kept_with_their_author_and_survive_a_reopen(
    ready_device: Device, session: Session
) -> None:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1977, 5, 2))
    people.record_consent(person.id, {ConsentScope.RECORD})
    interviews = InterviewService(session)
    interview = interviews.start_or_resume(person.id)
    interviews.save_answer(interview.id, "mobilite.barrier", "strong")
    interviews.save_answer(interview.id, "mobilite.barrier", "blocking")
    interviews.save_answer(interview.id, "mobilite.situations", ["Aucun moyen de transport"])
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
