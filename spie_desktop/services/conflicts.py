"""The conflict inbox: local values that lost against the server's, waiting for a person.

When the same field was changed on this laptop and on the server, the server's value stays
in the record and the local one is kept here (nothing is dropped). A counsellor compares
them side by side and keeps the server's, takes back their own, or writes a combination;
taking back or combining is a normal local change, pushed at the next sync.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.storage.entities import label_fr
from spie_desktop.storage.session import Session
from spie_desktop.sync.merge import DELETED_FIELD as DELETED_FIELD


@dataclass(frozen=True)
class Combined:
    """A value written by the counsellor from both versions."""

    value: Any


Choice = Literal["local", "server"] | Combined


@dataclass(frozen=True)
class ConflictView:
    """One open conflict, as plain data for the inbox (values are JSON: text, numbers…)."""

    id: uuid.UUID
    entity: str
    entity_label_fr: str
    entity_id: uuid.UUID
    field: str
    local_value: Any
    server_value: Any
    server_version: int
    detected_at: datetime


class ConflictNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__(say("Ce conflit n'existe plus (déjà résolu ?)."), "conflict not found")


class RecordForgotten(ValidationError):
    """The record was forgotten (its person's file erased or expired) after the local edit."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Ce dossier a été effacé (à la demande de la personne ou au terme de sa "
                "conservation) : la modification ne peut plus y être reportée. Gardez la version "
                "du serveur pour l'oublier aussi."
            ),
            "the record of this conflict was forgotten",
        )


def list_open(session: Session) -> list[ConflictView]:
    with session.uow(read_only=True) as uow:
        records = uow.inbox.conflicts(open_only=True)
    return [
        ConflictView(
            id=r.id,
            entity=r.entity,
            entity_label_fr=label_fr(r.entity),
            entity_id=r.entity_id,
            field=r.field,
            local_value=r.local_value,
            server_value=r.server_value,
            server_version=r.server_version,
            detected_at=r.detected_at,
        )
        for r in records
    ]


def count_open(session: Session) -> int:
    with session.uow(read_only=True) as uow:
        return len(uow.inbox.conflicts(open_only=True))


def resolve(session: Session, conflict_id: uuid.UUID, choice: Choice) -> None:
    """Close a conflict: ``"server"`` keeps what the record holds, ``"local"`` takes this
    laptop's value back, :class:`Combined` stores a new value. One transaction."""
    with session.uow() as uow:
        conflict = uow.inbox.conflict(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise ConflictNotFound()
        entity, entity_id = conflict.entity, conflict.entity_id
        if (
            conflict.field != DELETED_FIELD
            and uow.documents.local_version(entity, entity_id) is None
        ):
            # Its record was forgotten: keeping the server's side forgets the edit too (no
            # audit line: it would name the forgotten record).
            if choice != "server":
                raise RecordForgotten()
            uow.inbox.forget_conflict(conflict_id)
            return
        if conflict.field == DELETED_FIELD:
            # local_value True: deleted here, edited there (the record was kept).
            deleted_here = bool(conflict.local_value)
            wants_deleted = deleted_here if choice == "local" else not deleted_here
            if choice not in ("local", "server"):
                raise ValidationError(
                    say("Choisissez l'une des deux versions."), "a deletion cannot be combined"
                )
            if wants_deleted:
                uow.documents.delete_with_journal(entity, entity_id)
        elif choice != "server":
            value = conflict.local_value if choice == "local" else choice.value  # type: ignore[union-attr]
            if uow.documents.local_version(entity, entity_id) is None:
                raise ConflictNotFound()
            uow.documents.edit_field(entity, entity_id, conflict.field, value)
        label = "combined" if isinstance(choice, Combined) else choice
        uow.inbox.close_conflict(conflict_id, label)
        uow.audit.record(AuditAction.CHANGED, entity, entity_id)
