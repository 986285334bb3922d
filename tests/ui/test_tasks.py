"""The task runner: work runs off the GUI thread, callbacks come back on it."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from spie_desktop.ui.gui_gc import GuiThreadCollector
from spie_desktop.ui.tasks import CancelToken, TaskCancelled, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(progress_interval_s=0)
    yield task_runner
    task_runner.shutdown()


def on_gui_thread() -> bool:
    app = QApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["work_on_gui"] = on_gui_thread()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["done_on_gui"] = value, on_gui_thread()

    runner.run(work, done, lambda exc: pytest.fail(repr(exc)))
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"work_on_gui": False, "value": 42, "done_on_gui": True}
    assert runner.idle


def test_exception_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    seen: dict[str, Any] = {}

    def work() -> None:
        raise ValueError("boom")

    def error(exc: BaseException) -> None:
        seen["exc"], seen["on_gui"] = exc, on_gui_thread()

    runner.run_db(work, lambda _: pytest.fail("should fail"), error)
    qtbot.waitUntil(lambda: "exc" in seen)
    assert isinstance(seen["exc"], ValueError) and str(seen["exc"]) == "boom"
    assert seen["on_gui"] is True


def test_database_lane_serializes_on_one_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    lock = threading.Lock()
    state = {"running": 0, "max": 0}
    threads: set[int] = set()
    order: list[int] = []

    def work(n: int) -> int:
        with lock:
            state["running"] += 1
            state["max"] = max(state["max"], state["running"])
        threads.add(threading.get_ident())
        time.sleep(0.02)
        with lock:
            state["running"] -= 1
        return n

    for n in range(6):
        runner.run_db(lambda n=n: work(n), order.append, lambda exc: pytest.fail(repr(exc)))
    qtbot.waitUntil(lambda: len(order) == 6, timeout=5000)
    assert state["max"] == 1
    assert len(threads) == 1
    assert order == list(range(6))


def test_pool_runs_work_in_parallel(qtbot: QtBot, runner: TaskRunner) -> None:
    barrier = threading.Barrier(2, timeout=5)
    results: list[str] = []
    for name in ("a", "b"):
        # each waits for the other: only completes if both run at the same time
        runner.run(
            lambda name=name: (barrier.wait(), name)[1],
            results.append,
            lambda e: pytest.fail(repr(e)),
        )
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    assert sorted(results) == ["a", "b"]


def test_generator_progress_and_result(qtbot: QtBot, runner: TaskRunner) -> None:
    progress: list[tuple[int, bool]] = []
    result: list[str] = []

    def work() -> Generator[int, None, str]:
        yield from range(3)
        return "fini"

    runner.run(
        work,
        result.append,
        lambda e: pytest.fail(repr(e)),
        lambda i: progress.append((i, on_gui_thread())),
    )
    qtbot.waitUntil(lambda: bool(result))
    assert result == ["fini"]
    assert progress == [(0, True), (1, True), (2, True)]


def test_work_reporting_through_a_callback_is_heard_newest_first_before_its_result(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    """Reports faster than the GUI takes them replace one another, never pile up; the last
    one always arrives, and before the result."""
    heard: list[tuple[str, Any, bool]] = []
    gate, reported = threading.Event(), threading.Event()

    def work(report: Callable[[Any], None]) -> str:
        report(0)
        gate.wait(5)
        for step in range(1, 1001):
            report(step)
        reported.set()
        return "done"

    runner.run_db_reporting(
        work,
        lambda value: heard.append(("done", value, on_gui_thread())),
        lambda exc: pytest.fail(repr(exc)),
        lambda item: heard.append(("progress", item, on_gui_thread())),
    )
    qtbot.waitUntil(lambda: bool(heard))
    gate.set()
    assert reported.wait(5)  # the GUI thread takes nothing meanwhile: 1 to 1000 coalesce
    qtbot.waitUntil(lambda: heard[-1][0] == "done")
    assert heard == [("progress", 0, True), ("progress", 1000, True), ("done", "done", True)]


def test_cancellation_stops_a_generator(qtbot: QtBot, runner: TaskRunner) -> None:
    token = CancelToken()
    started = threading.Event()
    steps: list[int] = []
    closed = threading.Event()
    outcome: list[str] = []

    def work() -> Generator[int, None, str]:
        try:
            for i in range(10_000):
                started.set()
                steps.append(i)
                time.sleep(0.005)
                yield i
            return "completed"
        finally:
            closed.set()

    runner.run(
        work,
        lambda value: outcome.append(value),
        lambda exc: outcome.append(repr(exc)),
        token=token,
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    assert started.wait(5)
    token.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]
    assert closed.is_set()  # the generator's finally block ran
    assert len(steps) < 10_000


def test_core_code_can_check_the_token_itself(qtbot: QtBot, runner: TaskRunner) -> None:
    token = CancelToken()
    token.cancel()
    outcome: list[str] = []

    def work() -> None:
        token.raise_if_cancelled()
        outcome.append("ran")

    runner.run_db(
        work,
        lambda _: outcome.append("done"),
        lambda e: outcome.append(repr(e)),
        token=token,
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]
    with pytest.raises(TaskCancelled):
        token.raise_if_cancelled()


def test_callbacks_skipped_when_owner_is_gone(qtbot: QtBot, runner: TaskRunner) -> None:
    owner = QObject()
    gate = threading.Event()
    called: list[str] = []
    runner.run(
        lambda: gate.wait(5),
        lambda _: called.append("done"),
        lambda e: called.append("err"),
        owner=owner,
    )
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner))
    gate.set()
    qtbot.waitUntil(lambda: runner.idle)
    assert called == []


def test_shutdown_refuses_new_work(qtbot: QtBot) -> None:
    task_runner = TaskRunner()
    task_runner.shutdown()
    with pytest.raises(RuntimeError):
        task_runner.run(lambda: None, lambda _: None, lambda _: None)


class _Holder:
    """Stands for a Qt model: records on which thread its last reference was dropped."""

    def __init__(self, record: list[bool]) -> None:
        self.record = record

    def __del__(self) -> None:
        self.record.append(threading.current_thread() is threading.main_thread())

    def work(self) -> int:
        time.sleep(0.02)
        return 1

    def done(self, _value: object) -> None:
        pass


def test_the_work_and_its_callbacks_are_let_go_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    record: list[bool] = []
    holder = _Holder(record)
    task = runner.run_db(holder.work, holder.done, holder.done)
    del holder
    qtbot.waitUntil(lambda: runner.idle)
    assert task.fn is None and task.on_done is None and task.on_error is None
    qtbot.waitUntil(lambda: bool(record), timeout=2_000)
    assert record == [True]


def test_the_collector_switches_automatic_collection_off_and_back() -> None:
    gc.enable()  # no worker thread runs here; the session's collector is restored below
    try:
        collector = GuiThreadCollector()
        collector.start()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        gc.disable()


def test_cycles_made_on_a_worker_thread_are_collected_on_the_gui_thread(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    collector = GuiThreadCollector(interval_ms=20)
    collector.start()
    collected_on_gui: list[bool] = []

    def watch(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["collected"]:
            collected_on_gui.append(threading.current_thread() is threading.main_thread())

    def make_cycles() -> None:
        for _ in range(300_000):
            cycle: list[object] = []
            cycle.append(cycle)

    gc.callbacks.append(watch)
    try:
        runner.run_db(make_cycles, lambda _: None, lambda _: None)
        qtbot.waitUntil(lambda: runner.idle, timeout=20_000)
        qtbot.waitUntil(lambda: bool(collected_on_gui), timeout=5_000)
    finally:
        gc.callbacks.remove(watch)
        collector.stop()
    # Either this collector or the session's one (same class, same rule) may have done the
    # collecting: which timer fires first is up to the scheduler. What matters is where it ran.
    assert all(collected_on_gui), "a collection ran on the worker thread"


def test_a_callback_bound_to_a_deleted_qt_object_is_not_called(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    class Listener(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.heard: list[object] = []

        def on_done(self, value: object) -> None:
            self.heard.append(value)

    listener = Listener()
    gate = threading.Event()
    runner.run(lambda: gate.wait(5), listener.on_done, lambda _: None)
    heard = listener.heard
    listener.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(listener))
    gate.set()
    qtbot.waitUntil(lambda: runner.idle)
    assert heard == []
