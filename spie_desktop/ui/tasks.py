"""Run work off the GUI thread and hear back on it (after Anki's ``taskman``).

Three lanes:

* the **database lane** — one long-lived thread, so the application's database work is
  serialized (an answer's autosave, then the step it moved to, in that order);
* the **sync lane** — one thread for a sync run's steps, which mix short transactions with
  network requests that can last seconds on 2G: on their own lane they never hold up an
  autosave (the store's connections come from a pool; WAL lets both lanes work, a writer
  waits for the other's short transaction). :meth:`TaskRunner.wait_for_sync_lane` lets
  database-lane work (closing the store) wait for the step in flight;
* the **pool** — a few threads for the rest (key derivation for a check, PDF rendering…).

The work itself is core code: a plain function, or a generator that yields progress items
(any plain data the core defines) and returns its result. Callbacks are always called on
the GUI thread, through a queued signal. A :class:`CancelToken` stops a generator between two
yields (the generator is closed, so its ``finally`` blocks run); core code may also check
``token.cancelled`` or call ``token.raise_if_cancelled()`` itself. Core code that reports
through a callback deep down a call (the store's upgrade at unlock) runs through
:meth:`TaskRunner.run_db_reporting` instead: it is handed a ``report`` function.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import CancelledError, ThreadPoolExecutor
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from spie_desktop.domain.errors import SpieError

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[Any], None]


class TaskCancelled(Exception):
    """Raised inside work that noticed its token was cancelled."""


class CancelToken:
    """Shared between the GUI (which cancels) and the work (which checks)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise TaskCancelled()


class Task:
    """Handle on submitted work: cancel it, or ask whether it has finished.

    It also carries the work and its callbacks, and lets go of them on the GUI thread once the
    final callback has run: those callables are often bound to Qt objects (a model, a window),
    and the last reference to a Qt object's wrapper must never be dropped on a worker thread,
    which would destroy the Qt object there.
    """

    def __init__(
        self,
        token: CancelToken,
        owner: QObject | None,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        on_progress: ProgressCallback | None,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        self.token = token
        self.owner = owner
        self.finished = False
        self.fn: Callable[[], Any] | None = fn
        self.on_done: DoneCallback | None = on_done
        self.on_error: ErrorCallback | None = on_error
        self.on_progress = on_progress
        self.on_cancelled = on_cancelled

    def cancel(self) -> None:
        self.token.cancel()

    def release(self) -> None:
        """Drop the work and its callbacks (GUI thread, after the final callback)."""
        self.fn = self.on_done = self.on_error = self.on_progress = self.on_cancelled = None
        self.owner = None


class _Relay(QObject):
    """Lives on the GUI thread; worker threads post callbacks, the GUI thread runs them.

    The callbacks travel through a plain thread-safe deque, never as signal arguments: only a
    parameterless queued signal crosses threads, so Qt never copies, holds or frees a Python
    object on a worker thread. (Objects dying on the wrong thread crashed the UI tests at
    random; the main cause was the cycle collector, see :mod:`.gui_gc`.)
    """

    _wake = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: deque[Callable[[], None]] = deque()
        self._wake.connect(self._run_one, Qt.ConnectionType.QueuedConnection)

    def post(self, callback: Callable[[], None]) -> None:
        """Called on any thread: one wake-up per callback, so they run one event each, in order."""
        self._pending.append(callback)  # deque.append is atomic
        self._wake.emit()

    @Slot()
    def _run_one(self) -> None:
        try:
            callback = self._pending.popleft()
        except IndexError:  # defensive: one wake-up is posted per callback
            return
        callback()


class TaskRunner(QObject):
    """A serialized lane for database work, one for sync steps, and a small pool."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        pool_size: int = 2,
        progress_interval_s: float = 0.05,
    ) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spie-db")
        self._sync = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spie-sync")
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="spie-work")
        self._progress_interval_s = progress_interval_s
        self._active: set[Task] = set()
        self._closed = False

    # -- submitting ---------------------------------------------------------------------------

    def run_db(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        on_progress: ProgressCallback | None = None,
        *,
        token: CancelToken | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run ``fn`` on the database lane (one at a time, always the same thread)."""
        return self._submit(
            self._db, fn, on_done, on_error, on_progress, token, on_cancelled, owner
        )

    def run_db_reporting(
        self,
        work: Callable[[ProgressCallback], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        on_progress: ProgressCallback,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """Run ``work(report)`` on the database lane. ``report(item)``, called by the work on
        its thread, brings ``item`` to ``on_progress`` on the GUI thread, always before the
        final callback. Items reported faster than the GUI takes them replace one another:
        the GUI is never behind by more than one, and always sees the newest."""
        latest = _LatestProgress(self)
        task = self._submit(
            self._db,
            partial(work, latest.report),
            on_done,
            on_error,
            on_progress,
            None,
            None,
            owner,
        )
        latest.task = task  # read on the GUI thread only, which is this one
        return task

    def run_sync_step(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        *,
        owner: QObject | None = None,
    ) -> Task:
        """Run one step of a sync run on the sync lane (one at a time, beside the database
        lane)."""
        return self._submit(self._sync, fn, on_done, on_error, None, None, None, owner)

    def wait_for_sync_lane(self) -> None:
        """Called from lane work: return once the sync step in flight (if any) has ended."""
        try:
            self._sync.submit(lambda: None).result()
        except (RuntimeError, CancelledError):  # shut down (after waiting for the step)
            return

    def run(
        self,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        on_progress: ProgressCallback | None = None,
        *,
        token: CancelToken | None = None,
        on_cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> Task:
        """Run ``fn`` on the pool (work that does not touch the database)."""
        return self._submit(
            self._pool, fn, on_done, on_error, on_progress, token, on_cancelled, owner
        )

    @property
    def idle(self) -> bool:
        """No submitted work is waiting for its final callback."""
        return not self._active

    def shutdown(self, wait: bool = True) -> None:
        """Cancel what is pending, then (by default) wait for running work to end."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._active):
            task.cancel()
        self._sync.shutdown(wait=wait, cancel_futures=True)
        self._db.shutdown(wait=wait, cancel_futures=True)
        self._pool.shutdown(wait=wait, cancel_futures=True)

    # -- internals ----------------------------------------------------------------------------

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        fn: Callable[[], Any],
        on_done: DoneCallback,
        on_error: ErrorCallback,
        on_progress: ProgressCallback | None,
        token: CancelToken | None,
        on_cancelled: Callable[[], None] | None,
        owner: QObject | None,
    ) -> Task:
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        if owner is None:
            owner = bound_qobject(on_done)
        task = Task(token or CancelToken(), owner, fn, on_done, on_error, on_progress, on_cancelled)
        self._active.add(task)
        executor.submit(self._work, task)
        return task

    def _work(self, task: Task) -> None:
        """On a worker thread. Reaches the callables through ``task`` only, holding none."""
        try:
            task.token.raise_if_cancelled()
            assert task.fn is not None  # released only after the final callback
            result = task.fn()
            if inspect.isgenerator(result):
                result = self._drain(result, task)
        except TaskCancelled:
            self._post(partial(self._finish, task, "cancelled", None))
        except BaseException as exc:  # delivered to the GUI, which shows it in place
            _log_failure(exc)
            self._post(partial(self._finish, task, "error", exc))
        else:
            self._post(partial(self._finish, task, "done", result))

    def _finish(self, task: Task, outcome: str, value: Any) -> None:
        """On the GUI thread: the one final callback, then the task lets go of its callables."""
        task.finished = True
        self._active.discard(task)
        try:
            if _owner_alive(task):
                if outcome == "done" and task.on_done is not None:
                    task.on_done(value)
                elif outcome == "error" and task.on_error is not None:
                    task.on_error(value)
                elif outcome == "cancelled" and task.on_cancelled is not None:
                    task.on_cancelled()
        finally:
            task.release()

    def _progress(self, task: Task, item: Any) -> None:
        """On the GUI thread."""
        if task.on_progress is not None and not task.finished and _owner_alive(task):
            task.on_progress(item)

    def _drain(self, gen: Generator[Any, None, Any], task: Task) -> Any:
        last_post = 0.0
        try:
            while True:
                if task.token.cancelled:
                    raise TaskCancelled()
                try:
                    item = next(gen)
                except StopIteration as stop:
                    return stop.value
                now = time.monotonic()
                if task.on_progress is not None and now - last_post >= self._progress_interval_s:
                    last_post = now
                    self._post(partial(self._progress, task, item))
        finally:
            gen.close()

    def _post(self, callback: Callable[[], None]) -> None:
        if shiboken6.isValid(self._relay):
            self._relay.post(callback)


class _LatestProgress:
    """The newest item a worker reported, on its way to the GUI thread (one post at a time)."""

    def __init__(self, runner: TaskRunner) -> None:
        self._runner = runner
        self._lock = threading.Lock()
        self._item: Any = None
        self._waiting = False
        self.task: Task | None = None

    def report(self, item: Any) -> None:
        """On the worker thread."""
        with self._lock:
            self._item, posted = item, self._waiting
            self._waiting = True
        if not posted:
            self._runner._post(self._deliver)

    def _deliver(self) -> None:
        """On the GUI thread."""
        with self._lock:
            item, self._item, self._waiting = self._item, None, False
        if self.task is not None:
            self._runner._progress(self.task, item)


def _log_failure(exc: BaseException) -> None:
    """Type and stack only: exception messages may quote personal data (SQL parameters)."""
    if isinstance(exc, SpieError):
        log.info("task refused: %s", exc.message_en)
    else:
        stack = "".join(traceback.format_tb(exc.__traceback__))
        log.warning("task failed: %s\n%s", type(exc).__name__, stack)


def bound_qobject(callback: Callable[..., Any]) -> QObject | None:
    """The Qt object a bound-method callback belongs to: once it is deleted, no callback runs."""
    target = getattr(callback, "__self__", None)
    return target if isinstance(target, QObject) else None


def _owner_alive(task: Task) -> bool:
    return task.owner is None or shiboken6.isValid(task.owner)
