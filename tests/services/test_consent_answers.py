"""The consent step of an interview is the person's consent: when the counsellor corrects a
prefilled answer because the person changed their mind (as the step asks), a new consent
record says so, the one the server reads to decide who receives the file and the one the
plan's PDF reads to print health and justice answers."""

from __future__ import annotations

import uuid
from datetime import date

from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session


def _person(session: Session, *scopes: ConsentScope) -> uuid.UUID:
    people = PeopleService(session)
    person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
    people.record_consent(person.id, {ConsentScope.RECORD, *scopes})
    return person.id


def _consents(session: Session, person_id: uuid.UUID) -> int:
    with session.uow(read_only=True) as uow:
        return len(uow.consents.list_for(person_id))


def test_saying_no_to_sharing_in_the_interview_withdraws_the_consent_to_share(
    session: Session,
) -> None:
    person_id = _person(session, ConsentScope.SHARE_CONSORTIUM, ConsentScope.EVALUATION)
    service = InterviewSessionService(session)
    opened = service.open(person_id)
    assert opened.state.value("accueil.partage_partenaires") is True

    service.save_answer(opened.interview.id, "accueil.partage_partenaires", False)

    latest = PeopleService(session).latest_consent(person_id)
    assert latest is not None
    assert latest.scopes == {ConsentScope.RECORD, ConsentScope.EVALUATION}
    assert latest.recorded_by == session.counsellor.id
    assert _consents(session, person_id) == 2
    service.save_answer(opened.interview.id, "accueil.partage_partenaires", False)
    assert _consents(session, person_id) == 2  # the same answer again changes nothing


def test_agreeing_in_the_interview_records_the_consent_it_names(session: Session) -> None:
    person_id = _person(session)
    service = InterviewSessionService(session)
    opened = service.open(person_id)
    assert _consents(session, person_id) == 1  # the prefill itself records nothing

    service.save_answer(opened.interview.id, "accueil.partage_partenaires", True)
    service.save_answer(opened.interview.id, "accueil.donnees_sensibles", True)

    latest = PeopleService(session).latest_consent(person_id)
    assert latest is not None
    assert latest.scopes == {
        ConsentScope.RECORD,
        ConsentScope.SHARE_CONSORTIUM,
        ConsentScope.SENSITIVE_IN_PLAN,
    }
    service.save_answer(opened.interview.id, "accueil.donnees_sensibles", None)  # cleared
    assert _consents(session, person_id) == 3  # an empty answer decides nothing
