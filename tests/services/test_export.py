"""The right-of-access export holds everything on one person and nothing on anyone else."""

from __future__ import annotations

import json
import uuid
from datetime import date

from spie_desktop.domain.events import AuditAction, FollowUpEvent, FollowUpKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services.export import export_person
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session


def _person_with_file(session: Session, first: str, last: str, note: str) -> dict[str, str]:
    people = PeopleService(session)
    person = people.create_person(first, last, date(1985, 9, 30), phone="06 11 22 33 44")
    consent = people.record_consent(person.id, {ConsentScope.RECORD})
    interview = InterviewService(session).start_or_resume(person.id)
    InterviewSessionService(session).save_answer(interview.id, "logement.notes", note)
    event = FollowUpEvent(person_id=person.id, kind=FollowUpKind.CONTACT, note="appel")
    with session.uow() as uow:
        uow.events.add(event)
    return {
        "person": str(person.id),
        "consent": str(consent.id),
        "interview": str(interview.id),
        "event": str(event.id),
    }


def test_export_holds_all_of_one_person_and_nothing_of_another(session: Session) -> None:
    mine = _person_with_file(session, "Anaïs", "Cayla", "hébergée chez sa sœur")
    other = _person_with_file(session, "Grégory", "Bousquet", "dort dans sa voiture")

    document = export_person(session, uuid.UUID(mine["person"]))
    text = json.dumps(document, ensure_ascii=False)  # JSON-serialisable as it is

    assert document["person"]["first_name"] == "Anaïs"
    assert [c["id"] for c in document["consents"]] == [mine["consent"]]
    assert [i["id"] for i in document["interviews"]] == [mine["interview"]]
    answers = document["interviews"][0]["answers"]
    assert [(a["key"], a["value"]) for a in answers] == [
        ("logement.notes", "hébergée chez sa sœur")
    ]
    assert [e["id"] for e in document["events"]] == [mine["event"]]
    audited = {(a["action"], a["entity_id"]) for a in document["audit"]}
    assert ("created", mine["person"]) in audited
    assert ("created", mine["interview"]) in audited
    for value in other.values():
        assert value not in text
    for clue in ("Grégory", "Bousquet", "dort dans sa voiture"):
        assert clue not in text

    with session.uow() as uow:
        exported = [a for a in uow.audit.list() if a.action is AuditAction.EXPORTED]
    assert [str(a.entity_id) for a in exported] == [mine["person"]]
