"""The person file read in one go, and its timeline newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.interview import InterviewStatus
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService, PersonNotFound
from spie_desktop.services.person_file import EntryKind, PersonFileService, plan_moment
from spie_desktop.storage.session import Session


def test_file_of_a_new_person_has_no_consent_and_no_interview(session: Session) -> None:
    person = PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 3, 12))
    file = PersonFileService(session).load(person.id)
    assert file.person.id == person.id and file.person.last_name == "Lefèvre"
    assert file.consent is None and not file.may_interview
    assert file.open_interview is None and file.timeline() == []


def test_consent_interview_plan_and_events_make_a_timeline_newest_first(
    session: Session,
) -> None:
    people = PeopleService(session)
    person = people.create_person("Paul", "Martin", date(1990, 1, 1))
    people.record_consent(person.id, set())  # refused first
    assert not PersonFileService(session).load(person.id).may_interview
    people.record_consent(person.id, {ConsentScope.RECORD})
    interview = InterviewService(session).start_or_resume(person.id)
    now = datetime.now(UTC)
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=person.id, kind=FollowUpKind.CONTACT, occurred_at=now + timedelta(days=1)
            )
        )
        uow.plans.add(ActionPlan(person_id=person.id, interview_id=interview.id))
    file = PersonFileService(session).load(person.id)
    assert file.may_interview and file.consent is not None
    assert file.consent.scopes == frozenset({ConsentScope.RECORD})
    assert file.open_interview is not None and file.open_interview.id == interview.id
    assert file.open_interview.status is InterviewStatus.IN_PROGRESS
    timeline = file.timeline()
    assert [entry.kind for entry in timeline][0] is EntryKind.EVENT  # tomorrow: newest
    assert sorted(e.kind for e in timeline) == sorted(
        [EntryKind.EVENT, EntryKind.PLAN, EntryKind.INTERVIEW, EntryKind.CONSENT, EntryKind.CONSENT]
    )
    moments = [entry.at for entry in timeline]
    assert moments == sorted(moments, reverse=True)
    assert plan_moment(file.plans[0]) == file.plans[0].updated_at


def test_unknown_person_is_refused(session: Session) -> None:
    import uuid

    with pytest.raises(PersonNotFound):
        PersonFileService(session).load(uuid.uuid4())
