"""Forgetting one person's file on this device, and erasing it on request (RGPD art. 17).

Erasure: the counsellor gives a reason (required, kept nowhere: it may itself name the
person) and confirms; the file is forgotten here at once and a tombstone (``purges`` record,
reason ``erasure``) waits in the outbox, pushed at the next sync, so the server and every
other device forget it too. The tombstone holds the person's id only.

After every purge the WAL is copied into the store file and truncated: the overwritten pages
(``secure_delete``) then are the only ones left.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.local_calendar import today_in
from spie_desktop.domain.records import utc_now
from spie_desktop.storage import purge
from spie_desktop.storage.entities import PURGES
from spie_desktop.storage.scrub import scrub_after_purge
from spie_desktop.storage.session import Session
from spie_desktop.sync.tombstones import drop_inflight_of

from .people import PersonNotFound

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

REASON_ERASURE = "erasure"
REASON_RETENTION = "retention"
ERASE_CONSEQUENCE_FR = (
    "Tout le dossier de cette personne (identité, entretiens, réponses, plans signés, "
    "événements, consentements) sera effacé définitivement de cet ordinateur, puis du "
    "serveur du territoire et de tous les autres postes à la prochaine synchronisation. "
    "Cette action est irréversible."
)


class ErasureReasonMissing(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            say("Indiquez le motif de l'effacement demandé par la personne."),
            "an erasure needs a reason",
            "reason",
        )


@dataclass(frozen=True)
class Erased:
    person_id: uuid.UUID
    records: int  # how many records were forgotten
    tombstone_id: uuid.UUID


def erase_person(session: Session, person_id: uuid.UUID, reason: str) -> Erased:
    """Forget the person's whole file now and queue the tombstone telling the territory."""
    if not reason.strip():
        raise ErasureReasonMissing()
    tombstone_id = uuid.uuid4()
    with session.uow() as uow:
        if uow.people.find(person_id) is None:
            raise PersonNotFound()
        records = purge.collect(uow, [person_id])
        drop_inflight_of(uow, records)  # what it carried of them must not reach the server
        forgotten = purge.erase(uow, records)
        doc = keep_tombstone(session, uow, person_id, REASON_ERASURE, tombstone_id)
        uow.outbox.journal(PURGES, tombstone_id, doc, version=1, base_version=None)
    scrub(session, records.all_ids())
    log.info("file erased on request: %d records forgotten", forgotten)
    return Erased(person_id, forgotten, tombstone_id)


def keep_tombstone(
    session: Session,
    uow: UnitOfWork,
    person_id: uuid.UUID,
    reason: str,
    tombstone_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Store a tombstone for a person forgotten here (its document): what comes back of
    them from the server later is forgotten again (:mod:`spie_desktop.sync.tombstones`)."""
    doc: dict[str, Any] = {
        "person_id": str(person_id),
        "reason": reason,
        "purged_on": today_in(session.territory.timezone).isoformat(),
        "updated_at": utc_now().isoformat(),
        "updated_by": str(session.counsellor.id),
    }
    uow.documents.store_doc(
        PURGES, tombstone_id or uuid.uuid4(), doc, hlc=uow.documents.stamp(), min_version=1
    )
    return doc


def scrub(session: Session, forgotten: set[uuid.UUID]) -> None:
    """No old page of a purge left in the WAL, no forgotten id in the logs."""
    scrub_after_purge(session, forgotten)
