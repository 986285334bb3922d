"""What the pages of the main window share: the session (or none while locked) and the lane.

Pages never hold the session themselves: they ask the context to run database work, which it
refuses while the window is locked, and whose late results (work queued before a lock) it
drops. Errors come back as French text; a lost or unreadable store file also raises the
window's banner through :attr:`store_failed`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import SpieError
from spie_desktop.services.status import STORE_LOST_FR, is_store_problem

from .i18n import tr
from .tasks import TaskRunner, bound_qobject

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

log = logging.getLogger(__name__)
T = TypeVar("T")


class WindowContext(QObject):
    locked = Signal()
    unlocked = Signal()
    data_changed = Signal()  # something was written: lists and counters re-read
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

    def run_db(
        self,
        work: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[str, BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> bool:
        """Run ``work(session)`` on the database lane; ``False`` (nothing run) while locked
        or once the lanes have shut down."""
        session = self._session
        if session is None:
            return False
        generation = self._generation

        def done(result: Any) -> None:
            if generation == self._generation:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            message = self.describe(exc)
            if on_error is not None:
                on_error(message, exc)

        if owner is None:
            owner = bound_qobject(on_done)
        try:
            self.runner.run_db(lambda: work(session), done, failed, owner=owner)
        except RuntimeError:  # the lanes are shut down: the application is closing
            return False
        return True

    def describe(self, exc: BaseException) -> str:
        """French text for a failure; a store problem also raises the window's banner."""
        if is_store_problem(exc):
            log.warning("store problem: %s", type(exc).__name__)
            self.store_failed.emit(STORE_LOST_FR)
            return STORE_LOST_FR
        if isinstance(exc, SpieError):
            return exc.message_fr
        return tr("Une erreur inattendue s'est produite ({kind}).", kind=type(exc).__name__)

    def notify_written(self) -> None:
        self.data_changed.emit()

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
