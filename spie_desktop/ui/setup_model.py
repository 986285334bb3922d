"""First-run set-up: the state of the wizard, its checks, and the work it starts.

The checks and the set-up work are plain functions (testable without Qt); :class:`SetupModel`
holds the wizard's state for the view and runs the work on the database lane.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.config import load_config
from spie_desktop.domain.errors import SpieError, ValidationError
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.services import device
from spie_desktop.services.device import Session

from .i18n import tr
from .passphrase_rules import new_passphrase_error
from .tasks import TaskRunner

DEFAULT_TERRITORY = "12"
DEMO_PEOPLE = 200
DEMO_SEED = 1
DEMO_STRUCTURE_NAME = "Structure de démonstration"

IDENTITY_FIELDS = ("territory_code", "structure_name", "counsellor_name", "field")


class SetupMode(StrEnum):
    CONFIGURE = "configure"
    DEMO = "demo"


class SetupPage(IntEnum):
    CHOICE = 0
    IDENTITY = 1
    PASSPHRASE = 2
    RECOVERY_KEY = 3


@dataclass
class SetupForm:
    """What the person has entered so far."""

    mode: SetupMode = SetupMode.CONFIGURE
    territory_code: str | None = None  # chosen by the person: no département is a default
    structure_kind: StructureKind = StructureKind.CONSEIL_DEPARTEMENTAL
    structure_name: str = ""
    counsellor_name: str = ""
    field: Field = Field.SOCIAL
    passphrase: str = ""
    confirmation: str = ""


@dataclass(frozen=True)
class SetupOutcome:
    recovery_key: str
    session: Session


def identity_errors(form: SetupForm) -> dict[str, str]:
    """French message per field of the identity page that is not filled in correctly."""
    errors: dict[str, str] = {}
    if not form.territory_code:
        if form.mode is not SetupMode.DEMO:  # the demo takes the default territory
            errors["territory_code"] = tr("Choisissez un territoire dans la liste.")
    else:
        try:
            territory_by_code(form.territory_code)
        except SpieError as exc:
            errors["territory_code"] = exc.message_fr
    if form.mode is SetupMode.CONFIGURE and not form.structure_name.strip():
        errors["structure_name"] = tr("Indiquez le nom de votre structure.")
    if not form.counsellor_name.strip():
        errors["counsellor_name"] = tr("Indiquez votre nom tel que vos collègues le connaissent.")
    return errors


def set_up_device(
    data_dir: Path,
    form: SetupForm,
    *,
    initialise: Callable[..., device.SetupResult] = device.initialise_device,
    unlock: Callable[[Path, uuid.UUID, str], Session] = device.unlock,
    populate: Callable[..., Any] | None = None,
) -> Generator[str, None, SetupOutcome]:
    """Create the store, open it, and in demo mode fill it; yields each step's French label."""
    demo = form.mode is SetupMode.DEMO
    yield tr("Création du coffre chiffré…")
    result = initialise(
        data_dir,
        territory_code=form.territory_code or DEFAULT_TERRITORY,
        structure_name=DEMO_STRUCTURE_NAME if demo else form.structure_name,
        structure_kind=form.structure_kind,
        counsellor_name=form.counsellor_name,
        field=form.field,
        passphrase=form.passphrase,
    )
    yield tr("Ouverture du coffre…")
    session = unlock(data_dir, result.counsellor_id, form.passphrase)
    if demo:
        yield tr("Création de {n} personnes de démonstration…", n=DEMO_PEOPLE)
        if populate is None:
            from spie_desktop.services.demo import fill_demo_store

            populate = fill_demo_store
        try:
            populate(session, people=DEMO_PEOPLE, seed=DEMO_SEED)
        except BaseException:
            session.close()
            raise
    return SetupOutcome(result.recovery_key, session)


class SetupModel(QObject):
    """The wizard's state. Views read its properties when ``changed`` is emitted."""

    changed = Signal()
    created = Signal()  # the store exists: show the recovery key
    finished = Signal(object)  # Session, once the recovery key is confirmed kept

    def __init__(self, data_dir: Path, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.form = SetupForm()
        provisioned = load_config(data_dir)
        self.territory_locked = bool(provisioned and provisioned.territory_locked)
        if provisioned:
            self.form.territory_code = provisioned.territory_code
            self.form.structure_name = provisioned.structure_name
            if provisioned.structure_kind in StructureKind._value2member_map_:
                self.form.structure_kind = StructureKind(provisioned.structure_kind)
        self.page = SetupPage.CHOICE
        self.busy = False
        self.step = ""
        self.errors: dict[str, str] = {}
        self.outcome: SetupOutcome | None = None
        self.key_kept = False

    # -- moving through the pages -------------------------------------------------------------

    def choose(self, mode: SetupMode) -> None:
        self.form.mode = mode
        if mode is SetupMode.DEMO and self.form.territory_code is None:
            self.form.territory_code = DEFAULT_TERRITORY  # a trial: any territory will do
        self._go(SetupPage.IDENTITY)

    def advance(self) -> None:
        """What "Suivant" (or Enter) does on the current page."""
        if self.page is SetupPage.IDENTITY and self.check_identity():
            self._go(SetupPage.PASSPHRASE)
        elif self.page is SetupPage.PASSPHRASE:
            self.create()
        elif self.page is SetupPage.RECOVERY_KEY:
            self.finish()

    @property
    def can_go_back(self) -> bool:
        return self.page in (SetupPage.IDENTITY, SetupPage.PASSPHRASE) and not self.busy

    def back(self) -> None:
        if self.can_go_back:
            self._go(SetupPage(self.page - 1))

    def _go(self, page: SetupPage) -> None:
        self.page = page
        self.errors = {}
        self.changed.emit()

    # -- page checks --------------------------------------------------------------------------

    def check_identity(self) -> bool:
        self.errors = identity_errors(self.form)
        self.changed.emit()
        return not self.errors

    def check_passphrase(self) -> bool:
        message = new_passphrase_error(self.form.passphrase, self.form.confirmation)
        self.errors = {"passphrase": message} if message else {}
        self.changed.emit()
        return not message

    # -- creating the store -------------------------------------------------------------------

    def create(self) -> None:
        """Check the passphrase page, then set the device up off the GUI thread."""
        if self.busy or self.outcome is not None or not self.check_passphrase():
            return
        self.busy = True
        self.step = tr("Création du coffre chiffré…")
        self.changed.emit()
        form = replace(self.form)
        self.runner.run_db(
            lambda: set_up_device(self.data_dir, form),
            self._on_created,
            self._on_failed,
            self._on_step,
            owner=self,
        )

    def _on_step(self, label: str) -> None:
        self.step = label
        self.changed.emit()

    def _on_created(self, outcome: SetupOutcome) -> None:
        self.busy, self.step, self.outcome = False, "", outcome
        self.form.passphrase = self.form.confirmation = ""
        self._go(SetupPage.RECOVERY_KEY)
        self.created.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.busy, self.step = False, ""
        if isinstance(exc, ValidationError) and exc.field in IDENTITY_FIELDS:
            self.page = SetupPage.IDENTITY
            self.errors = {exc.field: exc.message_fr}
        elif isinstance(exc, SpieError):
            self.errors = {"passphrase": exc.message_fr}
        else:
            self.errors = {
                "passphrase": tr(
                    "La création du coffre a échoué ({kind}). Vérifiez que le dossier {folder} "
                    "est accessible en écriture, puis réessayez.",
                    kind=type(exc).__name__,
                    folder=str(self.data_dir),
                )
            }
        self.changed.emit()

    # -- the recovery key ---------------------------------------------------------------------

    @property
    def recovery_key(self) -> str:
        return self.outcome.recovery_key if self.outcome else ""

    def set_key_kept(self, kept: bool) -> None:
        self.key_kept = kept
        self.changed.emit()

    @property
    def can_finish(self) -> bool:
        return self.outcome is not None and self.key_kept

    def finish(self) -> None:
        if self.can_finish and self.outcome is not None:
            self.finished.emit(self.outcome.session)
