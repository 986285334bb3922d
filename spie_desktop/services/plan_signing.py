"""Signing a plan: the rules, each counsellor's own confirmation, the PDF, one transaction.

Who may sign, and how the pad's signatures are named, is in ``services.plan_signers``: the
person signs on the pad; each counsellor signs on the pad *and* confirms with their own
passphrase, which unwraps their own signing key (``services.signing_keys``), so one
counsellor can never sign for the other.

Steps (:class:`SigningProgress`): Préparation (load, rules) → Mise en page (document and
layout) → Signature 1/2 (social key unwrapped, PDF signed) → Signature 2/2 (emploi) →
Enregistrement: one unit of work stores the plan as SIGNED with its handwritten signatures,
the PDF, the predecessor as SUPERSEDED, the person as accompanied, and the audit entry.
Nothing is written before that last step (except a counsellor's identity made at their first
signing on a store older than identities), so a refusal, a wrong passphrase or a cancel
between steps leaves the plan as it was.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from spie_desktop.config import keyslots_path
from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.organisation import Counsellor
from spie_desktop.domain.people import ConsentRecord
from spie_desktop.domain.plan import ActionPlan, PlanStatus, Signature, SignerRole
from spie_desktop.domain.plan_checks import check_entries, check_ready_to_sign
from spie_desktop.forms import (
    AnswerRecord,
    DefinitionRegistry,
    InterviewState,
    Synthesis,
    open_interview,
)
from spie_desktop.plan.crypto_signers import CRYPTO_SIGNERS
from spie_desktop.plan.document import (
    PlanDocument,
    build_plan_document,
    print_synthesis,
    signing_place,
)
from spie_desktop.plan.errors import WrongSigningPassphrase
from spie_desktop.plan.signed_plan import CounsellorKey, signer_input
from spie_desktop.storage.errors import UnknownAccount, WrongPassphrase
from spie_desktop.storage.keyslots import KeySlots
from spie_desktop.storage.session import Session

from .contract_holder import contract_holder
from .file_guard import editable_person
from .people import store_computed_status
from .person_languages import device_texts
from .plan_signers import check_signers, find_counsellor, handwritten_signatures
from .signing_keys import (
    create_signing_key,
    request_territory_certificate,
    unlock_signing_key,
)

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

PLAN = "plan"
STEPS = ("Préparation", "Mise en page", "Signature 1/2", "Signature 2/2", "Enregistrement")

#: (counsellor account id, the passphrase they typed to confirm)
Confirmation = tuple[uuid.UUID, str]
KeySource = Callable[[Counsellor], CounsellorKey]


@dataclass(frozen=True)
class SigningProgress:
    step: int  # 1..total
    total: int
    label: str  # French, for the progress bar


@dataclass(frozen=True)
class SignedPlanResult:
    plan: ActionPlan
    pdf_sha256: str
    size: int


@dataclass(frozen=True)
class UnlockedSigner:
    """A counsellor whose signing key is unwrapped, in memory only."""

    counsellor: Counsellor
    key: CounsellorKey


@dataclass
class _Prepared:
    plan: ActionPlan
    counsellors: dict[SignerRole, Counsellor]
    document: PlanDocument
    place: str


class PlanSigning:
    def __init__(self, session: Session, registry: DefinitionRegistry) -> None:
        self.session = session
        self.registry = registry

    # -- entry points ---------------------------------------------------------------------------

    def sign(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        confirmations: Mapping[SignerRole, Confirmation],
        place: str,
        progress: Callable[[SigningProgress], None] | None = None,
    ) -> SignedPlanResult:
        return _drive(self.steps(plan_id, signatures, confirmations, place), progress)

    def steps(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        confirmations: Mapping[SignerRole, Confirmation],
        place: str,
    ) -> Generator[SigningProgress, None, SignedPlanResult]:
        ids = {role: account for role, (account, _) in confirmations.items()}
        sources: dict[SignerRole, KeySource] = {
            role: partial(self._unlock, passphrase=passphrase)
            for role, (_, passphrase) in confirmations.items()
        }
        return self._steps(plan_id, signatures, ids, sources, place)

    def sign_unlocked(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        signers: Mapping[SignerRole, UnlockedSigner],
        place: str,
    ) -> SignedPlanResult:
        ids = {role: signer.counsellor.id for role, signer in signers.items()}
        sources: dict[SignerRole, KeySource] = {
            role: partial(_given_key, signer.key) for role, signer in signers.items()
        }
        return _drive(self._steps(plan_id, signatures, ids, sources, place), None)

    def unlock_signer(self, counsellor_id: uuid.UUID, passphrase: str) -> UnlockedSigner:
        with self.session.uow(read_only=True) as uow:
            counsellor = find_counsellor(uow, counsellor_id)
        return UnlockedSigner(counsellor, self._unlock(counsellor, passphrase))

    # -- the steps ------------------------------------------------------------------------------

    def _steps(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        ids: Mapping[SignerRole, uuid.UUID],
        sources: Mapping[SignerRole, KeySource],
        place: str,
    ) -> Generator[SigningProgress, None, SignedPlanResult]:
        total = len(STEPS)
        yield SigningProgress(1, total, STEPS[0])
        prepared = self._prepare(plan_id, signatures, ids, place)
        yield SigningProgress(2, total, STEPS[1])
        # reportlab and pyHanko: imported by the first signing, not with the windows
        from spie_desktop.plan.render import render_plan_pdf
        from spie_desktop.plan.signing import sign_plan_pdf

        rendered = render_plan_pdf(prepared.document)
        pdf = rendered.pdf
        for number, role in enumerate(CRYPTO_SIGNERS, start=1):
            yield SigningProgress(2 + number, total, STEPS[1 + number])
            key = sources[role](prepared.counsellors[role])
            signer = signer_input(role, key, rendered, prepared.place)
            pdf = sign_plan_pdf(pdf, [signer], self.session.territory.timezone)
        yield SigningProgress(total, total, STEPS[-1])
        return self._store(prepared, pdf)

    def _prepare(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        ids: Mapping[SignerRole, uuid.UUID],
        place: str,
    ) -> _Prepared:
        with self.session.uow(read_only=True) as uow:
            plan = uow.plans.get(plan_id)
            plan.ensure_editable()
            editable_person(uow, plan.person_id)
            counsellors = check_signers(
                {role: find_counsellor(uow, cid) for role, cid in ids.items()}
            )
            person = uow.people.get(plan.person_id)
            consent = uow.consents.latest_for(person.id)
            synthesis = self.synthesis(uow, plan.interview_id, consent)
            structures = uow.structures.list_all()
            interview = uow.interviews.find(plan.interview_id) if plan.interview_id else None
            holder = contract_holder(uow, plan.person_id)
        place = signing_place(
            place, interview.place if interview else "", person.commune, self.session.territory
        )
        plan.signatures = handwritten_signatures(plan, signatures, person, counsellors)
        today = datetime.now(ZoneInfo(self.session.territory.timezone)).date()
        # The review's errors refuse the signing; its warnings were shown and accepted.
        check_entries(plan)
        check_ready_to_sign(plan, today, holder)
        plan.start_due_actions(today)
        document = build_plan_document(
            plan,
            person,
            consent,
            [counsellors[role] for role in CRYPTO_SIGNERS],
            structures,
            synthesis,
            self.session.territory,
            place,
            texts=device_texts(self.session.data_dir, person.language),
        )
        return _Prepared(plan, counsellors, document, place)

    def _store(self, prepared: _Prepared, pdf: bytes) -> SignedPlanResult:
        plan = prepared.plan
        with self.session.uow() as uow:
            editable_person(uow, plan.person_id)
            plan.status = PlanStatus.SIGNED
            uow.plans.save(plan)
            sha256 = uow.plans.attach_pdf(plan.id, pdf)
            if plan.supersedes_id is not None:
                _supersede(uow, plan.supersedes_id)
            person = uow.people.get(plan.person_id)
            timezone = self.session.territory.timezone
            today = datetime.now(ZoneInfo(timezone)).date()
            if store_computed_status(uow, person, timezone, today):
                uow.audit.record(AuditAction.CHANGED, "person", person.id)
            uow.audit.record(AuditAction.SIGNED, PLAN, plan.id)
        plan.pdf_sha256 = sha256
        log.info("plan %s signed (version %d, %d bytes)", plan.id, plan.plan_version, len(pdf))
        return SignedPlanResult(plan, sha256, len(pdf))

    # -- what the steps need --------------------------------------------------------------------

    def synthesis(
        self, uow: UnitOfWork, interview_id: uuid.UUID | None, consent: ConsentRecord | None
    ) -> Synthesis:
        """The interview's synthesis as it may be printed (sensitive content per consent)."""
        interview = uow.interviews.find(interview_id) if interview_id else None
        if interview is None:
            state = InterviewState(self.registry.current())
        else:
            records = {
                a.key: AnswerRecord(a.value, a.author_id, a.updated_at)
                for a in uow.answers.list_for(interview.id)
            }
            state = open_interview(
                self.registry, interview.definition_id, interview.definition_version, records
            )
        return print_synthesis(state, consent)

    def _unlock(self, counsellor: Counsellor, passphrase: str) -> CounsellorKey:
        """The counsellor's key, unwrapped with their passphrase; made now if they have none
        (a store older than signing identities), once the passphrase opens their key slot."""
        with self.session.uow(read_only=True) as uow:
            stored = uow.signing_keys.current_for(counsellor.id)
        try:
            if stored is None:
                self._check_account_passphrase(counsellor, passphrase)
                with self.session.uow() as uow:
                    stored = create_signing_key(uow, counsellor, passphrase)
            key = unlock_signing_key(stored, counsellor, passphrase)
        except WrongSigningPassphrase:
            with self.session.uow() as uow:
                uow.audit.record(AuditAction.UNLOCK_FAILED, "counsellor", counsellor.id)
            log.info("signing confirmation failed for account %s", counsellor.id)
            raise
        if not stored.chain_pem:  # self-signed: ask the territory for a certificate at next sync
            request_territory_certificate(self.session, counsellor, key.private_key)
        return key

    def _check_account_passphrase(self, counsellor: Counsellor, passphrase: str) -> None:
        slots = KeySlots.load(keyslots_path(self.session.data_dir))
        try:
            data_key = slots.unlock(counsellor.id, passphrase)
        except WrongPassphrase:
            raise WrongSigningPassphrase(counsellor.display_name) from None
        except UnknownAccount:
            raise ValidationError(
                say(
                    "{display_name} n'a pas de compte sur cet appareil : impossible de confirmer "
                    "sa signature.",
                    display_name=counsellor.display_name,
                ),
                "signing counsellor has no key slot on this device",
                "signatures",
            ) from None
        if not hmac.compare_digest(data_key, self.session.data_key):
            raise WrongSigningPassphrase(counsellor.display_name)


def _supersede(uow: UnitOfWork, plan_id: uuid.UUID) -> None:
    try:
        previous = uow.plans.get(plan_id)
    except NotFound:
        return
    if previous.status is PlanStatus.SIGNED:
        previous.status = PlanStatus.SUPERSEDED
        uow.plans.save(previous)
        uow.audit.record(AuditAction.CHANGED, PLAN, previous.id)


def _given_key(key: CounsellorKey, _counsellor: Counsellor) -> CounsellorKey:
    return key


def _drive(
    steps: Generator[SigningProgress, None, SignedPlanResult],
    progress: Callable[[SigningProgress], None] | None,
) -> SignedPlanResult:
    while True:
        try:
            step = next(steps)
        except StopIteration as done:
            return done.value
        if progress is not None:
            progress(step)
