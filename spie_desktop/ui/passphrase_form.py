"""The view-model both "new passphrase" dialogs share (add a counsellor, recovery).

Each checks its own fields, then the new passphrase and its confirmation; once all is well
the work runs on the database lane (a key derivation: never on the GUI thread). Errors are
keyed by the field they concern, so the dialog shows each one in place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.passphrase import new_passphrase_problem
from spie_desktop.services.device import UnlockThrottled, WrongPassphrase

from .i18n import tr_said
from .tasks import TaskRunner
from .unlock_model import unexpected_error


class PassphraseFormModel(QObject):
    changed = Signal()

    #: where a wrong (or throttled) credential is reported: the colleague's, the recovery key
    credential_field: ClassVar[str] = ""
    #: fields whose :class:`ValidationError` from the service is shown in place
    checked_fields: ClassVar[tuple[str, ...]] = ("passphrase",)

    def __init__(self, data_dir: Path, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.busy = False
        self.errors: dict[str, str] = {}

    def _run_if_valid(
        self,
        errors: dict[str, str],
        passphrase: str,
        confirmation: str,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
    ) -> None:
        """Add the new passphrase's problem to ``errors``; show them, or run ``work``
        (through :meth:`_launch`)."""
        problem = new_passphrase_problem(passphrase, confirmation)
        if problem is not None:
            errors["passphrase"] = tr_said(problem.said)
        self.errors = errors
        if errors:
            self.changed.emit()
            return
        self.busy = True
        self.changed.emit()

        def done(result: Any) -> None:
            self.busy = False
            self.changed.emit()
            on_done(result)

        self._launch(work, done)

    def _launch(self, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """Run ``work()`` on the database lane (no session yet: straight to the runner)."""
        self.runner.run_db(work, done, self._on_failed, owner=self)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        if isinstance(exc, (WrongPassphrase, UnlockThrottled)):
            self.errors = {self.credential_field: tr_said(exc.said)}
        elif isinstance(exc, ValidationError) and exc.field in self.checked_fields:
            self.errors = {exc.field: tr_said(exc.said)}
        else:
            self.errors = {"general": unexpected_error(exc, self.data_dir)}
        self.changed.emit()
