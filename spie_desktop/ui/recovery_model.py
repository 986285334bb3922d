"""A forgotten passphrase: the recovery key lets an account choose a new one."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from spie_desktop.services import device
from spie_desktop.services.device import ProgressHook, Session, UpgradeProgress

from .i18n import tr
from .passphrase_form import PassphraseFormModel
from .store_upgrade_text import upgrade_text
from .tasks import TaskRunner


class RecoverFn(Protocol):
    def __call__(
        self,
        data_dir: Path,
        recovery_key: str,
        account_id: uuid.UUID,
        new_passphrase: str,
        *,
        on_upgrade: ProgressHook | None = None,
    ) -> Session: ...


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
        #: how the upgrade of a store the previous release made goes, while one runs
        self.upgrade: UpgradeProgress | None = None

    @property
    def busy_text(self) -> str:
        """What the dialog says while busy: the store's upgrade, if one runs."""
        if self.upgrade is not None:
            return upgrade_text(self.upgrade)
        return tr("Vérification de la clé de secours…")

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

        def work(report: ProgressHook) -> Session:
            assert account_id is not None  # otherwise an error above: work does not run
            return self._recover(
                self.data_dir, recovery_key, account_id, passphrase, on_upgrade=report
            )

        self._run_if_valid(errors, passphrase, confirmation, work, self.recovered.emit)

    def _launch(self, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """On the database lane, with the store's upgrade (if one runs) reported as it goes:
        with a recovery key as with a passphrase, a store of the previous release is
        converted on opening, and a long conversion must not look like a frozen dialog."""
        self.upgrade = None

        def finished(result: Any) -> None:
            self.upgrade = None
            done(result)

        self.runner.run_db_reporting(
            work, finished, self._on_failed, self._on_upgrade_progress, owner=self
        )

    def _on_upgrade_progress(self, progress: UpgradeProgress) -> None:
        self.upgrade = progress
        self.changed.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.upgrade = None
        super()._on_failed(exc)
