"""Records received from the server that this laptop could not store, for the conflict inbox.

A pulled record that cannot be stored — an entity this version of the application does not
synchronise, a required field missing, a value of the wrong type (what a server accepted
before it checked records) — is kept aside as received, and the sync goes on with the rest.
The counsellor sees it listed here; a corrected version from the server, or a newer version
of the application, stores it at a later sync without anything to do.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from spie_desktop.storage.entities import label_fr
from spie_desktop.storage.repositories.sync_inbox import UNKNOWN_ENTITY
from spie_desktop.storage.session import Session
from spie_desktop.sync.progress import SET_ASIDE

UNKNOWN_LABEL_FR = "Fiche d'un type inconnu"

REASONS_FR = {
    UNKNOWN_ENTITY: (
        "Type de fiche inconnu de cette version de l'application : elle est gardée de côté "
        "et sera reprise après une mise à jour."
    ),
}
DEFAULT_REASON_FR = (
    "Fiche incomplète ou invalide envoyée par le serveur : elle est gardée de côté et sera "
    "reprise dès qu'une version corrigée arrivera."
)


@dataclass(frozen=True)
class SetAsideView:
    """One record kept aside, as plain data for the inbox."""

    entity: str
    entity_label_fr: str
    entity_id: uuid.UUID
    version: int
    reason: str
    reason_fr: str

    @property
    def title_fr(self) -> str:
        """« Personne (fiche 7c9e6679) »: enough to tell the administrator which one."""
        return f"{self.entity_label_fr} (fiche {str(self.entity_id)[:8]})"


def list_set_aside(session: Session) -> list[SetAsideView]:
    with session.uow(read_only=True) as uow:
        records = uow.inbox.parked_records(SET_ASIDE)
    return [
        SetAsideView(
            entity=r.entity,
            entity_label_fr=label_fr(r.entity, UNKNOWN_LABEL_FR),
            entity_id=r.entity_id,
            version=r.version,
            reason=r.reason,
            reason_fr=REASONS_FR.get(r.reason, DEFAULT_REASON_FR),
        )
        for r in records
    ]
