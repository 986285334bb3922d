"""View-model of the signing step: who signs, what is missing, the signing itself.

The person signs on the pad; each counsellor signs on the pad and confirms with their own
passphrase. A signer who cannot draw signs on the keyboard instead (``typed``): their full
name typed as it is shown, and their confirmation ticked; a counsellor still confirms with
their passphrase (never kept: it goes straight to the signing work and is dropped with it). What
can be checked here is checked first and refused in place, with the target it is about
(``person`` / ``social`` / ``emploi`` for a signer, ``plan`` for the plan, ``place``); then
:meth:`PlanService.sign_steps` runs on the database lane with its progress, and its errors
come back in place too (a wrong passphrase names the counsellor).
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import REQUIRED_SIGNERS, Signature, SignatureMethod, SignerRole
from spie_desktop.domain.plan_checks import entry_problems, readiness_problems
from spie_desktop.domain.strokes import Strokes, is_meaningful
from spie_desktop.domain.typed_signature import typed_name_refusal
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.plans import SignedPlanResult, SigningProgress
from spie_desktop.services.signing_keys import WrongSigningPassphrase

from ..i18n import tr, tr_said
from ..tasks import CancelToken, Task
from ..typed_signature import KeyboardSignature
from .plan_model import PlanModel

ROLE_FIELDS = {SignerRole.SOCIAL: Field.SOCIAL, SignerRole.EMPLOI: Field.EMPLOI}
COUNSELLOR_ROLES = (SignerRole.SOCIAL, SignerRole.EMPLOI)
PLAN_TARGET = "plan"
PLACE_TARGET = "place"


@dataclass(frozen=True)
class Account:
    """A counsellor account of this device."""

    id: uuid.UUID
    name: str
    field: Field


@dataclass(frozen=True)
class Refusal:
    target: str  # a SignerRole value, "plan" or "place"
    message: str
    #: that counsellor's passphrase was wrong: only their field is cleared, to type again
    wrong_passphrase: bool = False


class SigningModel(QObject):
    refused = Signal(list)  # list[Refusal]: shown in place, nothing was stored
    progress = Signal(int, int, str)  # step, total, French label
    signed = Signal(object)  # SignedPlanResult
    cancelled = Signal()
    accounts_changed = Signal()
    pdf_ready = Signal(bytes)
    pdf_failed = Signal(str)

    def __init__(
        self,
        plan_model: PlanModel,
        person_name: str,
        accounts: list[Account],
        owners: dict[Field, uuid.UUID],
        default_place: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan_model = plan_model
        self.person_name = person_name
        self.accounts = accounts
        self.owners = owners
        self.default_place = default_place
        self.task: Task | None = None

    # -- who signs -------------------------------------------------------------------------------

    def add_accounts(self, accounts: list[Account]) -> None:
        """More accounts that may sign (read later on the database lane)."""
        known = {a.id for a in self.accounts}
        new = [a for a in accounts if a.id not in known]
        if new:
            self.accounts = self.accounts + new
            self.accounts_changed.emit()

    def candidates(self, role: SignerRole) -> list[Account]:
        """The accounts that may sign for a counsellor role: those of its field."""
        field = ROLE_FIELDS[role]
        return [a for a in self.accounts if a.field is field]

    def default_account(self, role: SignerRole) -> Account | None:
        """The interview's counsellor of that field; else the only account of the field."""
        candidates = self.candidates(role)
        owner = self.owners.get(ROLE_FIELDS[role])
        for account in candidates:
            if account.id == owner:
                return account
        return candidates[0] if len(candidates) == 1 else None

    def account(self, account_id: uuid.UUID | None) -> Account | None:
        return next((a for a in self.accounts if a.id == account_id), None)

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.finished

    # -- checking --------------------------------------------------------------------------------

    def check(
        self,
        strokes: dict[SignerRole, Strokes],
        accounts: dict[SignerRole, uuid.UUID | None],
        passphrases: dict[SignerRole, str],
        place: str,
        typed: dict[SignerRole, KeyboardSignature | None] | None = None,
    ) -> list[Refusal]:
        """Every reason, known before signing, that the plan cannot be signed now."""
        refusals = [Refusal(PLAN_TARGET, p.message) for p in self.plan_model.readiness_problems()]
        for role in REQUIRED_SIGNERS:
            account = self.account(accounts.get(role)) if role in ROLE_FIELDS else None
            who = account.name if account else _role_noun(role)
            pad = strokes.get(role, [])
            entry = (typed or {}).get(role)
            if entry is not None:
                refusals += self._typed_refusals(role, entry, account)
            elif role is SignerRole.PERSON and not pad:
                refusals.append(Refusal(role.value, tr("La signature de la personne est vide.")))
            elif not pad:
                refusals.append(Refusal(role.value, tr("La signature de {who} est vide.", who=who)))
            elif not is_meaningful(pad):
                refusals.append(
                    Refusal(
                        role.value,
                        tr(
                            "La signature de {who} est trop courte : signez comme sur papier.",
                            who=tr("la personne") if role is SignerRole.PERSON else who,
                        ),
                    )
                )
            if role not in ROLE_FIELDS:
                continue
            if account is None:
                refusals.append(
                    Refusal(role.value, tr("Choisissez le compte de {who}.", who=_role_noun(role)))
                )
            elif not passphrases.get(role):
                refusals.append(
                    Refusal(
                        role.value,
                        tr("{who} doit confirmer avec sa phrase de passe.", who=account.name),
                    )
                )
        chosen = [accounts.get(role) for role in COUNSELLOR_ROLES]
        if None not in chosen and chosen[0] == chosen[1]:
            refusals.append(
                Refusal(PLAN_TARGET, tr("Un même compte ne peut pas signer pour les deux volets."))
            )
        if not " ".join(place.split()):
            refusals.append(Refusal(PLACE_TARGET, tr("Indiquez le lieu de signature.")))
        if not refusals:
            refusals += self._domain_refusals(strokes, typed or {})
        return refusals

    def _typed_refusals(
        self, role: SignerRole, entry: KeyboardSignature, account: Account | None
    ) -> list[Refusal]:
        """A keyboard signature: the signer's name as shown, and their confirmation."""
        refusals = []
        expected = self.person_name if role is SignerRole.PERSON else (account and account.name)
        if expected:
            wrong_name = typed_name_refusal(entry.name, expected)
            if wrong_name is not None:
                refusals.append(Refusal(role.value, wrong_name))
        if not entry.confirmed:
            refusals.append(
                Refusal(
                    role.value,
                    tr("Cochez « Je confirme signer ce plan » pour signer au clavier."),
                )
            )
        return refusals

    def _domain_refusals(
        self,
        strokes: dict[SignerRole, Strokes],
        typed: dict[SignerRole, KeyboardSignature | None],
    ) -> list[Refusal]:
        """The domain's own rules, on a copy of the draft with these signatures."""
        plan = copy.deepcopy(self.plan_model.plan)
        if plan is None:
            return [Refusal(PLAN_TARGET, tr("Le plan n'est pas encore ouvert."))]
        plan.signatures = self._signatures(strokes, typed)
        problems = entry_problems(plan) + readiness_problems(
            plan, today=self.plan_model.today, holder=self.plan_model.holder
        )
        return [Refusal(PLAN_TARGET, tr_said(problem.said)) for problem in problems]

    def _signatures(
        self,
        strokes: dict[SignerRole, Strokes],
        typed: dict[SignerRole, KeyboardSignature | None],
    ) -> list[Signature]:
        now = datetime.now(UTC)
        plan_id = self.plan_model.plan_id
        signatures = []
        for role in REQUIRED_SIGNERS:
            entry = typed.get(role)
            if entry is not None:  # the name typed, confirmed: no strokes
                name, drawn, method = entry.name, [], SignatureMethod.TYPED
            else:
                name = self.person_name if role is SignerRole.PERSON else ""
                drawn = [list(stroke) for stroke in strokes.get(role, [])]
                method = SignatureMethod.DRAWN
            signatures.append(
                Signature(
                    plan_id=plan_id,
                    role=role,
                    signer_name=name,
                    strokes=drawn,
                    signed_at=now,
                    method=method,
                )
            )
        return signatures

    # -- signing ---------------------------------------------------------------------------------

    def sign(
        self,
        strokes: dict[SignerRole, Strokes],
        accounts: dict[SignerRole, uuid.UUID | None],
        passphrases: dict[SignerRole, str],
        place: str,
        typed: dict[SignerRole, KeyboardSignature | None] | None = None,
    ) -> bool:
        """Refuse in place (``refused``), or start signing; ``True`` if it started."""
        if self.busy:
            return False
        refusals = self.check(strokes, accounts, passphrases, place, typed)
        if refusals:
            self.refused.emit(refusals)
            return False
        service, plan_id = self.plan_model.service, self.plan_model.plan_id
        signatures = self._signatures(strokes, typed or {})
        confirmations: dict[SignerRole, tuple[uuid.UUID, str]] = {}
        for role in COUNSELLOR_ROLES:
            account_id = accounts[role]
            assert account_id is not None  # checked above
            confirmations[role] = (account_id, passphrases[role])
        names = {role: self.account(accounts[role]) for role in COUNSELLOR_ROLES}

        def sign(_session: object) -> Any:  # a generator: its progress, then the result
            return service.sign_steps(plan_id, signatures, confirmations, place)

        self.task = self.plan_model.context.change(
            sign,
            changes(Change.PLAN, Change.PEOPLE),
            self._signed,
            lambda message, exc: self._failed(message, exc, names),
            owner=self,
            on_progress=self._progress,
            token=CancelToken(),
            on_cancelled=self.cancelled.emit,
        )
        return self.task is not None

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progress(self, step: SigningProgress) -> None:
        self.progress.emit(step.step, step.total, tr(step.label))

    def _signed(self, result: SignedPlanResult) -> None:
        self.plan_model.adopt_signed(result.plan)
        self.signed.emit(result)

    def _failed(
        self, message: str, exc: BaseException, names: dict[SignerRole, Account | None]
    ) -> None:
        target = PLAN_TARGET
        if isinstance(exc, WrongSigningPassphrase):
            for role, account in names.items():
                if account is not None and account.name == exc.signer_name:
                    target = role.value
        self.refused.emit([Refusal(target, message, wrong_passphrase=target != PLAN_TARGET)])

    # -- the PDF ---------------------------------------------------------------------------------

    def load_pdf(self) -> None:
        """The signed plan's PDF, read from the store on the database lane."""
        service, plan_id = self.plan_model.service, self.plan_model.plan_id
        self.plan_model.context.query(
            lambda _s: service.pdf(plan_id),
            self.pdf_ready.emit,
            lambda message, _exc: self.pdf_failed.emit(message),
            owner=self,
        )


def _role_noun(role: SignerRole) -> str:
    nouns = {
        SignerRole.PERSON: tr("la personne"),
        SignerRole.SOCIAL: tr("la ou le conseiller·ère du volet social"),
        SignerRole.EMPLOI: tr("la ou le conseiller·ère du volet professionnel"),
    }
    return nouns[role]
