"""The action plan: objectives per theme, actions under them, signatures; its lifecycle rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .errors import ValidationError
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


class Contract(StrEnum):
    NONE = "none"
    CER = "cer"  # contrat d'engagements réciproques (RSA)
    PPAE = "ppae"  # projet personnalisé d'accès à l'emploi
    CEJ = "cej"  # contrat d'engagement jeune
    PACEA = "pacea"  # parcours contractualisé d'accompagnement vers l'emploi et l'autonomie


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


class SignerRole(StrEnum):
    PERSON = "person"
    SOCIAL = "social"
    EMPLOI = "emploi"


REQUIRED_SIGNERS = (SignerRole.PERSON, SignerRole.SOCIAL, SignerRole.EMPLOI)


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
    """A handwritten signature captured on screen, kept as vector strokes.

    ``strokes`` is a list of strokes, each a list of ``(x, y)`` points in a 0..1 box.
    """

    plan_id: uuid.UUID
    role: SignerRole
    signer_name: str
    strokes: list[list[tuple[float, float]]]
    signed_at: datetime
    counsellor_id: uuid.UUID | None = None


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
                "Ce plan est signé : il ne peut plus être modifié. Créez une nouvelle version.",
                "signed plan is immutable",
            )

    def check_entries(self) -> None:
        """Raise the first badly filled entry: a label left empty, an action due before it
        starts. Checked at every save of a draft."""
        for objective in self.objectives:
            if not objective.label.strip():
                raise ValidationError(
                    "Chaque objectif doit avoir un intitulé.", "objective without label", "label"
                )
            for action in objective.actions:
                if not action.label.strip():
                    raise ValidationError(
                        "Chaque action doit avoir un intitulé.", "action without label", "label"
                    )
                if action.start_date and action.due_date and action.due_date < action.start_date:
                    raise ValidationError(
                        f"L'échéance de l'action « {action.label} » est antérieure à son début.",
                        "action due before it starts",
                        "due_date",
                    )

    def start_due_actions(self, today: date) -> None:
        """Store what :meth:`Action.effective_status` says: planned actions that have
        started are in progress."""
        for objective in self.objectives:
            for action in objective.actions:
                action.status = action.effective_status(today)

    def check_ready_to_sign(self) -> None:
        """Raise the first reason this plan cannot be signed yet."""
        if not self.objectives:
            raise ValidationError(
                "Le plan ne contient aucun objectif.", "plan has no objective", "objectives"
            )
        for objective in self.objectives:
            for action in objective.actions:
                if action.due_date is None:
                    raise ValidationError(
                        f"L'action « {action.label} » n'a pas d'échéance.",
                        "action without due date",
                        "due_date",
                    )
        if self.contract is not Contract.NONE and not self.contract_commitment:
            raise ValidationError(
                "Le plan est lié à un contrat : l'engagement de la personne doit être recueilli.",
                "contract linked without the person's commitment",
                "contract_commitment",
            )
        roles = {s.role for s in self.signatures if s.strokes}
        missing = [r for r in REQUIRED_SIGNERS if r not in roles]
        if missing:
            raise ValidationError(
                "Signature manquante : " + ", ".join(SIGNER_LABELS[r] for r in missing) + ".",
                "missing signature: " + ", ".join(missing),
                "signatures",
            )


SIGNER_LABELS = {
    SignerRole.PERSON: "la personne accompagnée",
    SignerRole.SOCIAL: "le ou la conseiller·ère du volet social",
    SignerRole.EMPLOI: "le ou la conseiller·ère du volet professionnel",
}
