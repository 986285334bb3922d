"""First-run set-up: the Qt adapter of :class:`~spie_desktop.services.setup_wizard.SetupWizard`.

The wizard (services) holds the form, the checks, the navigation and the set-up work; this
model only re-emits its changes as signals and runs the work on the database lane, so the
window stays responsive while the key is derived and the store created.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from spie_desktop.services.setup_wizard import (
    Move,
    SetupForm,
    SetupMode,
    SetupOutcome,
    SetupView,
    SetupWizard,
)

from .i18n import tr, tr_said
from .tasks import TaskRunner


class SetupModel(QObject):
    """The wizard for the view. Views read its properties when ``changed`` is emitted."""

    changed = Signal()
    created = Signal()  # the store exists: show the recovery key
    finished = Signal(object)  # Session, once the recovery key is confirmed kept

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        wizard: SetupWizard | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.wizard = wizard or SetupWizard(data_dir)

    # -- the wizard's state, as the window reads it --------------------------------------------

    @property
    def form(self) -> SetupForm:
        return self.wizard.form

    @property
    def page(self) -> SetupView:
        return self.wizard.view

    @property
    def errors(self) -> dict[str, str]:
        return {name: tr_said(said) for name, said in self.wizard.said_errors.items()}

    @property
    def busy(self) -> bool:
        return self.wizard.busy

    @property
    def step(self) -> str:
        return tr(self.wizard.step) if self.wizard.step else ""

    @property
    def outcome(self) -> SetupOutcome | None:
        return self.wizard.outcome

    @property
    def territory_locked(self) -> bool:
        return self.wizard.territory_locked

    @property
    def can_go_back(self) -> bool:
        return self.wizard.can_go_back

    @property
    def recovery_key(self) -> str:
        return self.wizard.recovery_key

    @property
    def can_finish(self) -> bool:
        return self.wizard.can_finish

    # -- from the person to the wizard ---------------------------------------------------------

    def choose(self, mode: SetupMode) -> None:
        self._after(self.wizard.choose(mode))

    def advance(self) -> None:
        """What "Suivant" (or Enter) does on the current page."""
        self._after(self.wizard.advance())

    def back(self) -> None:
        self._after(self.wizard.back())

    def set_key_kept(self, kept: bool) -> None:
        self.wizard.set_key_kept(kept)
        self.changed.emit()

    def finish(self) -> None:
        self._after(self.wizard.finish())

    def _after(self, move: Move) -> None:
        if move is Move.CREATE:
            work = self.wizard.creation()  # the form is copied here, on the GUI thread
            self.runner.run_db(
                lambda: work, self._on_created, self._on_failed, self._on_step, owner=self
            )
        self.changed.emit()
        if move is Move.FINISHED and self.wizard.outcome is not None:
            self.finished.emit(self.wizard.outcome.session)

    # -- the set-up work, back from the database lane ------------------------------------------

    def _on_step(self, label: str) -> None:
        self.wizard.on_step(label)
        self.changed.emit()

    def _on_created(self, outcome: SetupOutcome) -> None:
        self.wizard.created(outcome)
        self.changed.emit()
        self.created.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.wizard.failed(exc)
        self.changed.emit()
