"""The demo store tells the story a new user needs: held and planned case reviews with
their cases, host companies counted in « Entreprises », ends of support, a reopened file and
a restricted one."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from spie_desktop.domain.case_review import ReviewStatus
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.immersion import is_immersion_action
from spie_desktop.domain.immersion_siret import luhn_ok, siret_problem
from spie_desktop.domain.local_calendar import zone
from spie_desktop.domain.situation import STAGE_LABELS, Stage
from spie_desktop.services import device
from spie_desktop.services.case_reviews import review_detail, reviews_overview
from spie_desktop.services.demo import fill_demo_store
from spie_desktop.services.demo_companies import COMPANIES, demo_siret, luhn_completed
from spie_desktop.services.demo_names import COMMUNES
from spie_desktop.services.demo_reviews import CASES, next_thursday
from spie_desktop.services.employers import employer_lines
from spie_desktop.services.file_guard import file_state
from spie_desktop.services.people import PeopleService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .conftest import NADIA_PASSPHRASE, initialise

PEOPLE = 300
#: Enough signed plans that, drawn among every draft, one would be a closed file's.
SIGNED = 30


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, uuid.UUID]:
    """One demo store for the module (the stories take a few seconds to write)."""
    data_dir = tmp_path_factory.mktemp("demo-stories")
    setup = initialise(data_dir, "12")
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        fill_demo_store(session, people=PEOPLE, seed=11, signed_plans=SIGNED)
    return data_dir, setup.counsellor_id


@pytest.fixture
def session(demo: tuple[Path, uuid.UUID]) -> Iterator[Session]:
    with device.unlock(*demo, NADIA_PASSPHRASE) as opened:
        yield opened


def test_a_held_and_a_planned_review_with_their_cases(session: Session) -> None:
    overview = reviews_overview(session)
    by_status = {line.status: line for line in overview.reviews}
    held, planned = by_status[ReviewStatus.HELD], by_status[ReviewStatus.PLANNED]
    assert held.place == "Maison des solidarités, Rodez"
    assert held.case_count == 3 and planned.case_count == 3
    assert len(overview.unscheduled) == len(CASES) - 6 == 2
    today = TimelineService(session).today()
    local = planned.starts_at.astimezone(zone(session.territory.timezone))
    assert (local.date(), local.hour, local.minute) == (next_thursday(today), 14, 0)
    assert held.starts_at.date() < today
    detail = review_detail(session, held.review_id)
    assert len(detail.review.participants) >= 4
    assert all(p.name and p.structure and p.role for p in detail.review.participants)
    decided = [case for case in detail.cases if case.decisions]
    assert len(decided) == 3
    with session.uow(read_only=True) as uow:
        for case in decided:
            actions = {
                a.label
                for plan in uow.plans.list_for_person(case.person_id)
                for o in plan.objectives
                for a in o.actions
            }
            assert {d.what for d in case.decisions} <= actions
    for case in overview.unscheduled + detail.cases:
        assert case.person_name.split()[-1] not in case.reason + case.question


def test_immersions_and_employers_with_counts(session: Session) -> None:
    with session.uow(read_only=True) as uow:
        immersions = uow.immersions.list_all()
        labels = {
            a.id: a.label
            for plan in uow.plans.list_all()
            for o in plan.objectives
            for a in o.actions
        }
    assert len(immersions) == 15
    assert all(is_immersion_action(labels[i.action_id]) for i in immersions)
    assert any(i.assessment is not None for i in immersions)
    assert {i.company.commune for i in immersions} <= set(COMMUNES["12"])
    lines = employer_lines(session)
    assert len(lines) >= 10
    assert sum(line.immersions for line in lines) == 15
    hosts = {line.name for line in lines if line.immersions}
    assert any(line.hires for line in lines if line.name in hosts)
    assert all(siret_problem(line.siret) is None for line in lines if line.siret)


def test_the_demo_sirets_carry_their_luhn_keys() -> None:
    # From the right, every second digit doubled (9 x 2 = 18 counts 9): 1+8+1+4+7+9 = 30.
    assert luhn_completed("97214") == "972141"
    siret = demo_siret("81234567", "0001")
    assert len(siret) == 14 and luhn_ok(siret[:9]) and luhn_ok(siret)
    assert all(siret_problem(c.siret) is None for c in COMPANIES)
    assert len({c.siret for c in COMPANIES}) == len(COMPANIES)


def test_ends_of_support_a_reopening_and_a_restriction(session: Session) -> None:
    listing = PeopleService(session).list_people()
    ended = [p for p in listing if p.stage is Stage.ENDED]
    assert STAGE_LABELS[Stage.ENDED] == "Accompagnement terminé"
    assert 0.02 * PEOPLE <= len(ended) <= 0.09 * PEOPLE
    with session.uow(read_only=True) as uow:
        ends = uow.events.list_of_kind(FollowUpKind.END_OF_SUPPORT)
        reopened = uow.events.list_of_kind(FollowUpKind.SUPPORT_REOPENED)
        restricted = uow.events.list_of_kind(FollowUpKind.RESTRICTED)
        assert len(Counter(e.details["outcome"] for e in ends)) >= 3
        assert len(reopened) == 1 and len(restricted) == 1
        assert file_state(uow, restricted[0].person_id).restricted
        assert not file_state(uow, reopened[0].person_id).closed


def test_signed_demo_plans_skip_the_files_whose_support_ended(session: Session) -> None:
    """A closed file is read-only: signing its draft would stop the demo load."""
    with session.uow(read_only=True) as uow:
        ended = {e.person_id for e in uow.events.list_of_kind(FollowUpKind.END_OF_SUPPORT)}
        signed = [p for p in uow.plans.list_all() if p.signatures]
    assert len(signed) >= SIGNED
    assert not {p.person_id for p in signed} & ended


def test_the_people_who_agreed_evaluated_their_support_with_no_name(session: Session) -> None:
    """« Indicateurs » has evaluations to show: at the end of interviews (and some plan
    reviews), mostly content, some left half-way — and none of them names anyone."""
    from spie_desktop.domain.people import ConsentScope
    from spie_protocol.indicators.facts import EvaluationQuestion, EvaluationStep

    with session.uow(read_only=True) as uow:
        evaluations = uow.evaluations.list_all()
        people = uow.people.list_all()
        signed = {p.person_id for p in uow.plans.list_all() if p.is_signed}
        agreed = {
            pid
            for pid in signed
            if (c := uow.consents.latest_for(pid)) is not None
            and ConsentScope.EVALUATION in c.scopes
        }
    assert len(evaluations) >= len(agreed) > 0
    assert {e.step for e in evaluations} >= {EvaluationStep.INTERVIEW}
    assert len({e.token for e in evaluations}) == len(agreed)
    scores = [v for e in evaluations for v in e.answers.values()]
    assert sum(v >= 3 for v in scores) > len(scores) / 2
    assert any(len(e.answers) < len(EvaluationQuestion) for e in evaluations)
    identities = {str(p.id) for p in people} | {p.last_name for p in people}
    for evaluation in evaluations:
        assert not identities & set(map(str, vars(evaluation).values()))
