"""A forgotten passphrase: the recovery key lets an account choose a new one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import ValidationError
from spie_desktop.services import device
from spie_desktop.services.session import Session
from spie_desktop.storage.errors import UnlockThrottled, WrongPassphrase

from .i18n import tr
from .passphrase_rules import new_passphrase_error
from .tasks import TaskRunner
from .unlock_model import unexpected_error

RecoverFn = Callable[[Path, str, uuid.UUID, str], Session]


class RecoveryModel(QObject):
    """State of the recovery dialog; on success the store is open for that account."""

    changed = Signal()
    recovered = Signal(object)  # Session

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        recover: RecoverFn = device.unlock_with_recovery,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self._recover = recover
        self.busy = False
        self.errors: dict[str, str] = {}

    def submit(
        self, account_id: uuid.UUID | None, recovery_key: str, passphrase: str, confirmation: str
    ) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        if account_id is None:
            errors["account"] = tr("Choisissez le compte dont la phrase de passe est oubliée.")
        if not recovery_key.strip():
            errors["recovery_key"] = tr(
                "Saisissez la clé de secours remise lors de la configuration."
            )
        problem = new_passphrase_error(passphrase, confirmation)
        if problem:
            errors["passphrase"] = problem
        self.errors = errors
        if errors:
            self.changed.emit()
            return
        assert account_id is not None
        self.busy = True
        self.changed.emit()
        self.runner.run_db(
            lambda: self._recover(self.data_dir, recovery_key, account_id, passphrase),
            self._on_recovered,
            self._on_failed,
            owner=self,
        )

    def _on_recovered(self, session: Session) -> None:
        self.busy = False
        self.changed.emit()
        self.recovered.emit(session)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, (WrongPassphrase, UnlockThrottled)):
            self.errors = {"recovery_key": exc.message_fr}
        elif isinstance(exc, ValidationError) and exc.field == "passphrase":
            self.errors = {"passphrase": exc.message_fr}
        else:
            self.errors = {"general": unexpected_error(exc, self.data_dir)}
        self.changed.emit()
