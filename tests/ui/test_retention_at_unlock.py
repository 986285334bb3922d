"""The application applies the territory's retention rule at each unlock, on its database
lane: a file due and held entirely by the server is gone once the window is up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.services import device
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.repositories.base import OUTBOX
from spie_desktop.storage.session import Session
from spie_desktop.ui import people_model
from spie_desktop.ui.people_rows import PersonRow
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main, wait_idle


def test_a_due_file_is_forgotten_at_unlock(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    people = PeopleService(session)
    due = people.create_person("Marie", "Dupont", date(1988, 6, 3))
    kept = people.create_person("Ana", "Silva", date(1990, 1, 1))
    with session.uow() as uow:
        uow.events.add(
            FollowUpEvent(
                person_id=due.id,
                kind=FollowUpKind.END_OF_SUPPORT,
                occurred_at=datetime.now(UTC) - timedelta(days=900),
            )
        )
        uow.outbox.mark_sent(list(uow.session.execute(select(OUTBOX.c.op_id)).scalars()))
    session.close()

    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    wait_idle(qtbot, runner)
    section = people_of(main)
    qtbot.waitUntil(lambda: len(section.people.table.rows) == 1, timeout=5000)
    main.close()
    wait_idle(qtbot, runner)
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    try:
        with session.uow(read_only=True) as uow:
            assert uow.people.find(due.id) is None
            assert uow.people.find(kept.id) is not None
    finally:
        session.close()


def test_nothing_due_the_people_list_is_read_once_at_unlock(
    qtbot: QtBot,
    runner: TaskRunner,
    ready_device: tuple[Path, SetupResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A retention run that forgets nothing announces nothing: the list of people (10,000 on
    a busy laptop) is not read a second time, nor held twice while it is replaced."""
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    PeopleService(session).create_person("Ana", "Silva", date(1990, 1, 1))
    session.close()
    reads: list[int] = []
    real_load_rows = people_model.load_rows

    def counted(session: Session) -> list[PersonRow]:
        reads.append(1)
        return real_load_rows(session)

    monkeypatch.setattr(people_model, "load_rows", counted)
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    qtbot.waitUntil(lambda: len(section.people.table.rows) == 1, timeout=5000)
    wait_idle(qtbot, runner)
    assert len(reads) == 1
    main.close()
    wait_idle(qtbot, runner)
