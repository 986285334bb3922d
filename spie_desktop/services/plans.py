"""Action plans: draft one from the interview, edit it, sign it, version it, export its PDF.

Lifecycle (rules in ``domain.plan``, storage in ``storage.repositories.plans``):

* **draft** — :meth:`PlanService.draft_from_interview` starts an empty draft: the objectives
  the synthesis suggests are offered by :meth:`suggestions` (the agreed priorities first, in
  their order, then the blocking and strong barriers) and taken up one by one with
  ``ActionPlan.add_suggested_objective``, never added for the people. Its contract is the
  contrat d'engagement (``domain.contracts``). A person has at most
  one draft at a time: asking for another returns the one in progress. Edits are the draft's own methods (``domain.plan``); each
  :meth:`save_draft` is one transaction; handwritten signatures are never stored on a
  draft, only with the signing.
* **review** — :meth:`review` reads the draft before the pads: errors refuse the signing,
  warnings (duplicates, objectives without action, priorities without objective) do not;
  :meth:`reading` words it as the PDF will, for the person to read first.
* **signed** — :meth:`sign` (see ``plan_signing``): the PDF, signed by both counsellors'
  keys, is stored in the encrypted store with the plan's SIGNED status in one transaction.
  A signed plan never changes again.
* **new version** — :meth:`new_version` copies a signed plan into version n+1, a DRAFT that
  ``supersedes`` it (new ids; the person's commitment to a contract is asked again; a
  former PPAE or CER becomes the contrat d'engagement). The
  old plan stays SIGNED, and in force, until the new one is signed: only then does it
  become SUPERSEDED, in the same transaction. Every version is kept and listed.

The PDF leaves the store only on request (:meth:`export_pdf`, audited as an export).
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Generator, Mapping
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from spie_desktop.domain.contracts import DEFAULT_CONTRACT, ContractHolder, contract_for_new_version
from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    Objective,
    PlanStatus,
    Signature,
    SignerRole,
)
from spie_desktop.domain.plan_checks import check_entries, review_plan
from spie_desktop.domain.plan_review import PlanReview
from spie_desktop.domain.plan_suggestions import (
    SuggestingTheme,
    ThemeSuggestions,
    plan_suggestions,
)
from spie_desktop.forms import DefinitionRegistry, Synthesis, builtin_registry
from spie_desktop.plan.document import build_plan_document
from spie_desktop.plan.reading import ObjectiveReading, PlanReading, plan_reading
from spie_desktop.storage.session import Session

from .contract_holder import contract_holder
from .file_guard import editable_person
from .plan_signing import (
    Confirmation,
    PlanSigning,
    SignedPlanResult,
    SigningProgress,
    UnlockedSigner,
)
from .private_output import check_output_target, write_private

log = logging.getLogger(__name__)

PLAN = "plan"

__all__ = [
    "PLAN",
    "ObjectiveReading",
    "PlanReading",
    "PlanService",
    "SignedPlanResult",
    "SigningProgress",
    "UnlockedSigner",
]


class PlanService:
    def __init__(self, session: Session, registry: DefinitionRegistry | None = None) -> None:
        self.session = session
        self.registry = registry or builtin_registry()
        self._signing = PlanSigning(session, self.registry)

    # -- reading --------------------------------------------------------------------------------

    def get(self, plan_id: uuid.UUID) -> ActionPlan:
        with self.session.uow(read_only=True) as uow:
            return uow.plans.get(plan_id)

    def list_for_person(self, person_id: uuid.UUID) -> list[ActionPlan]:
        """Every version of the person's plans, oldest first."""
        with self.session.uow(read_only=True) as uow:
            return uow.plans.list_for_person(person_id)

    def list_all(self) -> list[ActionPlan]:
        with self.session.uow(read_only=True) as uow:
            return uow.plans.list_all()

    def current_for_person(self, person_id: uuid.UUID) -> ActionPlan | None:
        """The newest plan that is not superseded: the draft in progress if there is one,
        else the signed plan in force; ``None`` if the person has no plan."""
        live = [p for p in self.list_for_person(person_id) if p.status is not PlanStatus.SUPERSEDED]
        return max(live, key=lambda p: p.plan_version, default=None)

    # -- drafting -------------------------------------------------------------------------------

    def draft_from_interview(self, interview_id: uuid.UUID) -> ActionPlan:
        """The person's draft, made from this interview's synthesis if they have none."""
        with self.session.uow() as uow:
            interview = uow.interviews.get(interview_id)
            editable_person(uow, interview.person_id)
            plans = uow.plans.list_for_person(interview.person_id)
            existing = _draft_of(plans)
            if existing is not None:
                return existing
            plan = ActionPlan(
                person_id=interview.person_id,
                interview_id=interview_id,
                plan_version=_next_version(plans),
                supersedes_id=_in_force_id(plans),
                contract=DEFAULT_CONTRACT,
                updated_by=self.session.counsellor.id,
            )
            uow.plans.add(plan)
            uow.audit.record(AuditAction.CREATED, PLAN, plan.id)
        log.info("plan %s drafted from interview %s", plan.id, interview_id)
        return plan

    def suggestions(self, plan: ActionPlan | uuid.UUID) -> tuple[ThemeSuggestions, ...]:
        """The objectives the plan's interview suggests, per theme, in the order to take
        them up, each marked if ``plan`` (an edited draft, or the stored plan of that id)
        already has it. Sensitive themes are left out without the person's agreement."""
        plan = self.get(plan) if isinstance(plan, uuid.UUID) else plan
        synthesis = self._synthesis(plan)
        themes = [SuggestingTheme(b.theme, b.label, b.weight_label) for b in synthesis.barriers]
        return plan_suggestions(
            plan, synthesis.suggested_objectives, themes, synthesis.priority_themes
        )

    def review(self, plan: ActionPlan, *, signatures: bool = True) -> PlanReview:
        """``plan`` as read before signing (see ``domain.plan_checks.review_plan``), against its
        interview's priorities and today in the territory; ``signatures=False`` before the
        pads are filled."""
        synthesis = self._synthesis(plan)
        labels = {b.theme: b.label for b in synthesis.barriers}
        priorities = {theme: labels.get(theme, theme) for theme in synthesis.priority_themes}
        holder = self.contract_holder(plan.person_id)
        return review_plan(plan, priorities, self.today(), signatures=signatures, holder=holder)

    def contract_holder(self, person_id: uuid.UUID) -> ContractHolder:
        """The person as the contract's pathways see them (birth date, RQTH)."""
        with self.session.uow(read_only=True) as uow:
            return contract_holder(uow, person_id)

    def reading(self, plan: ActionPlan) -> PlanReading:
        """``plan`` (an edited draft) as the person will read it in the PDF: the same
        words, sensitive themes shown only as the consent allows printing them."""
        with self.session.uow(read_only=True) as uow:
            person = uow.people.get(plan.person_id)
            consent = uow.consents.latest_for(person.id)
            synthesis = self._signing.synthesis(uow, plan.interview_id, consent)
        document = build_plan_document(
            plan, person, consent, [], [], synthesis, self.session.territory, place=""
        )
        return plan_reading(document)

    def _synthesis(self, plan: ActionPlan) -> Synthesis:
        with self.session.uow(read_only=True) as uow:
            consent = uow.consents.latest_for(plan.person_id)
            return self._signing.synthesis(uow, plan.interview_id, consent)

    def save_draft(self, plan: ActionPlan) -> ActionPlan:
        """Store the edited draft; returns it as saved. Refuses a signed plan."""
        plan.ensure_editable()
        check_entries(plan)
        plan.start_due_actions(self.today())
        with self.session.uow() as uow:
            stored = uow.plans.get(plan.id)
            editable_person(uow, stored.person_id)
            stored.ensure_editable()
            # What the draft is attached to is not the editor's to change.
            plan.person_id, plan.interview_id = stored.person_id, stored.interview_id
            plan.plan_version, plan.supersedes_id = stored.plan_version, stored.supersedes_id
            plan.signatures = []
            uow.plans.save(plan)
            uow.audit.record(AuditAction.CHANGED, PLAN, plan.id)
        return plan

    def new_version(self, plan_id: uuid.UUID) -> ActionPlan:
        """Version n+1 of a signed plan, as a draft that supersedes it once signed."""
        with self.session.uow() as uow:
            old = uow.plans.get(plan_id)
            editable_person(uow, old.person_id)
            if old.status is PlanStatus.DRAFT:
                raise ValidationError(
                    say("Ce plan n'est pas encore signé : modifiez-le directement."),
                    "a draft needs no new version",
                )
            if old.status is PlanStatus.SUPERSEDED:
                raise ValidationError(
                    say(
                        "Ce plan a été remplacé par une version plus récente : partez de celle-ci."
                    ),
                    "a superseded plan cannot be versioned",
                )
            plans = uow.plans.list_for_person(old.person_id)
            existing = _draft_of(plans)
            if existing is not None:
                return existing
            plan = copy_as_draft(old, _next_version(plans))
            uow.plans.add(plan)
            uow.audit.record(AuditAction.CREATED, PLAN, plan.id)
        log.info("plan %s: version %d drafted from %s", plan.id, plan.plan_version, plan_id)
        return plan

    # -- signing --------------------------------------------------------------------------------

    def sign(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        confirmations: Mapping[SignerRole, Confirmation],
        place: str,
        progress: Callable[[SigningProgress], None] | None = None,
    ) -> SignedPlanResult:
        """Sign the draft: see :class:`~spie_desktop.services.plan_signing.PlanSigning`."""
        return self._signing.sign(plan_id, signatures, confirmations, place, progress)

    def sign_steps(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        confirmations: Mapping[SignerRole, Confirmation],
        place: str,
    ) -> Generator[SigningProgress, None, SignedPlanResult]:
        """:meth:`sign` as a generator of progress, for ``ui/tasks.py``."""
        return self._signing.steps(plan_id, signatures, confirmations, place)

    def unlock_signer(self, counsellor_id: uuid.UUID, passphrase: str) -> UnlockedSigner:
        return self._signing.unlock_signer(counsellor_id, passphrase)

    def sign_unlocked(
        self,
        plan_id: uuid.UUID,
        signatures: list[Signature],
        signers: Mapping[SignerRole, UnlockedSigner],
        place: str,
    ) -> SignedPlanResult:
        """Sign with keys already unlocked (several plans in one sitting, demo data)."""
        return self._signing.sign_unlocked(plan_id, signatures, signers, place)

    # -- the PDF --------------------------------------------------------------------------------

    def pdf(self, plan_id: uuid.UUID) -> bytes:
        """The signed PDF, in memory (to show it in the application)."""
        with self.session.uow(read_only=True) as uow:
            plan = uow.plans.get(plan_id)
            data = uow.plans.load_pdf(plan_id)
        if data is None or plan.pdf_sha256 is None:
            raise NotFound(
                say("Ce plan n'est pas encore signé : il n'a pas de PDF."),
                "the plan has no PDF yet",
            )
        if hashlib.sha256(data).hexdigest() != plan.pdf_sha256:
            raise ValidationError(
                say("Le PDF enregistré de ce plan est endommagé."),
                "stored PDF does not match its SHA-256",
            )
        return data

    def export_pdf(self, plan_id: uuid.UUID, out: Path) -> Path:
        """Write the signed PDF to ``out`` (owner-only), outside the data dir; audited."""
        target = out.expanduser().resolve()
        data_dir = self.session.data_dir.resolve()
        if target == data_dir or data_dir in target.parents:
            raise ValidationError(
                say("Le PDF ne peut pas être écrit dans le dossier de données chiffrées."),
                "refusing to write a clear-text PDF inside the data dir",
                "out",
            )
        if not target.parent.is_dir():
            raise ValidationError(
                say("Le dossier de destination n'existe pas."),
                "output folder does not exist",
                "out",
            )
        check_output_target(target)
        data = self.pdf(plan_id)
        write_private(target, data)
        with self.session.uow() as uow:
            uow.audit.record(AuditAction.EXPORTED, PLAN, plan_id)
        log.info("plan %s exported as PDF", plan_id)
        return target

    def today(self) -> date:
        return datetime.now(ZoneInfo(self.session.territory.timezone)).date()


def copy_as_draft(old: ActionPlan, plan_version: int) -> ActionPlan:
    """A new draft with ``old``'s content under new ids; the commitment is asked again,
    and a former contract (PPAE, CER) is proposed as the contrat d'engagement."""
    plan = ActionPlan(
        person_id=old.person_id,
        interview_id=old.interview_id,
        plan_version=plan_version,
        supersedes_id=old.id,
        contract=contract_for_new_version(old.contract),
        next_review=old.next_review,
    )
    for source in old.objectives:
        objective = Objective(
            plan_id=plan.id, theme=source.theme, label=source.label, status=source.status
        )
        objective.actions = [
            Action(
                objective_id=objective.id,
                label=a.label,
                responsible_structure=a.responsible_structure,
                referent=a.referent,
                start_date=a.start_date,
                due_date=a.due_date,
                status=a.status,
                offer_id=a.offer_id,
                linked_offer=a.linked_offer,
            )
            for a in source.actions
        ]
        plan.objectives.append(objective)
    return plan


def _draft_of(plans: list[ActionPlan]) -> ActionPlan | None:
    drafts = [p for p in plans if p.status is PlanStatus.DRAFT]
    return max(drafts, key=lambda p: p.plan_version, default=None)


def _in_force_id(plans: list[ActionPlan]) -> uuid.UUID | None:
    signed = [p for p in plans if p.status is PlanStatus.SIGNED]
    return max(signed, key=lambda p: p.plan_version).id if signed else None


def _next_version(plans: list[ActionPlan]) -> int:
    return max((p.plan_version for p in plans), default=0) + 1
