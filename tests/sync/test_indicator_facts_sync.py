"""The server's reading of people's paths for the indicators (issue 17): two laptops build a
small Guyane territory through a real server on 127.0.0.1, and the facts the server reduces
each person to are the ones worked out by hand below.

The laptops are set up in Aveyron's calendar (Europe/Paris) and the server territory is
Guyane (973, UTC−3, no summer time): an orientation recorded at 02:30 UTC on 2 October is
1 October in Cayenne, and the server counts it there.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.immersion import Immersion, Period
from spie_desktop.domain.offers import LinkedOffer
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import ActionStatus
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.immersions import save_immersion
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.timeline import TimelineService
from spie_protocol.indicators.facts import ActionFact, OfferFact, PersonFacts
from spie_server.db import session_scope
from spie_server.indicators.facts import facts_by_person, facts_for_territory
from spie_server.models import Territory
from spie_server.server_key import load_or_create_secret
from spie_server.settings import RateLimit, Settings, sqlite_url
from spie_server.territory.territories import add_territory
from tests.server.helpers import Admin, RunningServer, start_server
from tests.services.conftest import JULIEN_PASSPHRASE
from tests.services.immersion_fixtures import immersion
from tests.services.offer_records import SAINT_LAURENT, service, structure
from tests.services.plan_fixtures import make_room, pad_signatures
from tests.sync.catalogue_fixtures import import_catalogue
from tests.sync.conftest import PASSPHRASE, Laptop

K = FollowUpKind
NOW = datetime(2026, 12, 5, 15, 0, tzinfo=UTC)
GUYANE = "973"
STRUCTURE = "CD Aveyron"  # the structure the laptops are enrolled for
OFFER = LinkedOffer(source="dora", id="dora--1", name="Auto-école sociale", structure="ML")


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server of its own: the territory must be Guyane's code, 973, made once."""
    data_dir = tmp_path_factory.mktemp("indicator-server")
    running = start_server(Settings(data_dir, sqlite_url(data_dir), RateLimit(100_000, 100_000)))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def sync_territory(sync_admin: Admin) -> str:
    with session_scope(sync_admin.engine) as session:
        add_territory(
            session, GUYANE, "Guyane", load_or_create_secret(sync_admin.settings.data_dir)
        )
    import_catalogue(
        sync_admin,
        GUYANE,
        [
            structure(1, "Mission locale de l'Ouest guyanais", SAINT_LAURENT),
            service(1, "Auto-école sociale", SAINT_LAURENT),
        ],
    )
    return GUYANE


def cayenne(instant: datetime) -> date:
    """A stored UTC instant's day in Cayenne, by hand: three hours earlier."""
    return (instant.replace(tzinfo=None) - timedelta(hours=3)).date()


def test_the_server_reads_each_path_as_the_device_defines_it(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, sync_territory: str, tmp_path: Path
) -> None:
    a, b = make_laptop("a"), make_laptop("b")

    # Hélène (laptop a): oriented, met, a joint diagnostic, a signed plan whose first action
    # started in May and is linked to a mobility offer, an immersion, a return to work and
    # the 6-month check-in, still in work.
    room = make_room(a.session)
    helene = room.person_id
    timeline = TimelineService(a.session)
    timeline.add_event(helene, K.ORIENTATION, date(2026, 5, 4), now=NOW)
    timeline.add_event(helene, K.FIRST_CONTACT, date(2026, 5, 12), now=NOW)
    InterviewSessionService(a.session).join_counsellor(
        room.interview_id, room.julien.id, JULIEN_PASSPHRASE
    )
    plan = room.ready_draft()
    first = plan.objectives[0].actions[0]
    plan.set_action_date(first.id, "start_date", date(2026, 5, 20))
    plan.set_action_status(first.id, ActionStatus.IN_PROGRESS)
    plan.link_offer(first.id, OFFER)
    room.plans.save_draft(plan)
    signed = room.plans.sign(
        plan.id, pad_signatures(plan), room.confirmations(nadia=PASSPHRASE), "Cayenne"
    ).plan
    save_immersion(a.session, _week(helene, date(2026, 5, 25)), now=NOW)
    timeline.add_event(helene, K.EMPLOYMENT, date(2026, 6, 1), now=NOW)
    record_check_in(
        a.session, helene, date(2026, 12, 1), CheckIn(month=6, still_in_work=True), now=NOW
    )
    nobody = a.add_person("Paul", "Ravel").id  # nothing happened yet

    # Samir (laptop b): a contact before his orientation (not his first contact), the
    # orientation late at night in Paris, an interview not finished, an immersion still to
    # come (a planned step), a return to work and only the 1-month check-in.
    samir = b.add_person("Samir", "Haddad").id
    b.people().record_consent(samir, {ConsentScope.RECORD})
    on_b = TimelineService(b.session)
    on_b.add_event(samir, K.CONTACT, date(2026, 9, 20), now=NOW)
    night = datetime(2026, 10, 2, 2, 30, tzinfo=UTC)  # 1 October, 23:30 in Cayenne
    on_b.add_event(samir, K.ORIENTATION, date(2026, 10, 2), now=night)
    on_b.add_event(samir, K.CONTACT, date(2026, 10, 5), now=NOW)
    InterviewService(b.session).start_or_resume(samir)
    save_immersion(b.session, _week(samir, date(2027, 3, 1)), now=NOW)
    on_b.add_event(samir, K.EMPLOYMENT, date(2026, 10, 20), now=NOW)
    record_check_in(
        b.session, samir, date(2026, 11, 20), CheckIn(month=1, still_in_work=True), now=NOW
    )
    for laptop in (a, b, a):
        report = laptop.sync()
        assert report.ok, report.error_en

    # What the records say of the days that are "now" on the laptop: read back from a's store.
    with a.session.uow(read_only=True) as uow:
        interview = uow.interviews.get(room.interview_id)
        signatures = uow.plans.get(signed.id).signatures
    diagnostic = cayenne(interview.updated_at)
    signing = cayenne(max(s.signed_at for s in signatures))
    in_force = [
        ActionFact(objective.theme, action.status.value, signing)
        for objective in signed.objectives
        for action in objective.actions
    ]
    assert ActionFact(signed.objectives[0].theme, "in_progress", signing) in in_force

    expected = {
        str(helene): PersonFacts(
            structure=STRUCTURE,
            oriented=date(2026, 5, 4),
            first_contact=date(2026, 5, 12),
            diagnostic=diagnostic,
            diagnostic_joint=True,
            first_action=date(2026, 5, 20),
            steps=tuple(
                sorted(
                    [
                        date(2026, 5, 4),  # orientation
                        date(2026, 5, 12),  # first contact
                        date(2026, 5, 20),  # first action started
                        date(2026, 5, 25),  # immersion started (its step on the path)
                        date(2026, 6, 1),  # return to work
                        date(2026, 12, 1),  # 6-month check-in
                        diagnostic,
                        signing,
                    ]
                )
            ),
            plans_signed=(signing,),
            actions=tuple(in_force),
            offers=(OfferFact("mobilite", signing),),
            immersions=(date(2026, 5, 25),),
            employment=date(2026, 6, 1),
            check_in_6m=date(2026, 12, 1),
            in_work_6m=True,
        ),
        str(samir): PersonFacts(
            structure=STRUCTURE,
            oriented=date(2026, 10, 1),
            first_contact=date(2026, 10, 5),
            steps=(
                date(2026, 9, 20),
                date(2026, 10, 1),
                date(2026, 10, 5),
                date(2026, 10, 20),
                date(2026, 11, 20),
            ),
            immersions=(date(2027, 3, 1),),
            employment=date(2026, 10, 20),
        ),
        str(nobody): PersonFacts(structure=STRUCTURE),
    }
    with session_scope(sync_admin.engine) as db:
        territory_id = db.scalar(select(Territory.id).where(Territory.code == GUYANE))
        assert territory_id is not None
        found = facts_by_person(db, territory_id, today=date(2026, 12, 5))
        assert {person: _ordered(facts) for person, facts in found.items()} == {
            person: _ordered(facts) for person, facts in expected.items()
        }

        # The period keeps the people with a step in it; no evaluations were ever sent.
        people, evaluations = facts_for_territory(
            db, territory_id, date(2026, 10, 1), date(2026, 10, 31), today=date(2026, 12, 5)
        )
        assert [p.oriented for p in people] == [date(2026, 10, 1)]
        assert evaluations == []
        later, _ = facts_for_territory(
            db, territory_id, date(2027, 1, 1), date(2027, 12, 31), today=date(2026, 12, 5)
        )
        assert [p.immersions for p in later] == [(date(2027, 3, 1),)]


def _week(person: uuid.UUID, monday: date) -> Immersion:
    return immersion(person, Period(monday, monday + timedelta(days=4)))


def _ordered(facts: PersonFacts) -> PersonFacts:
    """The actions in a fixed order (the server reads them in storage order)."""
    return replace(facts, actions=tuple(sorted(facts.actions, key=repr)))
