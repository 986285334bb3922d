"""Right of access (RGPD art. 15): everything held on one person, as JSON-ready data."""

from __future__ import annotations

import base64
import dataclasses
import enum
import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from spie_desktop import __version__
from spie_desktop.domain.events import AuditAction, AuditEvent, FollowUpEvent
from spie_desktop.domain.interview import Answer, Interview
from spie_desktop.domain.people import ConsentRecord, Person
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.domain.records import utc_now
from spie_desktop.storage.session import Session

from .people import PERSON, PersonNotFound

log = logging.getLogger(__name__)

EXPORT_FORMAT = "spie-desktop/person-export"
EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class PersonRecords:
    """Everything the store holds on one person, read in one transaction."""

    person: Person
    consents: list[ConsentRecord]
    interviews: list[Interview]
    answers: dict[uuid.UUID, list[Answer]]
    plans: list[ActionPlan]
    pdfs: dict[uuid.UUID, bytes | None]
    events: list[FollowUpEvent]
    audit: list[AuditEvent]
    counsellor_names: dict[uuid.UUID, str]


def read_person_records(session: Session, person_id: uuid.UUID) -> PersonRecords:
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
        names = {c.id: c.display_name for c in uow.counsellors.list_all()}
        uow.audit.record(AuditAction.EXPORTED, PERSON, person_id)
    log.info("person %s exported", person_id)
    return PersonRecords(person, consents, interviews, answers, plans, pdfs, events, audit, names)


def export_person(session: Session, person_id: uuid.UUID) -> dict[str, Any]:
    """Everything held on one person, as JSON-ready data (audited as an export)."""
    return export_document(session, read_person_records(session, person_id))


def export_document(session: Session, records: PersonRecords) -> dict[str, Any]:
    return to_jsonable(
        {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_FORMAT_VERSION,
            "exported_at": utc_now(),
            "exported_by": session.counsellor.id,
            "software": f"spie-desktop {__version__}",
            "territory": session.territory.code,
            "person": records.person,
            "consents": records.consents,
            "interviews": [
                {**_fields(i), "answers": records.answers[i.id]} for i in records.interviews
            ],
            "plans": [
                {**_fields(p), "pdf_base64": _b64(records.pdfs.get(p.id))} for p in records.plans
            ],
            "events": records.events,
            "audit": records.audit,
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
