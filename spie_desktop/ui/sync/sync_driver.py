"""Drives one sync run on the sync lane, one step at a time.

The engine's generator mixes short database transactions with network requests that last
seconds on 2G. Its steps run on their own lane, never on the database lane: an answer typed
during a background sync is written at once, not after the request in flight. Each
``next()`` is its own job, so a cancel or a lock is seen between two steps; closing the store
waits for the step in flight (:meth:`TaskRunner.wait_for_sync_lane`).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.sync_desk import SyncOptions, SyncProgress, SyncReport, sync_and_record

from ..tasks import CancelToken

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from ..window_context import WindowContext


@dataclass(frozen=True)
class _Finished:
    report: SyncReport


class _Stopped:
    """The run was closed between two steps (cancelled, or the window locked)."""


class SyncDriver(QObject):
    progress = Signal(object)  # SyncProgress
    finished = Signal(object)  # SyncReport (ok or not: its error says why)
    stopped = Signal()  # cancelled before the engine could report
    failed = Signal(str)  # an unexpected failure, in French

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._token: CancelToken | None = None
        self._steps: Generator[SyncProgress, None, SyncReport] | None = None
        self._session: Session | None = None
        self.options: SyncOptions | None = None
        context.locked.connect(self.cancel)

    @property
    def running(self) -> bool:
        return self._steps is not None

    def start(self) -> bool:
        """Start a run; ``False`` if one is already running or the window is locked."""
        session = self.context.session
        if session is None or self.running:
            return False
        self._token = CancelToken()
        self._session = session
        self._steps = sync_and_record(session, self._token, self.options)
        return self._next_step()

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _next_step(self) -> bool:
        steps, token, session = self._steps, self._token, self._session
        assert steps is not None and token is not None
        context = self.context

        def step() -> Any:  # on the sync lane
            if token.cancelled or context.session is not session:
                steps.close()  # its finally blocks close the connection
                return _Stopped()
            try:
                return next(steps)
            except StopIteration as stop:
                return _Finished(stop.value)

        try:
            context.runner.run_sync_step(step, self._on_step, self._on_error, owner=self)
        except RuntimeError:  # the lanes are shut down: the application is closing
            self._end()
            return False
        return True

    def _on_step(self, result: Any) -> None:
        if isinstance(result, SyncProgress):
            self.progress.emit(result)
            self._next_step()
        elif isinstance(result, _Finished):
            self._end()
            self.finished.emit(result.report)
        else:
            self._end()
            self.stopped.emit()

    def _on_error(self, exc: BaseException) -> None:
        self._end()
        self.failed.emit(self.context.describe(exc))

    def _end(self) -> None:
        self._steps = self._token = self._session = None
