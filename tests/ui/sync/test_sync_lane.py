"""A background sync over a bad link never holds up the interview's writes.

The sync runs its steps on its own lane: while one of its requests is stuck in the link
(held by the proxy, as on a 2G link that crawls), an answer typed in the interview is
written at once; closing the store waits for the step in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.ui.tasks import TaskRunner
from tests.server.helpers import RunningServer
from tests.sync.conftest import Laptop
from tests.sync.fault_proxy import FaultProxy

from .conftest import WAIT_MS


@pytest.fixture
def link(sync_server: RunningServer) -> Iterator[FaultProxy]:
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    proxy = FaultProxy(port)
    yield proxy
    proxy.close()


def test_an_answer_is_written_while_a_sync_request_is_stuck_in_the_link(
    qtbot: QtBot, runner: TaskRunner, make_laptop, open_window, link: FaultProxy
) -> None:
    laptop: Laptop = make_laptop("a", url=link.url)
    for i in range(3):
        laptop.add_person(f"Prénom{i}", "Durand")
    _window, section = open_window(laptop)
    model = section.model

    options = model.driver.options
    assert options is not None
    options.stall_timeout_s = 60  # the client keeps waiting for the held request
    link.hold()
    assert model.driver.start()
    qtbot.waitUntil(lambda: link.held == 1, timeout=WAIT_MS)  # the sync waits on the network
    written: list[object] = []
    add_person = laptop.add_person  # a write like an autosave, on the database lane
    runner.run_db(
        lambda: add_person("Pendant", "Synchro"),
        written.append,
        lambda exc: pytest.fail(f"the write failed: {exc!r}"),
    )
    try:
        qtbot.waitUntil(lambda: bool(written), timeout=5_000)
        assert link.held == 1 and model.driver.running  # still stuck: the write did not wait
    finally:
        link.release()
    qtbot.waitUntil(lambda: not model.syncing, timeout=WAIT_MS)
    assert model.sync_error == ""


def test_closing_the_store_waits_for_the_sync_step_in_flight(qtbot: QtBot) -> None:
    runner = TaskRunner()
    try:
        gate = threading.Event()
        order: list[str] = []

        def step() -> None:
            gate.wait(5)
            order.append("step")

        def close() -> None:
            runner.wait_for_sync_lane()
            order.append("close")

        runner.run_sync_step(step, lambda _: None, lambda _: None)
        runner.run_db(close, lambda _: None, lambda _: None)
        qtbot.wait(100)
        assert order == []  # the close waits for the step, which waits for the network
        gate.set()
        qtbot.waitUntil(lambda: runner.idle, timeout=WAIT_MS)
        assert order == ["step", "close"]
    finally:
        runner.shutdown()
