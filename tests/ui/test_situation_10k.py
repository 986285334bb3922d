"""The point de situation with 10,000 people and 30,000 timeline events: shown, filtered,
sorted correctly (no timing here: bench/bench_situation.py measures)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.people import Person, fold_name
from spie_desktop.domain.situation import AlertKind
from spie_desktop.services import device
from spie_desktop.services.demo import DemoBuilder
from spie_desktop.storage.repositories.bulk import BulkLoader
from spie_desktop.storage.session import Session
from spie_desktop.ui.situation_model import SituationModel
from spie_desktop.ui.situation_page import SituationPage
from spie_desktop.ui.situation_rows import NAME, WAITING
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE

PEOPLE = 10_000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Session, list[Person]]]:
    data_dir = tmp_path_factory.mktemp("big-situation") / "device"
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
    today = date.today()
    builder = DemoBuilder(session.territory, 2026, today, session.counsellor.id)
    people = [builder.person().person for _ in range(PEOPLE)]
    for person in people:
        person.last_contact = None  # the path alone says who was seen
    rng = random.Random(14)
    events = []
    for index, person in enumerate(people):
        oriented = today - timedelta(days=rng.randrange(5, 400))
        events.append(_event(person, FollowUpKind.ORIENTATION, oriented))
        if index % 3:  # two in three seen since
            seen = oriented + timedelta(days=rng.randrange(1, max(2, (today - oriented).days)))
            events.append(_event(person, FollowUpKind.CONTACT, min(seen, today)))
            events.append(_event(person, FollowUpKind.CONTACT, min(seen, today)))
    with session.uow() as uow:
        uow.meta.mark_demo_store()
        loader = BulkLoader(uow)
        loader.insert_people(people)
        loader.insert_events(events)
    yield session, people
    session.close()


def _event(person: Person, kind: FollowUpKind, day: date) -> FollowUpEvent:
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    return FollowUpEvent(person_id=person.id, kind=kind, occurred_at=moment)


def test_ten_thousand_people_show_filter_and_sort(
    qtbot: QtBot, runner: TaskRunner, big_store: tuple[Session, list[Person]]
) -> None:
    session, people = big_store
    model = SituationModel(WindowContext(session, runner))
    page = SituationPage(model)
    model.setParent(page)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    model.load()
    qtbot.waitUntil(lambda: model.report is not None, timeout=120_000)
    table = model.table
    assert table.rowCount() == PEOPLE and page.count.text() == f"{PEOPLE} personne(s)"
    report = model.report
    assert report is not None

    not_seen = {
        r.person_id for r in report.rows if any(a.kind is AlertKind.NOT_SEEN for a in r.alerts)
    }
    assert 0 < len(not_seen) < PEOPLE
    page.alert.setCurrentIndex(page.alert.findData(AlertKind.NOT_SEEN.value))
    assert {row.person_id for row in table.shown} == not_seen

    page.reset_filters()
    target = people[1234]
    word = fold_name(target.last_name).split()[0]
    qtbot.keyClicks(page.search, word[:4])
    expected = {p.id for p in people if word[:4] in fold_name(f"{p.first_name} {p.last_name}")}
    assert target.id in expected
    assert {row.person_id for row in table.shown} == expected

    page.reset_filters()
    page.waiting.setValue(300)
    assert all(r.days_waiting is not None and r.days_waiting > 300 for r in table.shown)
    assert len(table.shown) == sum(
        1 for r in report.rows if r.days_waiting is not None and r.days_waiting > 300
    )
    page.table.sortByColumn(WAITING, Qt.SortOrder.DescendingOrder)
    waiting = [r.days_waiting for r in table.shown]
    assert waiting == sorted(waiting, reverse=True)  # type: ignore[type-var]
    assert table.index(0, NAME).data() == table.shown[0].name
