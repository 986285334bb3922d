"""The people list and the person's file read where the path stands from the path itself:
"Dernier contact" is the day (in the territory's calendar) of the latest contact on the
timeline, re-read when an event is recorded; the stage is the point de situation's, on the
list, the file header and the point de situation alike, whatever the record's old
``status`` column says."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.people import PersonStatus
from spie_desktop.services import device
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.device import Session, SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.services.situation import compute_situation
from spie_desktop.services.timeline import TimelineService
from spie_desktop.ui.people_model import PeopleList
from spie_desktop.ui.people_section import PeopleSection
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from .conftest import NADIA_PASSPHRASE

STAGE, LAST_CONTACT = 4, 5


@pytest.fixture
def session(ready_device: tuple[Path, SetupResult]) -> Iterator[Session]:
    data_dir, setup = ready_device
    opened = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    yield opened
    opened.close()


def add_event(session: Session, person_id: uuid.UUID, kind: FollowUpKind, at: datetime) -> None:
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=person_id, kind=kind, occurred_at=at, updated_by=session.counsellor.id
            )
        )


def cells(people: PeopleList, last_name: str) -> tuple[str, str]:
    table = people.table
    for row in range(table.rowCount()):
        if table.index(row, 0).data() == last_name.upper():
            return table.index(row, STAGE).data(), table.index(row, LAST_CONTACT).data()
    raise AssertionError(f"{last_name} not listed")


def loaded_list(qtbot: QtBot, context: WindowContext) -> PeopleList:
    people = PeopleList(context)
    people.load()
    qtbot.waitUntil(lambda: not people.loading, timeout=15_000)
    assert people.error == ""
    return people


def test_last_contact_is_the_latest_contact_on_the_timeline_in_the_local_calendar(
    qtbot: QtBot, runner: TaskRunner, session: Session
) -> None:
    assert session.territory.timezone == "Europe/Paris"
    person = PeopleService(session).create_person("Inès", "Moreau", date(1990, 4, 2))
    add_event(session, person.id, FollowUpKind.ORIENTATION, datetime(2026, 3, 2, 9, tzinfo=UTC))
    # 23:30 UTC on 10 March is 00:30 on 11 March in Paris: the contact is on the 11th.
    add_event(session, person.id, FollowUpKind.CONTACT, datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    # Neither a missed appointment nor a training start is a contact.
    add_event(
        session, person.id, FollowUpKind.MISSED_APPOINTMENT, datetime(2026, 3, 20, 9, tzinfo=UTC)
    )
    add_event(session, person.id, FollowUpKind.TRAINING_START, datetime(2026, 3, 25, 9, tzinfo=UTC))
    context = WindowContext(session, runner)
    people = loaded_list(qtbot, context)
    assert cells(people, "Moreau") == ("En action", "11/03/2026")

    # A meeting recorded elsewhere announces the timeline: the list reads it again.
    def record(s: Session) -> None:
        TimelineService(s).add_event(
            person.id, FollowUpKind.CONTACT, date(2026, 4, 14), details={"channel": "meeting"}
        )

    failures: list[str] = []
    with qtbot.waitSignal(people.loaded, timeout=15_000):
        assert context.change(
            record, changes(Change.TIMELINE), on_error=lambda m, _e: failures.append(m)
        )
    assert failures == []
    assert cells(people, "Moreau")[1] == "14/04/2026"


def test_one_stage_on_the_list_the_file_and_the_point_de_situation(
    qtbot: QtBot, runner: TaskRunner, session: Session
) -> None:
    service = PeopleService(session)
    oriented = service.create_person("Yanis", "Bernard", date(1988, 1, 9))
    ended = service.create_person("Léa", "Fontaine", date(1979, 6, 1))
    reopened = service.create_person("Marc", "Girard", date(1975, 2, 3))
    # The record's old status says otherwise: it is no longer read for display.
    for person_id in (oriented.id, ended.id, reopened.id):
        person = service.get(person_id)
        person.status = PersonStatus.DIAGNOSTIC
        service.update(person)
    add_event(session, oriented.id, FollowUpKind.ORIENTATION, datetime(2026, 9, 1, 9, tzinfo=UTC))
    for person_id in (ended.id, reopened.id):
        add_event(session, person_id, FollowUpKind.CONTACT, datetime(2026, 9, 1, 9, tzinfo=UTC))
        add_event(
            session, person_id, FollowUpKind.END_OF_SUPPORT, datetime(2026, 10, 1, 9, tzinfo=UTC)
        )
    add_event(
        session, reopened.id, FollowUpKind.SUPPORT_REOPENED, datetime(2026, 10, 20, 9, tzinfo=UTC)
    )
    expected = {
        "Bernard": "Orientée",
        "Fontaine": "Accompagnement terminé",
        "Girard": "Orientée",  # reopened: back to where the path stands
    }

    context = WindowContext(session, runner)
    people = loaded_list(qtbot, context)
    assert {name: cells(people, name)[0] for name in expected} == expected

    section = PeopleSection(context)
    qtbot.addWidget(section)
    file = section.person_file
    for person_id, name in ((oriented.id, "Bernard"), (ended.id, "Fontaine")):
        section.open_person(person_id)
        opened = person_id
        qtbot.waitUntil(lambda: file.file is not None and file.file.person.id == opened)  # noqa: B023
        assert dict(file.identity())["Étape"] == expected[name]

    situation = {r.last_name: r.stage.label for r in compute_situation(session).rows}
    assert situation == expected


def test_every_demo_person_has_one_stage_and_one_last_contact_everywhere(
    session: Session,
) -> None:
    from spie_desktop.services.demo import populate_demo
    from spie_desktop.services.person_file import PersonFileService

    populate_demo(session, people=40, seed=3)
    listed = {p.id: (p.stage, p.last_contact) for p in PeopleService(session).list_people()}
    situation = {r.person_id: (r.stage, r.last_contact) for r in compute_situation(session).rows}
    files = PersonFileService(session)
    on_file = {}
    for person_id in listed:
        file = files.load(person_id)
        on_file[person_id] = (file.stage, file.last_contact)
    assert listed == situation == on_file
    assert len({stage for stage, _ in listed.values()}) >= 3  # the demo is varied enough
