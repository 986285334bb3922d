"""Autosave of a plan draft on the database lane: each edit is written at once.

Every edit hands a snapshot of the whole draft (a deep copy taken on the GUI thread, so the
lane never reads an object the GUI is changing) to :meth:`DraftAutosave.queue`. A snapshot
still waiting in the lane is replaced by the newer one: typing fast coalesces and nothing
waits on a timer. The store checks the plan's version on each save (optimistic locking), so
the saver carries the version the store gave the last save over to the next snapshot.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.plan import ActionPlan
from spie_desktop.domain.records import utc_now

from ..i18n import tr
from ..tasks import TaskRunner

log = logging.getLogger(__name__)

SaveFn = Callable[[ActionPlan], ActionPlan]


class DraftAutosave(QObject):
    saved = Signal(object)  # datetime (UTC) of the commit
    failed = Signal(str)  # French message

    def __init__(self, runner: TaskRunner, save: SaveFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._save = save
        self._lock = threading.Lock()
        self._pending: ActionPlan | None = None
        self._version = 0
        self._plan_id: object = None
        self.unsaved = False  # the last save failed: the draft on screen is not all stored

    def track(self, plan: ActionPlan) -> None:
        """Start saving this plan (as just read from the store, at its stored version)."""
        with self._lock:
            self._pending = None
            self._version = plan.version
            self._plan_id = plan.id

    def queue(self, plan: ActionPlan) -> None:
        snapshot = copy.deepcopy(plan)
        with self._lock:
            already_queued = self._pending is not None
            self._pending = snapshot
        if not already_queued:
            self._submit()

    def flush(self, timeout_s: float = 5.0) -> bool:
        """Block until every save submitted so far has run; False on timeout or shutdown."""
        done = threading.Event()
        try:
            self._runner.run_db(done.set, lambda _r: None, lambda _e: None)
        except RuntimeError:
            return self._pending is None
        return done.wait(timeout_s)

    def _submit(self) -> None:
        def work() -> datetime:
            with self._lock:
                snapshot, self._pending = self._pending, None
                if snapshot is None:
                    return utc_now()
                snapshot.version = self._version
            stored = self._save(snapshot)
            with self._lock:
                if stored.id == self._plan_id:  # not a plan replaced while it was saving
                    self._version = stored.version
            return utc_now()

        try:
            self._runner.run_db(work, self._on_saved, self._on_failed, owner=self)
        except RuntimeError as exc:  # the lanes are shut down: the application is closing
            self._on_failed(exc)

    def _on_saved(self, at: datetime) -> None:
        self.unsaved = False
        self.saved.emit(at)

    def _on_failed(self, exc: BaseException) -> None:
        self.unsaved = True
        message = getattr(exc, "message_fr", "") or tr(
            "L'enregistrement du plan a échoué ({kind}).", kind=type(exc).__name__
        )
        log.warning("autosave of a plan draft failed: %s", type(exc).__name__)
        self.failed.emit(str(message))
