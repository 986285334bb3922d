"""The one door onto the database lane for the pages of the main window (after Anki's
``QueryOp`` / ``CollectionOp``).

Pages never hold the session or the task runner: they ask the context for

* a **query** (:meth:`WindowContext.query`): ``work(session)`` runs on the database lane and
  its result comes back to a callback on the GUI thread;
* a **change** (:meth:`WindowContext.change`): the same, for a write; once it has committed,
  the context announces *what* it changed (:mod:`spie_desktop.services.changes`) through
  :attr:`WindowContext.changed`, and every page showing one of those kinds reads again.
  Nothing polls.

Both are refused while the window is locked, and their late results (work queued before a
lock) are dropped. Errors reach the callbacks as French text made in one place,
:meth:`WindowContext.describe`: a lost or unreadable store file also raises the window's
banner through :attr:`WindowContext.store_failed`.

This module is the only one of the pages that submits to the lane
(``tests/architecture/test_one_lane_door.py`` checks it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import SpieError
from spie_desktop.services.changes import Change, Changes
from spie_desktop.services.status import STORE_LOST_FR, is_store_problem

from .i18n import tr, tr_said
from .tasks import CancelToken, Task, TaskRunner, bound_qobject

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

log = logging.getLogger(__name__)
T = TypeVar("T")
OnError = Callable[[str, BaseException], None]
UNEXPECTED_FR = "Une erreur inattendue s'est produite ({kind})."


class WindowContext(QObject):
    locked = Signal()
    unlocked = Signal()
    changed = Signal(object)  # Changes: what a committed change wrote
    store_failed = Signal(str)

    def __init__(
        self, session: Session | None, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.runner = runner
        self._generation = 0

    @property
    def session(self) -> Session | None:
        """The open session, or ``None`` while locked."""
        return self._session

    @property
    def is_locked(self) -> bool:
        return self._session is None

    # -- the door -----------------------------------------------------------------------------

    def query(
        self,
        work: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        on_progress: Callable[[Any], None] | None = None,
        token: CancelToken | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task | None:
        """Read: ``work(session)`` on the database lane, its result to ``on_done``.

        ``None`` (nothing run) while locked or once the lanes have shut down. A generator
        ``work`` reports progress to ``on_progress`` and stops at ``token``'s cancel."""
        return self._submit(work, None, on_done, on_error, owner, on_progress, token, on_cancelled)

    def change(
        self,
        work: Callable[[Session], T],
        changes: Changes,
        on_done: Callable[[T], None] | None = None,
        on_error: OnError | None = None,
        *,
        owner: QObject | None = None,
        on_progress: Callable[[Any], None] | None = None,
        token: CancelToken | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Task | None:
        """Write: like :meth:`query`; once ``work`` has committed, ``changes`` is announced
        to every page (before ``on_done`` runs)."""
        return self._submit(
            work, changes, on_done, on_error, owner, on_progress, token, on_cancelled
        )

    def announce(self, changes: Changes) -> None:
        """Tell the pages what was written outside a change (a sync run, on its own lane)."""
        if changes and not self.is_locked:
            self.changed.emit(changes)

    def describe(self, exc: BaseException) -> str:
        """French text for a failure; a store problem also raises the window's banner."""
        if is_store_problem(exc):
            log.warning("store problem: %s", type(exc).__name__)
            self.store_failed.emit(STORE_LOST_FR)
            return STORE_LOST_FR
        if isinstance(exc, SpieError):
            return tr_said(exc.said)
        return tr(UNEXPECTED_FR, kind=type(exc).__name__)

    def wait_for_lane(self, timeout_s: float = 5.0) -> bool:
        """Block until every job submitted so far has run (before leaving a page, locking or
        closing); ``False`` on timeout, or if the lanes are shut down with work unfinished."""
        done = threading.Event()
        try:
            self.runner.run_db(done.set, _ignore, _ignore)
        except RuntimeError:  # shut down (after running what was submitted)
            return self.runner.idle
        return done.wait(timeout_s)

    # -- lock ---------------------------------------------------------------------------------

    def lock(self) -> Session | None:
        """Forget the session (the caller closes it); returns it. Pages clear themselves."""
        session, self._session = self._session, None
        self._generation += 1
        if session is not None:
            self.locked.emit()
        return session

    def unlock(self, session: Session) -> None:
        self._session = session
        self._generation += 1
        self.unlocked.emit()

    # -- internals ----------------------------------------------------------------------------

    def _submit(
        self,
        work: Callable[[Session], T],
        changes: Changes | None,
        on_done: Callable[[T], None] | None,
        on_error: OnError | None,
        owner: QObject | None,
        on_progress: Callable[[Any], None] | None,
        token: CancelToken | None,
        on_cancelled: Callable[[], None] | None,
    ) -> Task | None:
        session = self._session
        if session is None:
            return None
        generation = self._generation

        def current() -> bool:
            return generation == self._generation

        def done(result: Any) -> None:
            if not current():
                return
            if changes:
                self.changed.emit(changes)
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if not current():
                return
            message = self.describe(exc)
            if on_error is not None:
                on_error(message, exc)

        def progress(item: Any) -> None:
            if current() and on_progress is not None:
                on_progress(item)

        def cancelled() -> None:
            if current() and on_cancelled is not None:
                on_cancelled()

        if owner is None and on_done is not None:
            owner = bound_qobject(on_done)
        try:
            return self.runner.run_db(
                lambda: work(session),
                done,
                failed,
                progress if on_progress is not None else None,
                token=token,
                on_cancelled=cancelled,
                owner=owner,
            )
        except RuntimeError:  # the lanes are shut down: the application is closing
            return None


class CoalescedQuery(QObject, Generic[T]):
    """A read a page repeats whenever something changed (counters, an overview): one in
    flight at a time; asked again meanwhile, it runs once more when the first one ends."""

    def __init__(
        self,
        context: WindowContext,
        work: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: OnError | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._running = False
        self._again = False
        context.locked.connect(self._forget)  # a result in flight is dropped by the lock

    @property
    def running(self) -> bool:
        """A read is in flight (or asked again and about to start)."""
        return self._running

    def run(self) -> bool:
        """Read now, or once more after the read in flight; ``False`` while locked."""
        if self._running:
            self._again = True
            return True
        self._running = (
            self.context.query(self._work, self._done, self._failed, owner=self) is not None
        )
        return self._running

    def _done(self, result: T) -> None:
        self._finished()
        self._on_done(result)

    def _failed(self, message: str, exc: BaseException) -> None:
        self._again = False  # not again after a failure: a lost store must not loop
        self._finished()
        if self._on_error is not None:
            self._on_error(message, exc)

    def _finished(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.run()

    def _forget(self) -> None:
        self._running = self._again = False


def touches(changes: Changes, *kinds: Change) -> bool:
    """The announced changes include one of these kinds."""
    return not changes.isdisjoint(kinds)


def _ignore(_value: object) -> None:
    return None
