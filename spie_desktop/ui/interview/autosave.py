"""Autosave of answers on the database lane: every change is written at once.

Each change is submitted to the serialized database lane the moment it happens (one short
transaction, ~1 ms with fsync). When a save for the same key is still waiting in the lane,
the newer value simply replaces the one it will write: typing fast coalesces, nothing waits
on a timer, so nothing typed can be lost to a debounce. :meth:`AnswerAutosave.flush` blocks
until everything submitted is on disk (called before closing or locking).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..i18n import tr
from ..tasks import TaskRunner

log = logging.getLogger(__name__)

SaveFn = Callable[[str, Any, uuid.UUID | None], datetime]


class AnswerAutosave(QObject):
    """Writes ``(key, value, author)`` through ``save`` on the database lane, coalescing."""

    saved = Signal(str, object)  # key, datetime (UTC) of the commit
    failed = Signal(str, str)  # key, French message

    def __init__(self, runner: TaskRunner, save: SaveFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._save = save
        self._lock = threading.Lock()
        self._pending: dict[str, tuple[Any, uuid.UUID | None]] = {}
        self._failed: dict[str, tuple[Any, uuid.UUID | None]] = {}

    @property
    def has_unsaved(self) -> bool:
        with self._lock:
            return bool(self._pending or self._failed)

    def queue(self, key: str, value: Any, author: uuid.UUID | None) -> None:
        """Save this value of ``key`` as soon as the lane gets to it."""
        with self._lock:
            self._failed.pop(key, None)
            already_queued = key in self._pending
            self._pending[key] = (value, author)
        if not already_queued:
            self._submit(key)

    def retry_failed(self) -> None:
        with self._lock:
            failed, self._failed = self._failed, {}
        for key, (value, author) in failed.items():
            self.queue(key, value, author)

    def run_after_saves(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run other database work in order with the answers (e.g. the current step)."""
        self._runner.run_db(fn, on_done, on_error, owner=self)

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Block until every save submitted so far has run; False on timeout or shutdown."""
        done = threading.Event()
        try:
            self._runner.run_db(done.set, lambda _r: None, lambda _e: None)
        except RuntimeError:  # the runner is shut down: nothing more can run
            return not self.has_unsaved
        return done.wait(timeout_s)

    def _submit(self, key: str) -> None:
        def work() -> tuple[str, datetime]:
            with self._lock:
                value, author = self._pending.pop(key)
            try:
                return key, self._save(key, value, author)
            except BaseException:
                with self._lock:  # keep it for a retry unless something newer replaced it
                    if key not in self._pending:
                        self._failed[key] = (value, author)
                raise

        try:
            self._runner.run_db(
                work, self._on_saved, lambda exc: self._on_failed(key, exc), owner=self
            )
        except RuntimeError as exc:
            with self._lock:
                self._failed[key] = self._pending.pop(key)
            self._on_failed(key, exc)

    def _on_saved(self, result: tuple[str, datetime]) -> None:
        key, at = result
        self.saved.emit(key, at)

    def _on_failed(self, key: str, exc: BaseException) -> None:
        message = getattr(exc, "message_fr", "") or tr(
            "L'enregistrement a échoué ({kind}).", kind=type(exc).__name__
        )
        log.warning("autosave of one answer failed: %s", type(exc).__name__)
        self.failed.emit(key, str(message))
