"""Adding a counsellor account on this device: a colleague already on it vouches by unlocking.

From the unlock and lock screens there is no session: the colleague's passphrase opens the
store for the time of the addition (:class:`AddCounsellorModel`). Inside the unlocked window
the store is open: the colleague's passphrase is checked against it and the account is added
through the window's door onto the database lane (:class:`AddCounsellorInWindowModel`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.services import device
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.colleagues import add_counsellor_vouched
from spie_desktop.services.device import Session

from .i18n import tr
from .passphrase_form import PassphraseFormModel
from .tasks import TaskRunner
from .unlock_model import UnlockFn

if TYPE_CHECKING:
    from .window_context import WindowContext

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
        errors = _form_errors(colleague_id, colleague_passphrase, display_name)

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


#: The new account's row waits in the outbox for the next synchronisation.
COUNSELLOR_ADDED = changes(Change.SYNC)


class AddCounsellorInWindowModel(AddCounsellorModel):
    """The same form inside the unlocked window: the open store, through its context."""

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        session = context.session
        if session is None:
            raise RuntimeError("the window is locked")
        super().__init__(session.data_dir, context.runner, parent)
        self.context = context

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
        errors = _form_errors(colleague_id, colleague_passphrase, display_name)

        def work(session: Session) -> Counsellor:
            assert colleague_id is not None  # otherwise an error above: work does not run
            return add_counsellor_vouched(
                session,
                colleague_id,
                colleague_passphrase,
                display_name=display_name,
                field=field,
                passphrase=passphrase,
            )

        self._run_if_valid(errors, passphrase, confirmation, work, self.added.emit)

    def _launch(self, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """``work(session)`` through the window's door: announced once committed."""
        task = self.context.change(
            work,
            COUNSELLOR_ADDED,
            done,
            lambda _message, exc: self._on_failed(exc),
            owner=self,
        )
        if task is None:  # locked meanwhile: nothing was added
            self._on_failed(RuntimeError("the window is locked"))


def _form_errors(
    colleague_id: uuid.UUID | None, colleague_passphrase: str, display_name: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if colleague_id is None or not colleague_passphrase:
        errors["colleague"] = tr(
            "Un·e collègue déjà inscrit·e sur ce poste doit saisir sa phrase de passe."
        )
    if not display_name.strip():
        errors["display_name"] = tr("Indiquez le nom du nouveau compte.")
    return errors
