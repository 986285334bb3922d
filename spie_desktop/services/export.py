"""Right of access (RGPD art. 15): everything held on one person, as JSON-ready data."""

from __future__ import annotations

import base64
import dataclasses
import enum
import logging
import uuid
from datetime import date, datetime
from typing import Any

from spie_desktop import __version__
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.records import utc_now
from spie_desktop.storage.session import Session

from .people import PERSON, PersonNotFound

log = logging.getLogger(__name__)

EXPORT_FORMAT = "spie-desktop/person-export"
EXPORT_FORMAT_VERSION = 1


def export_person(session: Session, person_id: uuid.UUID) -> dict[str, Any]:
    """Identity, consents, interviews with answers, plans, follow-up events and the audit
    entries about any of them. Recorded in the audit trail as an export."""
    with session.uow() as uow:
        person = uow.people.find(person_id)
        if person is None:
            raise PersonNotFound()
        consents = uow.consents.list_for(person_id)
        interviews = uow.interviews.list_for_person(person_id)
        answers = {i.id: uow.answers.list_for(i.id) for i in interviews}
        plans = uow.plans.list_for_person(person_id)
        pdfs = {p.id: uow.plans.load_pdf(p.id) for p in plans if p.pdf_sha256}
        events = uow.events.list_for_person(person_id)
        related = {person.id}
        related.update(c.id for c in consents)
        related.update(i.id for i in interviews)
        related.update(a.id for values in answers.values() for a in values)
        related.update(p.id for p in plans)
        related.update(e.id for e in events)
        audit = [a for a in uow.audit.list() if a.entity_id in related]
        uow.audit.record(AuditAction.EXPORTED, PERSON, person_id)
    log.info("person %s exported", person_id)
    return to_jsonable(
        {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": utc_now(),
            "exported_by": session.counsellor.id,
            "software": f"spie-desktop {__version__}",
            "territory": session.territory.code,
            "person": person,
            "consents": consents,
            "interviews": [{**_fields(i), "answers": answers[i.id]} for i in interviews],
            "plans": [{**_fields(p), "pdf_base64": _b64(pdfs.get(p.id))} for p in plans],
            "events": events,
            "audit": audit,
        }
    )


def _b64(blob: bytes | None) -> str | None:
    return None if blob is None else base64.b64encode(blob).decode("ascii")


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, UUIDs, dates and sets turned into plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in _fields(value).items()}
    if isinstance(value, dict):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(to_jsonable(v) for v in value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"bytes": len(value)}
    return value
