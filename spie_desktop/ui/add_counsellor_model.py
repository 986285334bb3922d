"""Adding a counsellor account on this device: a colleague already on it vouches by unlocking."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.services import device
from spie_desktop.services.session import Session
from spie_desktop.storage.errors import UnlockThrottled, WrongPassphrase

from .i18n import tr
from .passphrase_rules import new_passphrase_error
from .tasks import TaskRunner
from .unlock_model import UnlockFn, unexpected_error

AddFn = Callable[..., Counsellor]


def add_with_colleague(
    data_dir: Path,
    colleague_id: uuid.UUID,
    colleague_passphrase: str,
    *,
    display_name: str,
    field: Field,
    passphrase: str,
    unlock: UnlockFn = device.unlock,
    add: AddFn = device.add_counsellor,
) -> Counsellor:
    """Open the store as the colleague, add the new account, lock again."""
    session: Session = unlock(data_dir, colleague_id, colleague_passphrase)
    try:
        return add(session, display_name=display_name, field=field, passphrase=passphrase)
    finally:
        session.close()


class AddCounsellorModel(QObject):
    """State of the "add a counsellor" dialog; errors are keyed by the field they concern."""

    changed = Signal()
    added = Signal(object)  # Counsellor

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        unlock: UnlockFn = device.unlock,
        add: AddFn = device.add_counsellor,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self._unlock = unlock
        self._add = add
        self.busy = False
        self.errors: dict[str, str] = {}

    def submit(
        self,
        colleague_id: uuid.UUID | None,
        colleague_passphrase: str,
        display_name: str,
        field: Field,
        passphrase: str,
        confirmation: str,
    ) -> None:
        if self.busy:
            return
        errors: dict[str, str] = {}
        if colleague_id is None or not colleague_passphrase:
            errors["colleague"] = tr(
                "Un·e collègue déjà inscrit·e sur ce poste doit saisir sa phrase de passe."
            )
        if not display_name.strip():
            errors["display_name"] = tr("Indiquez le nom du nouveau compte.")
        problem = new_passphrase_error(passphrase, confirmation)
        if problem:
            errors["passphrase"] = problem
        self.errors = errors
        if errors:
            self.changed.emit()
            return
        assert colleague_id is not None
        self.busy = True
        self.changed.emit()
        self.runner.run_db(
            lambda: add_with_colleague(
                self.data_dir,
                colleague_id,
                colleague_passphrase,
                display_name=display_name,
                field=field,
                passphrase=passphrase,
                unlock=self._unlock,
                add=self._add,
            ),
            self._on_added,
            self._on_failed,
            owner=self,
        )

    def _on_added(self, counsellor: Counsellor) -> None:
        self.busy = False
        self.changed.emit()
        self.added.emit(counsellor)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, (WrongPassphrase, UnlockThrottled)):
            self.errors = {"colleague": exc.message_fr}
        elif isinstance(exc, ValidationError) and exc.field in ("display_name", "passphrase"):
            self.errors = {exc.field: exc.message_fr}
        else:
            self.errors = {"general": unexpected_error(exc, self.data_dir)}
        self.changed.emit()
