"""The first-run set-up wizard as a UI-free state machine.

After Electrum's wizard: :data:`NAVIGATION` is a table of views, each with the check that
must pass to leave it (``accept``: French messages keyed by field, none when it may be left),
the view that comes next and the one "Retour" goes back to. :class:`SetupWizard` holds what
the person entered (:class:`SetupForm`), the errors, and the outcome of the one piece of work,
:func:`set_up_device`, which the passphrase view starts once accepted.

The wizard never runs that work itself when a screen is waiting: :meth:`SetupWizard.advance`
answers :attr:`Move.CREATE`, the caller runs :meth:`SetupWizard.creation` where it likes (the
Qt model: on the database lane) and reports back with :meth:`~SetupWizard.on_step`,
:meth:`~SetupWizard.created` or :meth:`~SetupWizard.failed`. :meth:`SetupWizard.create_now`
runs it in the calling thread. ``ui/setup_model.py`` only adapts this class to signals.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Generator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from spie_desktop.config import load_config
from spie_desktop.domain.errors import SpieError, ValidationError
from spie_desktop.domain.interface_sentence import Sentence, say
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.domain.passphrase import new_passphrase_problem
from spie_desktop.domain.territory import territory_by_code

from . import device
from .device import Session

DEFAULT_TERRITORY = "12"
DEMO_PEOPLE = 200
DEMO_SEED = 1
DEMO_STRUCTURE_NAME = "Structure de démonstration"

IDENTITY_FIELDS = ("territory_code", "structure_name", "counsellor_name", "field")
CREATING = "Création du coffre chiffré…"
OPENING = "Ouverture du coffre…"
FILLING = f"Création de {DEMO_PEOPLE} personnes de démonstration…"
#: What the set-up is doing, step by step (the interface shows them through its catalogue).
STEP_LABELS = (CREATING, OPENING, FILLING)


class SetupMode(StrEnum):
    CONFIGURE = "configure"
    DEMO = "demo"


class SetupView(StrEnum):
    CHOICE = "choice"
    IDENTITY = "identity"
    PASSPHRASE = "passphrase"
    RECOVERY_KEY = "recovery_key"


class Move(StrEnum):
    """What a step of the wizard led to."""

    STAY = "stay"  # refused (``errors`` says why) or busy
    MOVED = "moved"  # another view is current
    CREATE = "create"  # accepted: run :meth:`SetupWizard.creation`, then report back
    FINISHED = "finished"  # done: :attr:`SetupWizard.outcome` holds the open session


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
    """French message per field of the identity view that is not filled in correctly."""
    return _french(identity_problems(form))


def identity_problems(form: SetupForm) -> dict[str, Sentence]:
    """What is wrong with each field of the identity view, for the interface."""
    errors: dict[str, Sentence] = {}
    if not form.territory_code:
        if form.mode is not SetupMode.DEMO:  # the demo takes the default territory
            errors["territory_code"] = say("Choisissez un territoire dans la liste.")
    else:
        try:
            territory_by_code(form.territory_code)
        except SpieError as exc:
            errors["territory_code"] = exc.said
    if form.mode is SetupMode.CONFIGURE and not form.structure_name.strip():
        errors["structure_name"] = say("Indiquez le nom de votre structure.")
    if not form.counsellor_name.strip():
        errors["counsellor_name"] = say("Indiquez votre nom tel que vos collègues le connaissent.")
    return errors


def passphrase_errors(form: SetupForm) -> dict[str, Sentence]:
    """The passphrase policy's refusal of the chosen passphrase and its confirmation, if any."""
    problem = new_passphrase_problem(form.passphrase, form.confirmation)
    return {"passphrase": problem.said} if problem else {}


def _french(errors: dict[str, Sentence]) -> dict[str, str]:
    return {name: said.french for name, said in errors.items()}


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
    yield CREATING
    result = initialise(
        data_dir,
        territory_code=form.territory_code or DEFAULT_TERRITORY,
        structure_name=DEMO_STRUCTURE_NAME if demo else form.structure_name,
        structure_kind=form.structure_kind,
        counsellor_name=form.counsellor_name,
        field=form.field,
        passphrase=form.passphrase,
    )
    yield OPENING
    session = unlock(data_dir, result.counsellor_id, form.passphrase)
    if demo:
        yield FILLING
        if populate is None:
            from .demo import fill_demo_store

            populate = fill_demo_store
        try:
            populate(session, people=DEMO_PEOPLE, seed=DEMO_SEED)
        except BaseException:
            session.close()
            raise
    return SetupOutcome(result.recovery_key, session)


SetUp = Callable[[Path, SetupForm], Generator[str, None, SetupOutcome]]


@dataclass(frozen=True)
class ViewRule:
    """How one view is left: its check, the view after it, the view "Retour" goes back to."""

    accept: Callable[[SetupWizard], dict[str, Sentence]]
    next: SetupView | None  # None: the last view
    back: SetupView | None = None
    creates: bool = False  # leaving it runs :func:`set_up_device` first


def _nothing_to_check(_wizard: SetupWizard) -> dict[str, Sentence]:
    return {}


def _key_kept(wizard: SetupWizard) -> dict[str, Sentence]:
    if wizard.outcome is not None and wizard.key_kept:
        return {}
    return {"recovery_key": say("Confirmez d'abord que vous avez conservé la clé de secours.")}


NAVIGATION: dict[SetupView, ViewRule] = {
    SetupView.CHOICE: ViewRule(_nothing_to_check, next=SetupView.IDENTITY),
    SetupView.IDENTITY: ViewRule(
        lambda wizard: identity_problems(wizard.form),
        next=SetupView.PASSPHRASE,
        back=SetupView.CHOICE,
    ),
    SetupView.PASSPHRASE: ViewRule(
        lambda wizard: passphrase_errors(wizard.form),
        next=SetupView.RECOVERY_KEY,
        back=SetupView.IDENTITY,
        creates=True,
    ),
    SetupView.RECOVERY_KEY: ViewRule(_key_kept, next=None),
}


class SetupWizard:
    """Where the person is in the set-up, what they entered, and what went wrong."""

    def __init__(self, data_dir: Path, *, set_up: SetUp = set_up_device) -> None:
        self.data_dir = data_dir
        self._set_up = set_up
        self.form: SetupForm = SetupForm()
        provisioned = load_config(data_dir)
        self.territory_locked = bool(provisioned and provisioned.territory_locked)
        if provisioned:
            self.form.territory_code = provisioned.territory_code
            self.form.structure_name = provisioned.structure_name
            if provisioned.structure_kind in StructureKind._value2member_map_:
                self.form.structure_kind = StructureKind(provisioned.structure_kind)
        self.view = SetupView.CHOICE
        #: What went wrong, per field, for the interface (:attr:`errors`: in French).
        self.said_errors: dict[str, Sentence] = {}
        self.busy = False
        self.step = ""
        self.outcome: SetupOutcome | None = None
        self.key_kept = False

    @property
    def errors(self) -> dict[str, str]:
        """What went wrong, per field, in French."""
        return _french(self.said_errors)

    # -- moving through the views -------------------------------------------------------------

    def choose(self, mode: SetupMode) -> Move:
        """The first view's choice: set the device up for real, or try it on demo data."""
        if self.view is not SetupView.CHOICE:
            return Move.STAY
        self.form.mode = mode
        if mode is SetupMode.DEMO and self.form.territory_code is None:
            self.form.territory_code = DEFAULT_TERRITORY  # a trial: any territory will do
        return self.advance()

    def advance(self) -> Move:
        """What "Suivant" (or Enter) does: check the current view, then leave it."""
        if self.busy:
            return Move.STAY
        rule = NAVIGATION[self.view]
        self.said_errors = rule.accept(self)
        if self.said_errors:
            return Move.STAY
        if rule.creates:
            self.busy, self.step = True, CREATING
            return Move.CREATE
        if rule.next is None:
            return Move.FINISHED
        self._go(rule.next)
        return Move.MOVED

    @property
    def can_go_back(self) -> bool:
        return NAVIGATION[self.view].back is not None and not self.busy

    def back(self) -> Move:
        target = NAVIGATION[self.view].back
        if target is None or self.busy:
            return Move.STAY
        self._go(target)
        return Move.MOVED

    def _go(self, view: SetupView) -> None:
        self.view = view
        self.said_errors = {}

    # -- creating the store -------------------------------------------------------------------

    def creation(self) -> Generator[str, None, SetupOutcome]:
        """The set-up work :attr:`Move.CREATE` asks for, on a copy of the form."""
        return self._set_up(self.data_dir, replace(self.form))

    def on_step(self, label: str) -> None:
        self.step = label

    def created(self, outcome: SetupOutcome) -> None:
        self.busy, self.step, self.outcome = False, "", outcome
        self.form.passphrase = self.form.confirmation = ""
        self._go(SetupView.RECOVERY_KEY)

    def failed(self, exc: BaseException) -> None:
        """Show why the set-up failed where it can be put right."""
        self.busy, self.step = False, ""
        if isinstance(exc, ValidationError) and exc.field in IDENTITY_FIELDS:
            self.view = SetupView.IDENTITY
            self.said_errors = {exc.field: exc.said}
        elif isinstance(exc, SpieError):
            self.said_errors = {"passphrase": exc.said}
        else:
            self.said_errors = {
                "passphrase": say(
                    "La création du coffre a échoué ({kind}). Vérifiez que le dossier "
                    "{folder} est accessible en écriture, puis réessayez.",
                    kind=type(exc).__name__,
                    folder=str(self.data_dir),
                )
            }

    def create_now(self) -> Move:
        """Advance, running the set-up work in this thread if the view asks for it."""
        move = self.advance()
        if move is not Move.CREATE:
            return move
        work = self.creation()
        try:
            while True:
                self.on_step(next(work))
        except StopIteration as done:
            self.created(done.value)
            return Move.MOVED
        except Exception as exc:
            self.failed(exc)
            return Move.STAY

    # -- the recovery key ---------------------------------------------------------------------

    @property
    def recovery_key(self) -> str:
        return self.outcome.recovery_key if self.outcome else ""

    def set_key_kept(self, kept: bool) -> None:
        self.key_kept = kept

    @property
    def can_finish(self) -> bool:
        return self.outcome is not None and self.key_kept

    def finish(self) -> Move:
        """What "Terminer" does: the set-up is over once the recovery key is confirmed kept."""
        if self.view is not SetupView.RECOVERY_KEY:
            return Move.STAY
        return self.advance()
