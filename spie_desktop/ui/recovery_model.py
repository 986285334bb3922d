"""A forgotten passphrase: the recovery key lets an account choose a new one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from spie_desktop.services import device
from spie_desktop.services.device import Session

from .i18n import tr
from .passphrase_form import PassphraseFormModel
from .tasks import TaskRunner

RecoverFn = Callable[[Path, str, uuid.UUID, str], Session]


class RecoveryModel(PassphraseFormModel):
    """State of the recovery dialog; on success the store is open for that account."""

    recovered = Signal(object)  # Session
    credential_field = "recovery_key"

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        recover: RecoverFn = device.unlock_with_recovery,
    ) -> None:
        super().__init__(data_dir, runner, parent)
        self._recover = recover

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

        def work() -> Session:
            assert account_id is not None  # otherwise an error above: work does not run
            return self._recover(self.data_dir, recovery_key, account_id, passphrase)

        self._run_if_valid(errors, passphrase, confirmation, work, self.recovered.emit)
