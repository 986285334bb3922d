"""The end of support, its reopening and the restriction of processing on a real store:
events journalled, the person's status, the dates refused, and the one guard every writer of
a closed or restricted file meets (nothing written then)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.people import ConsentScope, Identity, PersonStatus
from spie_desktop.domain.support_end import FileFrozen, SupportOutcome
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.support import SupportService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room

K = FollowUpKind


def written(session: Session) -> int:
    """Every change journalled so far (pending or not)."""
    with session.uow(read_only=True) as uow:
        return sum(uow.outbox.status_counts().values())


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def test_closing_records_the_outcome_and_closes_the_file(room: Room) -> None:
    support = SupportService(room.session)
    day = support.timeline.today() - timedelta(days=2)
    event = support.close(room.person_id, "emploi_durable", day)
    with room.session.uow(read_only=True) as uow:
        stored = uow.events.get(event.id)
        person = uow.people.get(room.person_id)
    assert (stored.kind, stored.details) == (K.END_OF_SUPPORT, {"outcome": "emploi_durable"})
    assert person.status is PersonStatus.CLOSED
    state = support.state(room.person_id)
    assert state.state.closed and not state.state.restricted
    assert (state.ended_on, state.outcome) == (day, SupportOutcome.EMPLOYMENT_LASTING)


@pytest.mark.parametrize(
    ("outcome", "offset", "words"),
    [
        ("emploi_durable", 1, "futur"),
        ("parti", 0, "Issue d'accompagnement inconnue"),
        ("sans_nouvelles", -30, "précéder l'orientation"),
    ],
)
def test_a_wrong_end_is_refused_and_nothing_written(
    room: Room, outcome: str, offset: int, words: str
) -> None:
    timeline = TimelineService(room.session)
    today = timeline.today()
    timeline.add_event(room.person_id, K.ORIENTATION, today - timedelta(days=10))
    before = written(room.session)
    with pytest.raises(ValidationError) as refused:
        SupportService(room.session).close(room.person_id, outcome, today + timedelta(offset))
    assert words in refused.value.message_fr
    assert written(room.session) == before
    assert PeopleService(room.session).get(room.person_id).status is not PersonStatus.CLOSED


def _writers(room: Room) -> dict[str, Callable[[], object]]:
    """Every use case that changes one of the person's records."""
    session, person_id, interview_id = room.session, room.person_id, room.interview_id
    people = PeopleService(session)
    workspace = InterviewSessionService(session)
    draft = room.plans.draft_from_interview(interview_id)
    today = TimelineService(session).today()
    identity = Identity(first_name="Hélène", last_name="Lefebvre")
    return {
        "answer": lambda: workspace.save_answer(interview_id, "logement.notes", "à revoir"),
        "step": lambda: workspace.save_step(interview_id, "autre-etape"),
        "interview": lambda: InterviewService(session).start_or_resume(person_id),
        "consent": lambda: people.record_consent(person_id, {ConsentScope.RECORD}),
        "identity": lambda: people.update_identity(
            person_id, identity, people.get(person_id).version
        ),
        "person": lambda: people.update(people.get(person_id)),
        "event": lambda: TimelineService(session).add_event(person_id, K.CONTACT, today),
        "check_in": lambda: record_check_in(
            session, person_id, today, CheckIn(month=1, still_in_work=True)
        ),
        "plan_draft": lambda: room.plans.draft_from_interview(interview_id),
        "plan_save": lambda: room.plans.save_draft(room.plans.get(draft.id)),
    }


WRITERS = [
    "answer",
    "step",
    "interview",
    "consent",
    "identity",
    "person",
    "event",
    "check_in",
    "plan_draft",
    "plan_save",
]


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_refuses_a_closed_file(room: Room, writer: str) -> None:
    writers = _writers(room)
    support = SupportService(room.session)
    support.close(room.person_id, "demenagement", support.timeline.today())
    before = written(room.session)
    with pytest.raises(FileFrozen) as refused:
        writers[writer]()
    assert "terminé" in refused.value.message_fr
    assert written(room.session) == before


@pytest.mark.parametrize("writer", WRITERS)
def test_every_writer_refuses_a_restricted_file(room: Room, writer: str) -> None:
    writers = _writers(room)
    SupportService(room.session).restrict(room.person_id, "Demande de la personne")
    before = written(room.session)
    with pytest.raises(FileFrozen) as refused:
        writers[writer]()
    assert "limité" in refused.value.message_fr
    assert written(room.session) == before


def test_reopening_needs_a_reason_and_unfreezes_the_file(room: Room) -> None:
    support = SupportService(room.session)
    with pytest.raises(ValidationError) as not_closed:
        support.reopen(room.person_id, "Retour")
    assert "n'est pas terminé" in not_closed.value.message_fr
    support.close(room.person_id, "sans_nouvelles", support.timeline.today())
    with pytest.raises(ValidationError) as no_reason:
        support.reopen(room.person_id, "   ")
    assert "obligatoire" in no_reason.value.message_fr
    event = support.reopen(room.person_id, "La personne revient vers nous")
    assert (event.kind, event.details) == (
        K.SUPPORT_REOPENED,
        {"reason": "La personne revient vers nous"},
    )
    person = PeopleService(room.session).get(room.person_id)
    # the path's stage again: an interview under way, no diagnostic done yet
    assert person.status is PersonStatus.NEW
    assert not support.state(room.person_id).state.frozen
    InterviewSessionService(room.session).save_answer(room.interview_id, "logement.notes", "ok")


def test_a_restriction_holds_until_lifted_even_over_a_closed_file(room: Room) -> None:
    support = SupportService(room.session)
    support.close(room.person_id, "autre", support.timeline.today())
    support.restrict(room.person_id, "Contestation de l'exactitude des données")
    state = support.state(room.person_id)
    assert state.state.closed and state.state.restricted
    assert state.restriction_reason == "Contestation de l'exactitude des données"
    with pytest.raises(FileFrozen):  # reopening is an edit of a restricted file
        support.reopen(room.person_id, "Retour")
    with pytest.raises(ValidationError) as twice:
        support.restrict(room.person_id, "Encore")
    assert "déjà limité" in twice.value.message_fr
    support.lift_restriction(room.person_id)
    assert not support.state(room.person_id).state.restricted
    with pytest.raises(ValidationError):
        support.lift_restriction(room.person_id)
    support.reopen(room.person_id, "Retour")
    assert not support.state(room.person_id).state.frozen


def test_support_kinds_are_not_added_as_plain_events(room: Room) -> None:
    timeline = TimelineService(room.session)
    with pytest.raises(ValidationError):
        timeline.add_event(room.person_id, K.END_OF_SUPPORT, timeline.today())
    with pytest.raises(ValidationError):
        timeline.add_event(room.person_id, K.RESTRICTED, timeline.today())


def test_an_unknown_person_is_not_found(session: Session) -> None:
    from spie_desktop.services.people import PersonNotFound

    with pytest.raises(PersonNotFound):
        SupportService(session).restrict(uuid.uuid4(), "Motif")
    assert date.today()  # the session stays usable
