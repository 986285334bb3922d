"""Background sync: every few minutes, when enrolled and idle, ask the server's ``/healthz``
(on the pool: no database) and start a sync if it answers and changes are waiting.

Never while locked, never on a demo store, never after a revocation, never twice at once.
The choice is kept in ``config.toml`` (``auto_sync``).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from spie_desktop.services.sync_desk import read_overview, server_reachable, set_auto_sync

from .sync_model import SyncModel

PROBE_INTERVAL_MS = 5 * 60 * 1000


class AutoSync(QObject):
    def __init__(
        self,
        model: SyncModel,
        parent: QObject | None = None,
        *,
        interval_ms: int = PROBE_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.context = model.context
        self._probing = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.probe)
        self.context.locked.connect(self.timer.stop)
        self.context.unlocked.connect(self._follow_config)
        self._follow_config()

    @property
    def enabled(self) -> bool:
        session = self.context.session
        return session is not None and bool(getattr(session.config, "auto_sync", False))

    def set_enabled(self, on: bool) -> None:
        session = self.context.session
        if session is None:
            return
        set_auto_sync(session, on)
        self._follow_config()

    def probe(self) -> bool:
        """One check; ``True`` if a probe was started."""
        model, session = self.model, self.context.session
        overview = model.overview
        if (
            session is None
            or self._probing
            or not self.enabled
            or overview is None
            or not model.can_sync
        ):
            return False
        url, data_dir = overview.server_url, session.data_dir
        self._probing = True
        try:
            self.context.runner.run(
                lambda: server_reachable(url, data_dir),
                self._on_probed,
                self._on_failed,
                owner=self,
            )
        except RuntimeError:  # closing
            self._probing = False
            return False
        return True

    def _on_probed(self, reachable: bool) -> None:
        if not reachable or self.context.is_locked:
            self._probing = False
            return
        # Fresh numbers before deciding: changes may have been written since the last read.
        if not self.context.query(read_overview, self._decide, self._on_error, owner=self):
            self._probing = False

    def _decide(self, overview: object) -> None:
        self._probing = False
        self.model.show_overview(overview)  # type: ignore[arg-type]
        if self.model.overview is not None and self.model.overview.pending_changes > 0:
            self.model.sync()

    def _on_failed(self, _exc: BaseException) -> None:
        self._probing = False

    def _on_error(self, _message: str, _exc: BaseException) -> None:
        self._probing = False

    def _follow_config(self) -> None:
        if self.enabled and not self.context.is_locked:
            self.timer.start()
        else:
            self.timer.stop()
