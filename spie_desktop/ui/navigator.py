"""Which window is on screen: set-up, unlock, main window, or the problem screen.

The navigator owns the open :class:`Session` (at most one) and closes it — on the database
lane, where it was opened — when the person locks, when inactivity locks, and at exit. Once
the main window is shown it stays: locking covers it with its lock screen, and the session
that lock screen opens is adopted here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.territory import territory_by_code

from .i18n import tr, tr_said
from .inactivity import InactivityWatch
from .tasks import TaskRunner

if TYPE_CHECKING:
    from spie_desktop.services.device import DeviceState, Session

log = logging.getLogger(__name__)


class Navigator(QObject):
    window_changed = Signal(object)  # the top-level widget now shown

    def __init__(self, data_dir: Path, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.window: QWidget | None = None
        self.session: Session | None = None
        self._inactivity: InactivityWatch | None = None

    # -- the first window ---------------------------------------------------------------------

    def start(self) -> QWidget:
        from spie_desktop.services.device import DeviceStatus, device_state

        try:
            state = device_state(self.data_dir)
        except Exception as exc:  # never a crash at start: explain and show the folder
            log.warning("device state unreadable: %s", type(exc).__name__)
            said = tr_said(exc.said) if isinstance(exc, SpieError) else ""
            return self.show_problem(
                said
                or tr("Le dossier des données est illisible ({kind}).", kind=type(exc).__name__)
            )
        if state.status is DeviceStatus.NEW:
            return self.show_setup()
        if state.status is DeviceStatus.BROKEN:
            return self.show_problem(tr_said(state.problem) if state.problem else state.problem_fr)
        return self.show_unlock(state)

    def show_setup(self) -> QWidget:
        from .setup_model import SetupModel
        from .setup_window import SetupWindow

        model = SetupModel(self.data_dir, self.runner)
        window = SetupWindow(model)
        model.setParent(window)
        model.created.connect(lambda: self._adopt(model.outcome.session if model.outcome else None))
        window.finished_setup.connect(self.open_main)
        return self._show(window)

    def show_unlock(self, state: DeviceState | None = None) -> QWidget:
        from spie_desktop.config import load_config

        from .unlock_model import UnlockModel
        from .unlock_window import UnlockWindow

        model = UnlockModel(self.data_dir, self.runner)
        if state is None:
            state = model.refresh()
        else:
            model.set_accounts(state.accounts)
        window = UnlockWindow(model, self._subtitle(load_config(self.data_dir)))
        model.setParent(window)
        window.unlocked.connect(self.open_main)
        return self._show(window)

    def show_problem(self, problem_fr: str) -> QWidget:
        from .problem_window import ProblemWindow

        return self._show(ProblemWindow(problem_fr, self.data_dir))

    # -- unlocked -----------------------------------------------------------------------------

    def open_main(self, session: Session) -> QWidget:
        from .main_window import MainWindow

        self._adopt(session)
        window = MainWindow(session, self.runner)
        window.lock_requested.connect(self.lock)
        window.quit_requested.connect(self.quit)
        window.unlocked.connect(self._on_unlocked_again)
        # The watch locks this window: it ends with it, so a timer left running can never
        # lock a window that is gone (and close the store behind another one's back).
        window.destroyed.connect(self._stop_inactivity)
        self._start_inactivity(session)
        return self._show(window)

    def lock(self) -> None:
        """Cover the main window with its lock screen and close the store (on the DB lane)."""
        from .main_window import MainWindow

        self._stop_inactivity()
        if isinstance(self.window, MainWindow):
            self.window.show_locked()
        else:
            self.show_unlock()
        self._close_session()

    def _on_unlocked_again(self, session: Session) -> None:
        self._adopt(session)
        self._start_inactivity(session)

    def _start_inactivity(self, session: Session) -> None:
        self._stop_inactivity()
        minutes = getattr(session.config, "lock_timeout_minutes", 0)
        app = QApplication.instance()
        if minutes and minutes > 0 and app is not None:
            self._inactivity = InactivityWatch(minutes, self)
            self._inactivity.timed_out.connect(self.lock)
            self._inactivity.start(app)

    def quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def shutdown(self) -> None:
        """At exit: lock the store (on the database lane), then stop the lanes."""
        self._stop_inactivity()
        self._close_session()
        self.runner.shutdown(wait=True)

    # -- internals ----------------------------------------------------------------------------

    def _adopt(self, session: Session | None) -> None:
        if session is not None and session is not self.session:
            self._close_session()
            self.session = session

    def _close_session(self) -> None:
        session, self.session = self.session, None
        if session is None or not session.is_open:
            return
        runner = self.runner

        def close() -> None:  # after the sync step in flight, which may still use the store
            runner.wait_for_sync_lane()
            session.close()

        try:
            runner.run_db(close, lambda _: None, self._log_close_error)
        except RuntimeError:  # the runner is already shut down: close here
            session.close()

    @staticmethod
    def _log_close_error(exc: BaseException) -> None:
        log.warning("closing the store failed: %s", type(exc).__name__)

    def _stop_inactivity(self) -> None:
        app = QApplication.instance()
        if self._inactivity is not None and app is not None:
            self._inactivity.stop(app)
            self._inactivity.deleteLater()
        self._inactivity = None

    def _show(self, window: QWidget) -> QWidget:
        previous, self.window = self.window, window
        window.show()  # shown before the old one closes, so the app never has zero windows
        if previous is not None:
            previous.close()
            previous.deleteLater()
        self.window_changed.emit(window)
        return window

    @staticmethod
    def _subtitle(config: object | None) -> str:
        if config is None:
            return ""
        structure = getattr(config, "structure_name", "")
        code = getattr(config, "territory_code", "")
        try:
            territory = territory_by_code(code).label if code else ""
        except Exception:  # an unknown code is reported by the store on unlock, not here
            territory = code
        return " — ".join(part for part in (structure, territory) if part)
