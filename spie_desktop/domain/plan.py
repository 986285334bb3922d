"""The action plan: objectives per theme, actions under them, signatures; the rules of editing
a draft. The checks of a whole plan (its entries, its readiness to sign, the review before
signing) are in ``domain.plan_checks``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from spie_desktop.domain.interface_sentence import Sentence, joined, say, verbatim

from .contracts import Contract, ContractHolder, check_contract_choice
from .errors import NotFound, ValidationError
from .offers import LinkedOffer
from .plan_problems import ActionDate, action_label, check_dates, objective_label
from .plan_review import objective_key
from .records import Record


class ObjectiveStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ABANDONED = "abandoned"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ON_HOLD = "standby"
    DONE = "done"
    ABANDONED_BY_PERSON = "abandonned"
    CANCELLED_BY_STRUCTURE = "canceled"

    @property
    def label(self) -> str:
        return ACTION_STATUS_LABELS[self]


ACTION_STATUS_LABELS = {
    ActionStatus.PLANNED: "Prévue",
    ActionStatus.IN_PROGRESS: "En cours",
    ActionStatus.ON_HOLD: "En attente",
    ActionStatus.DONE: "Réalisée",
    ActionStatus.ABANDONED_BY_PERSON: "Abandonnée par la personne",
    ActionStatus.CANCELLED_BY_STRUCTURE: "Annulée par la structure",
}


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


class SignerRole(StrEnum):
    PERSON = "person"
    SOCIAL = "social"
    EMPLOI = "emploi"


REQUIRED_SIGNERS = (SignerRole.PERSON, SignerRole.SOCIAL, SignerRole.EMPLOI)


class SignatureMethod(StrEnum):
    """How a signer signed: drawn on the pad, or their full name typed and confirmed on the
    keyboard (a signer who cannot see the pad or hold a pen). Older records are drawn."""

    DRAWN = "drawn"
    TYPED = "typed"


@dataclass(kw_only=True)
class Action(Record):
    objective_id: uuid.UUID
    label: str
    responsible_structure: str = ""
    referent: str = ""
    start_date: date | None = None
    due_date: date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    offer_id: str | None = None
    #: The offer as it stood when linked (its id is ``offer_id``, "source:id").
    linked_offer: LinkedOffer | None = None

    def effective_status(self, today: date) -> ActionStatus:
        """A planned action whose start date is past is in progress."""
        if self.status is ActionStatus.PLANNED and self.start_date and self.start_date <= today:
            return ActionStatus.IN_PROGRESS
        return self.status


@dataclass(kw_only=True)
class Objective(Record):
    plan_id: uuid.UUID
    theme: str
    label: str
    status: ObjectiveStatus = ObjectiveStatus.IN_PROGRESS
    actions: list[Action] = field(default_factory=list)


@dataclass(kw_only=True)
class Signature(Record):
    """A signature captured on screen: drawn, kept as vector strokes, or typed.

    ``strokes`` is a list of strokes, each a list of ``(x, y)`` points in a 0..1 box; a
    signature typed on the keyboard has none and ``signer_name`` is the name typed.
    """

    plan_id: uuid.UUID
    role: SignerRole
    signer_name: str
    strokes: list[list[tuple[float, float]]]
    signed_at: datetime
    counsellor_id: uuid.UUID | None = None
    method: SignatureMethod = SignatureMethod.DRAWN

    @property
    def given(self) -> bool:
        """Signed: strokes drawn, or the name typed and confirmed."""
        return bool(self.strokes) or self.method is SignatureMethod.TYPED


@dataclass(kw_only=True)
class ActionPlan(Record):
    person_id: uuid.UUID
    interview_id: uuid.UUID | None = None
    plan_version: int = 1
    supersedes_id: uuid.UUID | None = None
    status: PlanStatus = PlanStatus.DRAFT
    contract: Contract = Contract.NONE
    contract_commitment: bool = False
    next_review: date | None = None
    objectives: list[Objective] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    pdf_sha256: str | None = None

    @property
    def is_signed(self) -> bool:
        return self.status is not PlanStatus.DRAFT

    def ensure_editable(self) -> None:
        if self.is_signed:
            raise ValidationError(
                say(
                    "Ce plan est signé : il ne peut plus être modifié. Créez une nouvelle version."
                ),
                "signed plan is immutable",
            )

    # -- editing a draft -------------------------------------------------------------------------
    # Each change checks the draft is editable and refuses (ValidationError, nothing changed)
    # a value that breaks a rule of the field it sets.

    def objective(self, objective_id: uuid.UUID) -> Objective:
        for objective in self.objectives:
            if objective.id == objective_id:
                return objective
        raise NotFound(say("Objectif introuvable dans ce plan."), "objective not in this plan")

    def action(self, action_id: uuid.UUID) -> Action:
        for objective in self.objectives:
            for action in objective.actions:
                if action.id == action_id:
                    return action
        raise NotFound(say("Action introuvable dans ce plan."), "action not in this plan")

    def set_contract(
        self,
        contract: Contract,
        holder: ContractHolder | None = None,
        today: date | None = None,
    ) -> None:
        """Link the draft to ``contract``: never a former one (PPAE, CER) it does not have
        already; with ``holder`` and ``today``, only a pathway the person may enter (see
        ``domain.contracts``)."""
        self.ensure_editable()
        check_contract_choice(self.contract, contract, holder, today)
        self.contract = contract
        if contract is Contract.NONE:
            self.contract_commitment = False

    def set_commitment(self, committed: bool) -> None:
        self.ensure_editable()
        if committed and self.contract is Contract.NONE:
            raise ValidationError(
                say("Choisissez d'abord le contrat auquel le plan est lié."),
                "no contract to commit to",
                "contract_commitment",
            )
        self.contract_commitment = committed

    def set_next_review(self, day: date | None) -> None:
        self.ensure_editable()
        self.next_review = day

    def add_objective(self, theme: str, label: str) -> Objective:
        self.ensure_editable()
        objective = Objective(plan_id=self.id, theme=theme, label=objective_label(label))
        self.objectives.append(objective)
        return objective

    def has_objective(self, theme: str, label: str) -> bool:
        """Whether the plan holds this objective (case and spacing aside)."""
        key = objective_key(theme, label)
        return any(objective_key(o.theme, o.label) == key for o in self.objectives)

    def add_suggested_objective(self, theme: str, label: str) -> Objective:
        """Take up an objective the synthesis suggests; refused if the plan already has it."""
        self.ensure_editable()
        if self.has_objective(theme, label):
            raise ValidationError(
                say("L'objectif « {label} » figure déjà dans le plan.", label=label.strip()),
                "suggested objective already in the plan",
                "objectives",
            )
        return self.add_objective(theme, label)

    def set_objective_label(self, objective_id: uuid.UUID, label: str) -> None:
        self.ensure_editable()
        self.objective(objective_id).label = objective_label(label)

    def set_objective_status(self, objective_id: uuid.UUID, status: ObjectiveStatus) -> None:
        self.ensure_editable()
        self.objective(objective_id).status = status

    def remove_objective(self, objective_id: uuid.UUID) -> None:
        self.ensure_editable()
        self.objectives.remove(self.objective(objective_id))

    def add_action(
        self,
        objective_id: uuid.UUID,
        label: str,
        *,
        responsible_structure: str = "",
        referent: str = "",
        start_date: date | None = None,
        due_date: date | None = None,
        offer_id: str | None = None,
    ) -> Action:
        self.ensure_editable()
        objective = self.objective(objective_id)
        check_dates(start_date, due_date, "due_date")
        action = Action(
            objective_id=objective.id,
            label=action_label(label),
            responsible_structure=responsible_structure.strip(),
            referent=referent.strip(),
            start_date=start_date,
            due_date=due_date,
            offer_id=offer_id,
        )
        objective.actions.append(action)
        return action

    def set_action_text(self, action_id: uuid.UUID, name: ActionText, text: str) -> None:
        self.ensure_editable()
        action = self.action(action_id)
        setattr(action, name, action_label(text) if name == "label" else text.strip())

    def set_action_date(self, action_id: uuid.UUID, name: ActionDate, day: date | None) -> None:
        self.ensure_editable()
        action = self.action(action_id)
        start = day if name == "start_date" else action.start_date
        due = day if name == "due_date" else action.due_date
        check_dates(start, due, name)
        setattr(action, name, day)

    def link_offer(self, action_id: uuid.UUID, offer: LinkedOffer | None) -> None:
        """Keep ``offer`` on the action as it stands now (None: unlink)."""
        self.ensure_editable()
        action = self.action(action_id)
        action.linked_offer = offer
        action.offer_id = f"{offer.source}:{offer.id}" if offer else None

    def set_action_status(self, action_id: uuid.UUID, status: ActionStatus) -> None:
        self.ensure_editable()
        self.action(action_id).status = status

    def remove_action(self, action_id: uuid.UUID) -> None:
        self.ensure_editable()
        action = self.action(action_id)
        for objective in self.objectives:
            objective.actions = [a for a in objective.actions if a.id != action.id]

    def start_due_actions(self, today: date) -> None:
        """Store what :meth:`Action.effective_status` says: planned actions that have
        started are in progress."""
        for objective in self.objectives:
            for action in objective.actions:
                action.status = action.effective_status(today)


ActionText = Literal["label", "responsible_structure", "referent"]


SIGNER_LABELS = {
    SignerRole.PERSON: "la personne accompagnée",
    SignerRole.SOCIAL: "le ou la conseiller·ère du volet social",
    SignerRole.EMPLOI: "le ou la conseiller·ère du volet professionnel",
}


def signer_list(roles: Iterable[SignerRole]) -> Sentence:
    """« la personne accompagnée, le ou la conseiller·ère du volet social », each label in
    the interface's language."""
    return joined(", ", [verbatim(SIGNER_LABELS[role]) for role in roles])
