"""The one door onto the database lane: a change announces what it wrote, the pages showing
it read again (no timer), and a lost store raises the window's banner wherever it is met —
an answer's autosave included."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.config import store_path
from spie_desktop.domain.people import ConsentScope, Person
from spie_desktop.services import device
from spie_desktop.services.changes import Change, Changes, changes
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.services.status import STORE_LOST_FR
from spie_desktop.services.sync_status import Badge
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.people_model import PeopleList
from spie_desktop.ui.status_model import StatusModel
from spie_desktop.ui.sync.badges import SyncBadges
from spie_desktop.ui.sync.sync_model import SyncModel
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.window_context import CoalescedQuery, WindowContext

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main, wait_idle


@pytest.fixture
def context(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> Iterator[WindowContext]:
    data_dir, setup = ready_device
    session = device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE)
    yield WindowContext(session, runner)
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    session.close()


def test_a_change_announces_what_it_wrote_and_the_people_list_follows(
    qtbot: QtBot, context: WindowContext
) -> None:
    people = PeopleList(context)
    with qtbot.waitSignal(people.loaded, timeout=5000):
        people.load()
    assert people.table.rowCount() == 0
    announced: list[Changes] = []
    context.changed.connect(announced.append)

    def add(session: object) -> Person:
        return PeopleService(session).create_person("Paul", "Martin", date(1990, 1, 1))  # type: ignore[arg-type]

    added: list[Person] = []
    with qtbot.waitSignal(people.loaded, timeout=5000):  # read again, because of the change
        assert context.change(add, changes(Change.PEOPLE), added.append) is not None
    assert announced == [frozenset({Change.PEOPLE})] and len(added) == 1
    assert people.table.rowCount() == 1
    assert people.table.row_at(0).id == added[0].id

    # What the list does not show (answers typed in an interview) does not re-read it.
    context.announce(changes(Change.INTERVIEW))
    assert not people.loading


def test_the_status_bar_counts_a_change_without_a_timer(
    qtbot: QtBot, context: WindowContext
) -> None:
    model = StatusModel(context)
    qtbot.waitUntil(lambda: model.pending is not None, timeout=5000)
    before = model.pending or 0

    def add(session: object) -> Person:
        return PeopleService(session).create_person("Léa", "Roux", None)  # type: ignore[arg-type]

    context.change(add, changes(Change.PEOPLE))
    qtbot.waitUntil(lambda: (model.pending or 0) > before, timeout=5000)


def test_answers_typed_cost_no_badge_or_sync_overview_read_until_shown(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext
) -> None:
    badges = SyncBadges(context)
    someone = uuid.uuid4()
    badges.known[someone] = Badge.LOCAL
    sync = SyncModel(context)
    qtbot.waitUntil(lambda: sync.overview is not None, timeout=5000)
    wait_idle(qtbot, runner)
    assert sync.overview is not None
    before = sync.overview.pending_changes

    def add(s: object) -> Person:
        return PeopleService(s).create_person("Paul", "Martin", None)  # type: ignore[arg-type]

    # Announced as answers typed (what the interview's saver announces): kept as it was.
    context.change(add, changes(Change.INTERVIEW))
    wait_idle(qtbot, runner)
    assert badges.known == {someone: Badge.LOCAL}
    assert sync.overview.pending_changes == before
    sync.refresh_if_stale()  # the section is shown: read then
    qtbot.waitUntil(lambda: sync.overview is not None and sync.overview.pending_changes > before)
    context.announce(changes(Change.PEOPLE))
    assert badges.known == {}


def test_a_change_committed_after_a_lock_is_not_announced(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext
) -> None:
    announced: list[Changes] = []
    done: list[object] = []
    context.changed.connect(announced.append)
    session = context.session

    def add(s: object) -> Person:
        return PeopleService(s).create_person("Paul", "Martin", None)  # type: ignore[arg-type]

    assert context.change(add, changes(Change.PEOPLE), done.append) is not None
    context.lock()  # the pages have cleared themselves: nothing may land on them
    wait_idle(qtbot, runner)
    assert announced == [] and done == []
    assert context.change(add, changes(Change.PEOPLE), done.append) is None  # refused
    assert session is not None
    context.unlock(session)


def test_a_read_asked_again_while_in_flight_runs_once_more_not_once_per_ask(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext
) -> None:
    reads: list[int] = []
    shown: list[int] = []

    def count(_session: object) -> int:
        reads.append(1)
        return len(reads)

    query = CoalescedQuery(context, count, shown.append)
    for _ in range(5):
        assert query.run()
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert reads == [1, 1] and shown == [1, 2]


def test_a_store_lost_during_an_answer_autosave_raises_the_window_banner(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, setup = ready_device
    with device.unlock(data_dir, setup.counsellor_id, NADIA_PASSPHRASE) as session:
        people = PeopleService(session)
        person = people.create_person("Josiane", "Vernhes", date(1979, 3, 14), "Rodez")
        people.record_consent(person.id, {ConsentScope.RECORD})
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.show()
    main.open_interview(person.id)
    workspace = people_of(main).currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=10_000)
    wait_idle(qtbot, runner)
    main.banner.clear_message()
    store = store_path(data_dir)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{store}{suffix}").exists():
            os.unlink(f"{store}{suffix}")

    workspace.model.set_answer("accueil.lieu", "Rodez")
    qtbot.waitUntil(lambda: workspace.model.save_error != "", timeout=10_000)
    assert workspace.model.save_error == STORE_LOST_FR
    assert main.banner.isVisible() and main.banner.text() == STORE_LOST_FR
    assert STORE_LOST_FR in workspace.strip.indicator.text()
    wait_idle(qtbot, runner)
    main.lock_requested.emit()  # locking still works
    assert main.is_locked
    wait_idle(qtbot, runner)


def test_the_sync_page_and_the_status_bar_count_the_same_changes(
    qtbot: QtBot, runner: TaskRunner, context: WindowContext
) -> None:
    """Seen in an interview: the Synchronisation page said 48 changes waiting while the status
    bar said 216. Both read one count, and both follow what is written."""
    status, sync = StatusModel(context), SyncModel(context)
    qtbot.waitUntil(lambda: status.pending is not None and sync.overview is not None)
    wait_idle(qtbot, runner)
    before = status.pending or 0

    def add(s: object) -> Person:
        return PeopleService(s).create_person("Paul", "Martin", None)  # type: ignore[arg-type]

    for kinds in (changes(Change.INTERVIEW), changes(Change.PEOPLE), changes(Change.INTERVIEW)):
        context.change(add, kinds)
    wait_idle(qtbot, runner)
    sync.refresh_if_stale()  # the page is shown
    qtbot.waitUntil(
        lambda: (
            (status.pending or 0) > before
            and sync.overview is not None
            and sync.overview.pending_changes == status.pending
        ),
        timeout=5000,
    )
