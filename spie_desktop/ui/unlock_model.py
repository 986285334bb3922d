"""Unlocking the store: which accounts exist, the attempt, and the wait after too many."""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.organisation import Field
from spie_desktop.services import device
from spie_desktop.services.device import (
    ProgressHook,
    Session,
    SlotInfo,
    UnlockThrottled,
    UpgradeProgress,
)
from spie_desktop.services.unlock_warmup import load_unlock_modules

from .i18n import tr, tr_said
from .store_upgrade_text import upgrade_text
from .tasks import TaskRunner


class UnlockFn(Protocol):
    def __call__(
        self,
        data_dir: Path,
        account_id: uuid.UUID,
        passphrase: str,
        *,
        on_upgrade: ProgressHook | None = None,
    ) -> Session: ...


log = logging.getLogger(__name__)


def field_label(field: str) -> str:
    """ "Volet social" / "Volet professionnel" for a slot's field value."""
    try:
        return tr(Field(field).label)
    except ValueError:
        return field


def account_label(account: SlotInfo) -> str:
    return tr("{name} — {field}", name=account.display_name, field=field_label(account.field))


def unexpected_error(exc: BaseException, data_dir: Path) -> str:
    """French text for an error that carries none (a bug or a system error)."""
    if isinstance(exc, SpieError):
        return tr_said(exc.said)
    if isinstance(exc, OSError):
        return tr(
            "Le dossier des données ({folder}) est inaccessible : {reason}.",
            folder=str(data_dir),
            reason=exc.strerror or type(exc).__name__,
        )
    return tr("Une erreur inattendue s'est produite ({kind}).", kind=type(exc).__name__)


class UnlockModel(QObject):
    """State of the unlock window. Views re-read it when ``changed`` is emitted."""

    changed = Signal()
    failed = Signal()  # a wrong passphrase: the view selects the field for retyping
    unlocked = Signal(object)  # Session

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        unlock: UnlockFn = device.unlock,
        state: Callable[[Path], device.DeviceState] = device.device_state,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self._unlock = unlock
        self._state = state
        self._clock = clock
        self.accounts: list[SlotInfo] = []
        self.selected: uuid.UUID | None = None
        self.busy = False
        #: How the upgrade of a store the previous release made is going (while busy).
        self.upgrade: UpgradeProgress | None = None
        self.message = ""
        self._retry_at: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)
        self._ticker.timeout.connect(self._tick)

    # -- accounts -----------------------------------------------------------------------------

    def refresh(self, select: uuid.UUID | None = None) -> device.DeviceState:
        """Re-read the accounts from the key slot file (no key derivation: instant)."""
        state = self._state(self.data_dir)
        self.set_accounts(state.accounts, select)
        return state

    def set_accounts(self, accounts: list[SlotInfo], select: uuid.UUID | None = None) -> None:
        self.accounts = list(accounts)
        ids = [a.account_id for a in self.accounts]
        if select in ids:
            self.selected = select
        elif self.selected not in ids:
            self.selected = ids[0] if ids else None
        self.changed.emit()

    def select(self, account_id: uuid.UUID | None) -> None:
        if account_id != self.selected:
            self.selected = account_id
            self.message = "" if self._retry_at is None else self.message
            self.changed.emit()

    # -- the attempt --------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Load what an unlock needs on the database lane, ahead of the attempt (which runs
        after it on the same lane): the window calls this once it has been painted."""
        try:
            self.runner.run_db(
                load_unlock_modules, lambda _: None, self._warm_up_failed, owner=self
            )
        except RuntimeError:  # the application is quitting: nothing to prepare for
            return

    @staticmethod
    def _warm_up_failed(exc: BaseException) -> None:  # the attempt will say what is wrong
        log.warning("preparing the unlock failed: %s", type(exc).__name__)

    @property
    def retry_in_s(self) -> int:
        """Whole seconds before another attempt is allowed (0: now)."""
        if self._retry_at is None:
            return 0
        return max(0, math.ceil(self._retry_at - self._clock()))

    def can_submit(self, passphrase: str) -> bool:
        return (
            bool(passphrase) and self.selected is not None and not self.busy and not self.retry_in_s
        )

    def submit(self, passphrase: str) -> None:
        if not self.can_submit(passphrase):
            return
        account_id = self.selected
        assert account_id is not None
        self.busy, self.message, self.upgrade = True, "", None
        self.changed.emit()
        data_dir = self.data_dir
        unlock = self._unlock
        self.runner.run_db_reporting(
            lambda report: unlock(data_dir, account_id, passphrase, on_upgrade=report),
            self._on_unlocked,
            self._on_failed,
            self._on_upgrade_progress,
            owner=self,
        )

    @property
    def busy_text(self) -> str:
        """What the window says while busy: the store's upgrade, if one runs, else unlocking."""
        return upgrade_text(self.upgrade) if self.upgrade is not None else tr("Déverrouillage…")

    def _on_upgrade_progress(self, progress: UpgradeProgress) -> None:
        self.upgrade = progress
        self.changed.emit()

    def _on_unlocked(self, session: Session) -> None:
        self.busy, self.message, self.upgrade = False, "", None
        self.changed.emit()
        self.unlocked.emit(session)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy, self.upgrade = False, None
        if isinstance(exc, UnlockThrottled):
            self.start_wait(exc.retry_after_s)
        else:
            self.message = unexpected_error(exc, self.data_dir)
        self.changed.emit()
        self.failed.emit()

    # -- waiting after too many attempts ------------------------------------------------------

    def start_wait(self, seconds: float) -> None:
        self._retry_at = self._clock() + seconds
        self._ticker.start()
        self._tick()

    def _tick(self) -> None:
        remaining = self.retry_in_s
        if remaining:
            self.message = tr(
                "Trop d'essais : réessayez dans {n} seconde{s}.",
                n=remaining,
                s="s" if remaining > 1 else "",
            )
        else:
            self._retry_at = None
            self._ticker.stop()
            self.message = tr("Vous pouvez réessayer.")
        self.changed.emit()
