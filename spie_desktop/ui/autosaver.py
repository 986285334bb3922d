"""Save as you type, on the database lane: every edit is written at once, coalescing.

Each edit is handed to :meth:`Autosaver.queue` under a key (an answer's key, a plan's id)
and submitted to the serialized lane as a change of the window context at once (one short
transaction, ~1 ms with fsync). When a save for the same key still waits in the lane, the
newer value simply replaces the one it will write: typing fast coalesces, nothing waits on
a timer, so nothing typed can be lost to a debounce. A failed save is kept for
:meth:`Autosaver.retry_failed` (unless something newer replaced it) and is described like
every other failure (a lost store raises the window's banner). :meth:`Autosaver.flush`
blocks until everything submitted is on disk: pages call it when they are left.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.changes import Changes

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

log = logging.getLogger(__name__)

#: ``save(session, key, value)`` writes one value and returns what ``saved`` reports.
SaveFn = Callable[["Session", Any, Any], Any]


class Autosaver(QObject):
    saved = Signal(object, object)  # key, what the save returned
    failed = Signal(object, str)  # key, French message

    def __init__(
        self,
        context: WindowContext,
        save: SaveFn,
        changes: Changes,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._save = save
        self._changes = changes
        self._lock = threading.Lock()
        self._pending: dict[Hashable, Any] = {}
        self._failed: dict[Hashable, Any] = {}

    @property
    def has_unsaved(self) -> bool:
        with self._lock:
            return bool(self._pending or self._failed)

    def queue(self, key: Hashable, value: Any) -> None:
        """Save this value of ``key`` as soon as the lane gets to it."""
        with self._lock:
            self._failed.pop(key, None)
            already_queued = key in self._pending
            self._pending[key] = value
        if not already_queued:
            self._submit(key)

    def retry_failed(self) -> None:
        with self._lock:
            failed, self._failed = self._failed, {}
        for key, value in failed.items():
            self.queue(key, value)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Block until every save submitted so far has run; ``False`` on timeout."""
        return self.context.wait_for_lane(timeout_s)

    def _submit(self, key: Hashable) -> None:
        def work(session: Session) -> tuple[Hashable, Any]:
            with self._lock:
                value = self._pending.pop(key)
            try:
                return key, self._save(session, key, value)
            except BaseException:
                with self._lock:  # kept for a retry unless something newer replaced it
                    if key not in self._pending:
                        self._failed[key] = value
                raise

        started = self.context.change(
            work,
            self._changes,
            self._on_saved,
            lambda message, exc: self._on_failed(key, message, exc),
            owner=self,
        )
        if started is None:  # locked or closing: nothing was written
            with self._lock:
                if key in self._pending:
                    self._failed[key] = self._pending.pop(key)

    def _on_saved(self, result: tuple[Hashable, Any]) -> None:
        key, outcome = result
        self.saved.emit(key, outcome)

    def _on_failed(self, key: Hashable, message: str, exc: BaseException) -> None:
        log.warning("an autosave failed: %s", type(exc).__name__)
        self.failed.emit(key, message)
