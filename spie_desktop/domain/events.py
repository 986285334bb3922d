"""Follow-up events on a person's path, and the audit trail (who did what, never content)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from .records import Record, utc_now


class FollowUpKind(StrEnum):
    CONTACT = "contact"  # phone call, meeting, message
    STEP_START = "step_start"  # an action started (training, immersion...)
    STEP_END = "step_end"
    REVIEW = "review"  # plan review
    EMPLOYMENT = "employment"  # return to work
    CHECK_IN = "check_in"  # post-employment check-in (1, 3, 6 months)
    CASE_REVIEW = "case_review"  # flagged for multi-agency case review


FOLLOW_UP_LABELS = {
    FollowUpKind.CONTACT: "Contact",
    FollowUpKind.STEP_START: "Début d'une étape",
    FollowUpKind.STEP_END: "Fin d'une étape",
    FollowUpKind.REVIEW: "Point d'étape du plan",
    FollowUpKind.EMPLOYMENT: "Retour à l'emploi",
    FollowUpKind.CHECK_IN: "Suivi dans l'emploi",
    FollowUpKind.CASE_REVIEW: "Revue de situation pluri-partenariale",
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


@dataclass(kw_only=True)
class AuditEvent(Record):
    """Who did what to which record, and when. Never any content."""

    action: AuditAction
    actor_id: uuid.UUID | None
    entity: str = ""
    entity_id: uuid.UUID | None = None
    at: datetime = field(default_factory=utc_now)
