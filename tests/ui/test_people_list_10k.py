"""The people list with 10,000 people: loaded from a real store, filtered correctly.

The store is filled once for the module with people only (``populate_demo`` writes whole
paths — interviews, answers, plans — and takes minutes for 10,000), through the demo store's
bulk path; the people themselves come from the demo builder, so names, birth dates, statuses
and contacts are realistic.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.people import Person, fold_name
from spie_desktop.domain.situation import Stage
from spie_desktop.services import device
from spie_desktop.services.demo import DemoBuilder
from spie_desktop.storage.repositories.bulk import BulkLoader
from spie_desktop.storage.session import Session
from spie_desktop.ui.people_model import PERSON_ID_ROLE, LastContact, PeopleList
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE

PEOPLE = 10_000
TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, list[Person]]]:
    data_dir = tmp_path_factory.mktemp("big") / "device"
    data_dir.mkdir()
    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    builder = DemoBuilder(session.territory, 2026, TODAY, session.counsellor.id)
    people = [builder.person().person for _ in range(PEOPLE)]
    for person in people[::97]:
        person.last_contact = None  # a few never contacted
    # Every third person in training: the stage their path gives.
    events = [
        FollowUpEvent(
            person_id=person.id,
            kind=FollowUpKind.TRAINING_START,
            occurred_at=datetime(2026, 10, 1, 10, tzinfo=UTC),
            updated_by=session.counsellor.id,
        )
        for person in people[::3]
    ]
    # The demo store's bulk path: the same rows as one add at a time (the repositories'
    # own new_row), without the outbox entries this list never reads; 10,000 adds took a
    # minute and a half of the suite.
    with session.uow() as uow:
        uow.meta.mark_demo_store()
        loader = BulkLoader(uow)
        loader.insert_people(people)
        loader.insert_events(events)
    yield session, people
    session.close()


@pytest.fixture
def loaded(
    qtbot: QtBot, runner: TaskRunner, big_store: tuple[Session, list[Person]]
) -> tuple[PeopleList, list[Person]]:
    session, people = big_store
    model = PeopleList(WindowContext(session, runner), today=lambda: TODAY)
    model.load()
    qtbot.waitUntil(lambda: not model.loading, timeout=60_000)
    assert model.error == ""
    return model, people


def shown_ids(model: PeopleList) -> set[object]:
    table = model.table
    return {table.index(r, 0).data(PERSON_ID_ROLE) for r in range(table.rowCount())}


def name_starts(person: Person, prefix: str) -> bool:
    return any(
        w.startswith(prefix) for w in fold_name(f"{person.last_name} {person.first_name}").split()
    )


def test_ten_thousand_people_load_and_filter_by_name(
    loaded: tuple[PeopleList, list[Person]],
) -> None:
    model, people = loaded
    assert model.table.rowCount() == PEOPLE
    assert model.summary == "10000 personnes"
    expected = {p.id for p in people if name_starts(p, "martin")}
    assert expected  # the demo names include Martin
    model.search("Martin")
    assert shown_ids(model) == expected
    assert model.summary == f"{len(expected)} sur 10000 personnes"
    target = next(p for p in people if name_starts(p, "martin"))
    model.search(f"mart {target.first_name}")
    assert target.id in shown_ids(model)
    assert all(name_starts(p, "mart") for p in people if p.id in shown_ids(model))


def test_ten_thousand_people_filter_by_birth_date(loaded: tuple[PeopleList, list[Person]]) -> None:
    model, people = loaded
    target = people[4321]
    assert target.birth_date is not None
    typed = target.birth_date.strftime("%d/%m/%Y")
    model.search(typed)
    expected = {p.id for p in people if p.birth_date == target.birth_date}
    assert target.id in expected and shown_ids(model) == expected
    model.search(target.birth_date.isoformat())
    assert shown_ids(model) == expected
    model.search(str(target.birth_date.year))
    assert shown_ids(model) == {
        p.id for p in people if p.birth_date and p.birth_date.year == target.birth_date.year
    }


def test_ten_thousand_people_filter_by_stage_and_last_contact(
    loaded: tuple[PeopleList, list[Person]],
) -> None:
    model, people = loaded
    model.set_stage(Stage.IN_ACTION)
    training = {p.id for p in people[::3]}
    assert shown_ids(model) == training
    model.set_last_contact(LastContact.OVER_45_DAYS)
    cutoff = TODAY - timedelta(days=45)
    assert shown_ids(model) == {
        p.id
        for p in people
        if p.id in training and p.last_contact is not None and p.last_contact < cutoff
    }
    model.set_stage(None)
    model.set_last_contact(LastContact.NEVER)
    never = {p.id for p in people if p.last_contact is None}
    assert len(never) >= PEOPLE // 97 and shown_ids(model) == never
    model.set_last_contact(LastContact.OVER_30_DAYS)
    model.search("martin")
    cutoff = TODAY - timedelta(days=30)
    assert shown_ids(model) == {
        p.id
        for p in people
        if name_starts(p, "martin") and p.last_contact is not None and p.last_contact < cutoff
    }
