"""Follow-up events on a person's path, and the audit trail (who did what, never content)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .records import Record, utc_now


class FollowUpKind(StrEnum):
    """What happened on a person's path. Stored values never change (they travel and are
    kept for years); a new kind is a new value. Steps a plan already records (diagnostic done,
    plan signed, an action started, done or abandoned) are read from the plan, never stored
    here a second time."""

    ORIENTATION = "orientation"  # oriented to the SPIE (list import or by hand): starts the clock
    FIRST_CONTACT = "first_contact"
    CONTACT = "contact"  # details: {"channel": "phone" | "meeting" | "message"}
    MISSED_APPOINTMENT = "missed_appointment"
    STEP_START = "step_start"  # another step started (details may name it)
    STEP_END = "step_end"
    IMMERSION_START = "immersion_start"
    IMMERSION_END = "immersion_end"
    TRAINING_START = "training_start"
    TRAINING_END = "training_end"
    REVIEW = "review"  # plan review
    EMPLOYMENT = "employment"  # return to work; details: contract, hours, employer
    CHECK_IN = "check_in"  # in-work check-in; details: month (1, 3, 6), still in work…
    CASE_REVIEW = "case_review"  # flagged for multi-agency case review
    END_OF_SUPPORT = "end_of_support"  # details: {"outcome": code of domain.support_end}
    SUPPORT_REOPENED = "support_reopened"  # details: {"reason": text}
    RESTRICTED = "restricted"  # RGPD art. 18; details: {"reason": text}
    RESTRICTION_LIFTED = "restriction_lifted"


FOLLOW_UP_LABELS = {
    FollowUpKind.ORIENTATION: "Orientation",
    FollowUpKind.FIRST_CONTACT: "Premier contact",
    FollowUpKind.CONTACT: "Contact",
    FollowUpKind.MISSED_APPOINTMENT: "Rendez-vous manqué",
    FollowUpKind.STEP_START: "Début d'une étape",
    FollowUpKind.STEP_END: "Fin d'une étape",
    FollowUpKind.IMMERSION_START: "Début d'immersion",
    FollowUpKind.IMMERSION_END: "Fin d'immersion",
    FollowUpKind.TRAINING_START: "Entrée en formation",
    FollowUpKind.TRAINING_END: "Fin de formation",
    FollowUpKind.REVIEW: "Point d'étape du plan",
    FollowUpKind.EMPLOYMENT: "Retour à l'emploi",
    FollowUpKind.CHECK_IN: "Suivi dans l'emploi",
    FollowUpKind.CASE_REVIEW: "Revue de situation pluri-partenariale",
    FollowUpKind.END_OF_SUPPORT: "Fin d'accompagnement",
    FollowUpKind.SUPPORT_REOPENED: "Reprise de l'accompagnement",
    FollowUpKind.RESTRICTED: "Limitation du traitement",
    FollowUpKind.RESTRICTION_LIFTED: "Fin de la limitation",
}


def follow_up_label(kind: FollowUpKind) -> str:
    return FOLLOW_UP_LABELS[kind]


@dataclass(kw_only=True)
class FollowUpEvent(Record):
    person_id: uuid.UUID
    kind: FollowUpKind
    occurred_at: datetime = field(default_factory=utc_now)
    note: str = ""
    action_id: uuid.UUID | None = None
    #: What the kind records beyond a date (a contact's channel, a contract, a check-in's
    #: answers): plain JSON values, never a name of anyone but the employer.
    details: dict[str, Any] = field(default_factory=dict)


class AuditAction(StrEnum):
    STORE_CREATED = "store_created"
    UNLOCKED = "unlocked"
    UNLOCK_FAILED = "unlock_failed"
    LOCKED = "locked"
    COUNSELLOR_ADDED = "counsellor_added"
    PASSPHRASE_CHANGED = "passphrase_changed"
    RECOVERY_USED = "recovery_used"
    OPENED = "opened"
    CREATED = "created"
    CHANGED = "changed"
    SIGNED = "signed"
    EXPORTED = "exported"
    SYNCED = "synced"
    FILE_PURGED = "file_purged"  # a person's file forgotten: the line names no one
    FILE_UNSHARED = "file_unshared"  # a file no longer shared with this structure: erased here


@dataclass(kw_only=True)
class AuditEvent(Record):
    """Who did what to which record, and when. Never any content."""

    action: AuditAction
    actor_id: uuid.UUID | None
    entity: str = ""
    entity_id: uuid.UUID | None = None
    at: datetime = field(default_factory=utc_now)
