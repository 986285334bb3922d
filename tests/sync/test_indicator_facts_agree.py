"""The device and the territory server reduce the same people to the same facts (issue 17):
two laptops build a small Guyane territory through a real server on 127.0.0.1, pull
everything back, and the facts each laptop reads from its store equal, person by person,
the facts the server reads from its records; the two computed tables are equal cell by cell.

The territory covers each rule where the two readings could part: a plan re-signed without
one of its actions, an offer linked from the catalogue and one the catalogue does not hold,
a person never oriented, a joint diagnostic, a 6-month check-in, a planned contact, a missed
appointment, and two structures (a counsellor of a second structure is the last author of a
file no interview names).
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
from spie_desktop.domain.organisation import Counsellor, Field, Structure, StructureKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import ActionStatus
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.services.check_ins import CheckIn, record_check_in
from spie_desktop.services.immersions import save_immersion
from spie_desktop.services.indicator_facts import facts_by_person as device_facts
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.timeline import TimelineService
from spie_protocol.indicators.compute import compute
from spie_protocol.indicators.facts import PersonFacts
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
TODAY = date(2026, 12, 5)  # NOW in Cayenne
GUYANE = "973"
OFFER = LinkedOffer(source="dora", id="dora--1", name="Auto-école sociale", structure="ML")
GONE = LinkedOffer(source="dora", id="dora--gone", name="Offre retirée", structure="ML")
SECOND = "Mission locale de Cayenne"


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server of its own: the territory must be Guyane's code, 973, made once."""
    data_dir = tmp_path_factory.mktemp("indicator-agree-server")
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


def test_device_and_server_read_the_same_facts(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, sync_territory: str, tmp_path: Path
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    for laptop in (a, b):  # the laptops work in the server territory's calendar
        laptop.session.territory = territory_by_code(GUYANE)

    # Hélène (a): oriented, met, a joint diagnostic, a plan signed with an action linked to
    # a catalogue offer and one linked to an offer the catalogue no longer holds, then
    # re-signed without the latter and with the first done; an immersion, a return to work,
    # the 6-month check-in.
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
    last = plan.objectives[-1].actions[0]
    assert first.id != last.id
    plan.set_action_date(first.id, "start_date", date(2026, 5, 20))
    plan.set_action_status(first.id, ActionStatus.IN_PROGRESS)
    plan.link_offer(first.id, OFFER)
    plan.link_offer(last.id, GONE)
    room.plans.save_draft(plan)
    signed = room.plans.sign(
        plan.id, pad_signatures(plan), room.confirmations(nadia=PASSPHRASE), "Cayenne"
    ).plan
    revised = room.plans.new_version(signed.id)
    kept = revised.objectives[0].actions[0]
    revised.set_action_status(kept.id, ActionStatus.DONE)
    revised.remove_action(revised.objectives[-1].actions[0].id)
    revised.set_commitment(True)  # asked again for each version
    room.plans.save_draft(revised)
    room.plans.sign(
        revised.id, pad_signatures(revised), room.confirmations(nadia=PASSPHRASE), "Cayenne"
    )
    save_immersion(a.session, _week(helene, date(2026, 5, 25)), now=NOW)
    timeline.add_event(helene, K.EMPLOYMENT, date(2026, 6, 1), now=NOW)
    record_check_in(
        a.session, helene, date(2026, 12, 1), CheckIn(month=6, still_in_work=True), now=NOW
    )
    paul = a.add_person("Paul", "Ravel").id  # nothing happened yet

    # Samir (b): a contact before his orientation, a missed appointment, an interview not
    # finished, a return to work and only the 1-month check-in.
    samir = b.add_person("Samir", "Haddad").id
    b.people().record_consent(samir, {ConsentScope.RECORD})
    on_b = TimelineService(b.session)
    on_b.add_event(samir, K.CONTACT, date(2026, 9, 20), now=NOW)
    on_b.add_event(samir, K.ORIENTATION, date(2026, 10, 1), now=NOW)
    on_b.add_event(samir, K.CONTACT, date(2026, 10, 5), now=NOW)
    on_b.add_event(samir, K.MISSED_APPOINTMENT, date(2026, 10, 8), now=NOW)
    InterviewService(b.session).start_or_resume(samir)
    on_b.add_event(samir, K.EMPLOYMENT, date(2026, 10, 20), now=NOW)
    record_check_in(
        b.session, samir, date(2026, 11, 20), CheckIn(month=1, still_in_work=True), now=NOW
    )

    # Léa (b): never oriented, a contact planned (not held), then met twice; no interview names a counsellor, and the last to
    # write her file is Inès, of a second structure.
    lea = b.add_person("Léa", "Martin").id
    b.people().record_consent(lea, {ConsentScope.RECORD})
    on_b.add_event(lea, K.CONTACT, date(2026, 10, 30), details={"planned": True}, now=NOW)
    on_b.add_event(lea, K.CONTACT, date(2026, 11, 3), now=NOW)
    on_b.add_event(lea, K.CONTACT, date(2026, 11, 17), now=NOW)
    with b.session.uow() as uow:
        second = uow.structures.add(
            Structure(name=SECOND, kind=StructureKind.MISSION_LOCALE, territory_code=GUYANE)
        )
        ines = uow.counsellors.add(
            Counsellor(display_name="Inès M.", field=Field.EMPLOI, structure_id=second.id)
        )
    with b.session.store.unit_of_work(actor_id=ines.id) as uow:
        person = uow.people.get(lea)
        assert person is not None
        person.phone = "0594000000"
        uow.people.save(person)

    for laptop in (a, b, a, b):
        report = laptop.sync()
        assert report.ok, report.error_en

    with session_scope(sync_admin.engine) as db:
        territory_id = db.scalar(select(Territory.id).where(Territory.code == GUYANE))
        assert territory_id is not None
        on_server = facts_by_person(db, territory_id, today=TODAY)
        start, end = date(2026, 1, 1), date(2026, 12, 31)
        period, _ = facts_for_territory(db, territory_id, start, end, today=TODAY)
    assert set(on_server) == {str(p) for p in (helene, paul, samir, lea)}
    server_table = compute(GUYANE, start, end, period)

    for laptop in (a, b):
        on_device = device_facts(laptop.session, now=NOW)
        differing = {
            person: _differing(on_device.get(person), on_server[person]) for person in on_server
        }
        assert differing == {person: {} for person in on_server}, laptop.name
        assert set(on_device) == set(on_server)
        device_table = compute(GUYANE, start, end, on_device.values())
        assert _cells(device_table.cells) == _cells(server_table.cells), laptop.name

    # The rules each case is there for, as both now read them.
    assert on_server[str(lea)].structure == SECOND
    assert on_server[str(lea)].oriented is None
    assert on_server[str(lea)].first_contact == date(2026, 11, 3)
    assert on_server[str(helene)].diagnostic_joint
    assert on_server[str(helene)].check_in_6m == date(2026, 12, 1)


def _differing(device: PersonFacts | None, server: PersonFacts) -> dict[str, object]:
    """The fields the two readings disagree on: (device, server) by field name."""
    if device is None:
        return {"person": "missing on the device"}
    mine, theirs = _ordered(device), _ordered(server)
    return {
        name: (getattr(mine, name), getattr(theirs, name))
        for name in PersonFacts.__slots__
        if getattr(mine, name) != getattr(theirs, name)
    }


def _cells(cells: tuple[object, ...]) -> list[str]:
    return sorted(map(repr, cells))


def _week(person: uuid.UUID, monday: date) -> Immersion:
    return immersion(person, Period(monday, monday + timedelta(days=4)))


def _ordered(facts: PersonFacts) -> PersonFacts:
    """Actions and offers in a fixed order (each side reads them in its storage order)."""
    return replace(
        facts,
        actions=tuple(sorted(facts.actions, key=repr)),
        offers=tuple(sorted(facts.offers, key=repr)),
    )
