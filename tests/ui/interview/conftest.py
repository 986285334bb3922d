"""Fixtures for the interview workspace: a device with Nadia (social) and Julien (emploi),
a person who agreed to be accompanied, and a workspace opened on her interview."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.services import device
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.view_memory import forget_all
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import WindowContext

from ..conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE


@dataclass
class Room:
    """The interview room: the device, Nadia's unlocked session, Julien's account, Mme V."""

    data_dir: Path
    nadia_id: uuid.UUID
    julien_id: uuid.UUID
    person_id: uuid.UUID
    session: Session

    def unlock_again(self) -> Session:
        self.session = device.unlock(self.data_dir, self.nadia_id, NADIA_PASSPHRASE)
        return self.session


@dataclass(frozen=True)
class Template:
    data_dir: Path
    nadia_id: uuid.UUID
    julien_id: uuid.UUID
    person_id: uuid.UUID


@pytest.fixture(scope="session")
def room_template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    """Set up once (three Argon2id derivations), copied for each test."""
    data_dir = tmp_path_factory.mktemp("room") / "device"
    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        julien = device.add_counsellor(
            session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
        )
        people = PeopleService(session)
        person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
        people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    return Template(data_dir, setup.counsellor_id, julien.id, person.id)


@pytest.fixture
def room(room_template: Template, tmp_path: Path) -> Iterator[Room]:
    data_dir = tmp_path / "device"
    shutil.copytree(room_template.data_dir, data_dir)
    session = device.unlock(data_dir, room_template.nadia_id, NADIA_PASSPHRASE)
    forget_all()
    the_room = Room(
        data_dir, room_template.nadia_id, room_template.julien_id, room_template.person_id, session
    )
    yield the_room
    the_room.session.close()
    forget_all()


@pytest.fixture
def context(runner: TaskRunner, room: Room) -> WindowContext:
    """The window context over Nadia's session, as the main window gives its pages."""
    return WindowContext(room.session, runner)


@pytest.fixture
def open_ws(qtbot: QtBot, context: WindowContext, room: Room) -> Callable[[], InterviewWorkspace]:
    """Open (or reopen) the workspace on Mme V.'s interview and wait until it is built."""

    def opener() -> InterviewWorkspace:
        if context.session is not room.session:  # unlocked again, as the window would be
            context.lock()
            context.unlock(room.session)
        workspace = InterviewWorkspace(context, room.person_id)
        qtbot.addWidget(workspace)
        workspace.resize(1400, 900)
        workspace.show()
        qtbot.waitUntil(lambda: workspace.model.opened_interview is not None, timeout=5000)
        qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=2000)
        return workspace

    return opener


@pytest.fixture
def workspace(open_ws: Callable[[], InterviewWorkspace]) -> InterviewWorkspace:
    return open_ws()
