"""Adding a counsellor account on this device: a colleague already on it vouches by unlocking."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.services import device
from spie_desktop.services.device import Session

from .i18n import tr
from .passphrase_form import PassphraseFormModel
from .tasks import TaskRunner
from .unlock_model import UnlockFn

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


class AddCounsellorModel(PassphraseFormModel):
    """State of the "add a counsellor" dialog; errors are keyed by the field they concern."""

    added = Signal(object)  # Counsellor
    credential_field = "colleague"
    checked_fields = ("display_name", "passphrase")

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        unlock: UnlockFn = device.unlock,
        add: AddFn = device.add_counsellor,
    ) -> None:
        super().__init__(data_dir, runner, parent)
        self._unlock = unlock
        self._add = add

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

        def work() -> Counsellor:
            assert colleague_id is not None  # otherwise an error above: work does not run
            return add_with_colleague(
                self.data_dir,
                colleague_id,
                colleague_passphrase,
                display_name=display_name,
                field=field,
                passphrase=passphrase,
                unlock=self._unlock,
                add=self._add,
            )

        self._run_if_valid(errors, passphrase, confirmation, work, self.added.emit)
