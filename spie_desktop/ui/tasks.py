"""Run work off the GUI thread and hear back on it (after Anki's ``taskman``).

Two lanes:

* the **database lane** — one long-lived thread, so database work is serialized and an
  engine opened there (SQLite connections are tied to their thread) is always used there;
* the **pool** — a few threads for the rest (key derivation for a check, PDF rendering…).

The work itself is core code: a plain function, or a generator that yields progress items
(any plain data the core defines) and returns its result. Callbacks are always called on
the GUI thread, through a queued signal. A :class:`CancelToken` stops a generator between two
yields (the generator is closed, so its ``finally`` blocks run); core code may also check
``token.cancelled`` or call ``token.raise_if_cancelled()`` itself.
"""

from __future__ import annotations

import inspect
import logging
import threading
import time
import traceback
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

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
    """Handle on submitted work: cancel it, or ask whether it has finished."""

    def __init__(self, token: CancelToken, owner: QObject | None) -> None:
        self.token = token
        self.owner = owner
        self.finished = False

    def cancel(self) -> None:
        self.token.cancel()


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit, the slot runs the callback there."""

    deliver = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.deliver.connect(self._run)

    @Slot(object)
    def _run(self, callback: Callable[[], None]) -> None:
        callback()


class TaskRunner(QObject):
    """One serialized lane for database work and a small pool for the rest."""

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
        task = Task(token or CancelToken(), owner)
        self._active.add(task)

        def finish(callback: Callable[[], None]) -> Callable[[], None]:
            def deliver() -> None:
                task.finished = True
                self._active.discard(task)
                if _owner_alive(task):
                    callback()

            return deliver

        def progress(item: Any) -> None:
            if on_progress is not None:
                self._post(
                    lambda: on_progress(item) if _owner_alive(task) and not task.finished else None
                )

        def work() -> None:
            try:
                task.token.raise_if_cancelled()
                result = fn()
                if inspect.isgenerator(result):
                    result = self._drain(result, task.token, progress)
            except TaskCancelled:
                self._post(finish(on_cancelled or (lambda: None)))
            except BaseException as exc:  # delivered to the GUI, which shows it in place
                _log_failure(exc)
                error = exc  # ``exc`` is unbound when the except block ends
                self._post(finish(lambda: on_error(error)))
            else:
                self._post(finish(lambda: on_done(result)))

        executor.submit(work)
        return task

    def _drain(
        self, gen: Generator[Any, None, Any], token: CancelToken, progress: Callable[[Any], None]
    ) -> Any:
        last_post = 0.0
        try:
            while True:
                if token.cancelled:
                    raise TaskCancelled()
                try:
                    item = next(gen)
                except StopIteration as stop:
                    return stop.value
                now = time.monotonic()
                if now - last_post >= self._progress_interval_s:
                    last_post = now
                    progress(item)
        finally:
            gen.close()

    def _post(self, callback: Callable[[], None]) -> None:
        if shiboken6.isValid(self._relay):
            self._relay.deliver.emit(callback)


def _log_failure(exc: BaseException) -> None:
    """Type and stack only: exception messages may quote personal data (SQL parameters)."""
    if isinstance(exc, SpieError):
        log.info("task refused: %s", exc.message_en)
    else:
        stack = "".join(traceback.format_tb(exc.__traceback__))
        log.warning("task failed: %s\n%s", type(exc).__name__, stack)


def _owner_alive(task: Task) -> bool:
    return task.owner is None or shiboken6.isValid(task.owner)
