"""Case reviews on a real store: a flagged case (checked, pseudonymous, on the parcours,
journalled), sessions listing their cases, and decisions landing in the next plan version."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from itertools import cycle

import pytest

from spie_desktop.domain.case_review import (
    QUESTION_MAX,
    REASON_MAX,
    Decision,
    Participant,
    ReviewStatus,
    random_reference,
)
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.plan import PlanStatus
from spie_desktop.services import case_reviews as reviews
from spie_desktop.services.path_facts import read_paths
from spie_desktop.services.people import PeopleService
from spie_desktop.services.situation import compute_situation
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.session import Session

from .plan_fixtures import make_room

THURSDAY = datetime(2026, 12, 10, 13, 30, tzinfo=UTC)
TEAM = [
    Participant("Nadia B.", "Conseil départemental", "Référente sociale"),
    Participant("Julien R.", "France Travail", "Conseiller emploi"),
    Participant("", "", ""),  # an empty line of the table
]


def person(session: Session, first: str = "Hélène", last: str = "Lefèvre") -> uuid.UUID:
    return PeopleService(session).create_person(first, last, date(1979, 4, 12), "Rodez").id


def pending_entities(session: Session) -> list[str]:
    with session.uow(read_only=True) as uow:
        return [entry.entity for entry in uow.outbox.pending(limit=10_000)]


def test_a_flagged_case_gets_a_random_reference_and_a_step_on_the_parcours(
    session: Session,
) -> None:
    someone = person(session)
    before = pending_entities(session)
    case = reviews.flag_case(
        session, someone, "Aucune solution de garde", "Quelle structure peut l'accueillir ?"
    )
    assert re.fullmatch(r"C-[A-HJ-NP-Z2-9]{4}", case.reference)
    assert not case.include_sex and case.review_id is None
    # The parcours shows it, and both records wait for the server.
    steps = TimelineService(session).path(someone)
    assert FollowUpKind.CASE_REVIEW in [s.kind for s in steps]
    added = pending_entities(session)[len(before) :]
    case_entity = next(n for n, s in ENTITY_SPECS.items() if s.reader == "review_cases")
    event_entity = next(n for n, s in ENTITY_SPECS.items() if s.reader == "events")
    assert sorted(added) == sorted([case_entity, event_entity])
    overview = reviews.reviews_overview(session)
    assert [(c.reference, c.person_name) for c in overview.unscheduled] == [
        (case.reference, "Hélène LEFÈVRE")
    ]


def test_the_reference_is_drawn_again_when_taken_and_never_from_the_person() -> None:
    taken = {"C-AAAA"}
    draws = cycle("AAAAB")  # the first draw is taken, the second not
    assert random_reference(taken, lambda _alphabet: next(draws)) == "C-BAAA"


def test_references_are_unique_on_the_device(session: Session) -> None:
    someone = person(session)
    made = {reviews.flag_case(session, someone, "motif", "question").reference for _ in range(25)}
    assert len(made) == 25


@pytest.mark.parametrize(
    ("reason", "question", "message"),
    [
        ("  ", "Une question ?", "Le motif est obligatoire."),
        ("Un motif", "", "La question posée au groupe est obligatoire."),
        ("x" * (REASON_MAX + 1), "Une question ?", "Le motif est trop long"),
        ("Un motif", "x" * (QUESTION_MAX + 1), "La question posée au groupe est trop long"),
    ],
)
def test_a_case_needs_a_reason_and_a_question_of_reasonable_length(
    session: Session, reason: str, question: str, message: str
) -> None:
    someone = person(session)
    before = pending_entities(session)
    with pytest.raises(ValidationError) as refused:
        reviews.flag_case(session, someone, reason, question)
    assert refused.value.message_fr.startswith(message)
    assert pending_entities(session) == before


def test_a_session_lists_its_cases_and_the_others_still_wait(session: Session) -> None:
    first = reviews.flag_case(session, person(session), "Motif 1", "Question 1 ?")
    second = reviews.flag_case(session, person(session, "Paul", "Martin"), "Motif 2", "Q 2 ?")
    review = reviews.save_review(session, THURSDAY, " Rodez, salle 3 ", TEAM)
    assert review.place == "Rodez, salle 3"
    assert [p.name for p in review.participants] == ["Nadia B.", "Julien R."]
    assert review.structure_id == session.counsellor.structure_id
    assert review.author_id == session.counsellor.id
    reviews.schedule_case(session, first.id, review.id)

    overview = reviews.reviews_overview(session)
    assert [(r.place, r.case_count, r.status) for r in overview.reviews] == [
        ("Rodez, salle 3", 1, ReviewStatus.PLANNED)
    ]
    assert [c.case_id for c in overview.unscheduled] == [second.id]
    detail = reviews.review_detail(session, review.id)
    assert [(c.reference, c.person_name) for c in detail.cases] == [
        (first.reference, "Hélène LEFÈVRE")
    ]
    # Held, then a case taken back.
    reviews.save_review(
        session, THURSDAY, "Rodez", TEAM[:1], status=ReviewStatus.HELD, review_id=review.id
    )
    reviews.schedule_case(session, first.id, None)
    overview = reviews.reviews_overview(session)
    assert [(r.place, r.case_count, r.status) for r in overview.reviews] == [
        ("Rodez", 0, ReviewStatus.HELD)
    ]
    assert len(overview.unscheduled) == 2


def test_a_participant_is_named_with_a_structure(session: Session) -> None:
    with pytest.raises(ValidationError) as refused:
        reviews.save_review(session, THURSDAY, "Rodez", [Participant("Nadia B.", "", "")])
    assert refused.value.message_fr == "La structure d'un participant est obligatoire."
    with pytest.raises(ValidationError):
        reviews.save_review(session, THURSDAY, " ", TEAM)


def test_decisions_become_actions_of_a_new_draft_and_the_signed_plan_is_untouched(
    session: Session,
) -> None:
    room = make_room(session)
    signed = room.sign(room.ready_draft())
    signed_plan = room.plans.get(signed.plan.id)
    case = reviews.flag_case(session, room.person_id, "Freins cumulés", "Par où commencer ?")
    review = reviews.save_review(session, THURSDAY, "Rodez", TEAM)
    reviews.schedule_case(session, case.id, review.id)
    due = room.plans.today() + timedelta(days=21)
    reviews.save_decisions(
        session,
        case.id,
        [
            Decision("Demander une place en crèche", "CCAS de Rodez", due),
            Decision("", "", None),
            Decision("Financer le permis B", "France Travail", None),
        ],
    )
    recorded = reviews.decisions_to_plan(session, case.id)
    assert recorded.new_version and recorded.added == 2 and recorded.plan_version == 2

    versions = room.plans.list_for_person(room.person_id)
    assert [(p.plan_version, p.status) for p in versions] == [
        (1, PlanStatus.SIGNED),
        (2, PlanStatus.DRAFT),
    ]
    assert room.plans.get(signed_plan.id) == signed_plan  # the signed one untouched
    draft = versions[1]
    objective = draft.objectives[-1]
    assert objective.label == "Décisions de la revue de situation du 10/12/2026"
    assert [(a.label, a.referent, a.due_date) for a in objective.actions] == [
        ("Demander une place en crèche", "CCAS de Rodez", due),
        ("Financer le permis B", "France Travail", None),
    ]
    # Recording again adds nothing twice and makes no third version.
    again = reviews.decisions_to_plan(session, case.id)
    assert again.plan_id == draft.id and again.added == 0 and not again.new_version
    assert len(room.plans.list_for_person(room.person_id)) == 2


def test_decisions_go_into_the_draft_in_progress(session: Session) -> None:
    room = make_room(session)
    draft = room.ready_draft()
    case = reviews.flag_case(session, room.person_id, "Motif", "Question ?")
    reviews.save_decisions(session, case.id, [Decision("Rencontrer l'assistante sociale")])
    recorded = reviews.decisions_to_plan(session, case.id)
    assert recorded.plan_id == draft.id and not recorded.new_version
    labels = [a.label for o in room.plans.get(draft.id).objectives for a in o.actions]
    assert labels[-1] == "Rencontrer l'assistante sociale"


def test_decisions_without_a_plan_are_refused_in_french(session: Session) -> None:
    case = reviews.flag_case(session, person(session), "Motif", "Question ?")
    with pytest.raises(ValidationError) as refused:
        reviews.decisions_to_plan(session, case.id)
    assert refused.value.message_fr == "Aucune décision à enregistrer pour cette situation."
    reviews.save_decisions(session, case.id, [Decision("Faire le point")])
    with pytest.raises(ValidationError) as refused:
        reviews.decisions_to_plan(session, case.id)
    assert "pas encore de plan d'action" in refused.value.message_fr


def test_include_sex_is_the_counsellor_s_choice(session: Session) -> None:
    case = reviews.flag_case(session, person(session), "Motif", "Question ?", include_sex=True)
    assert case.include_sex
    assert not reviews.set_include_sex(session, case.id, False).include_sex
    assert not reviews.reviews_overview(session).unscheduled[0].include_sex


def test_decisions_appear_in_the_point_de_situation_as_the_next_step(session: Session) -> None:
    room = make_room(session)
    room.sign(room.ready_draft())  # its actions start in a week
    case = reviews.flag_case(session, room.person_id, "Motif", "Question ?")
    due = room.plans.today() + timedelta(days=3)
    reviews.save_decisions(session, case.id, [Decision("Appeler la crèche", "CCAS", due)])
    reviews.decisions_to_plan(session, case.id)

    row = next(r for r in compute_situation(session).rows if r.person_id == room.person_id)
    assert row.next_step is not None
    assert (row.next_step.label, row.next_step.day) == ("Échéance : Appeler la crèche", due)
    # Copied from the signed plan, the draft's other actions are not counted twice.
    with session.uow(read_only=True) as uow:
        path = read_paths(uow.session, "Europe/Paris", room.plans.today(), room.person_id)
    assert [a.label for a in path[str(room.person_id)].revising] == ["Appeler la crèche"]
