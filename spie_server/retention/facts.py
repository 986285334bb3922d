"""What the server knows of each person's file, read from the territory's current records.

A record belongs to a person through its owner chain (``sync.purge.owner_references``: an
interview by its ``person_id``, an answer by its interview…). A file's **last activity** is
the latest instant written in any of its current documents — every ``datetime`` field of the
protocol schemas (``occurred_at``, ``started_at``, ``given_at``, ``signed_at``, ``created_at``,
``updated_at``): the time things happened on the device, so a laptop that syncs a month late
does not make a file look younger than it is. A document that carries no instant counts by the
time the server received it, and no instant counts as later than that (a device clock set
years ahead cannot keep a file forever). A person record deleted by a device counts too: its
history still holds the file until it is purged, and its deletion is its last activity. End
and reopening of support come from follow-up events' ``kind``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.schemas import SCHEMAS, Kind
from spie_server.models import Record
from spie_server.retention.rules import END_OF_SUPPORT, SUPPORT_REOPENED, FileFacts
from spie_server.sealing import keys_for
from spie_server.sync.purge import PERSON, owner_references

FOLLOW_UPS = "follow_up_events"

#: Per entity, its fields that hold an instant.
INSTANT_FIELDS = {
    entity: tuple(name for name, spec in schema.items() if spec.kind is Kind.DATETIME)
    for entity, schema in SCHEMAS.items()
}


def file_facts(session: Session, territory_id: int) -> dict[uuid.UUID, FileFacts]:
    """The facts of every live person of the territory, by person id."""
    links = owner_references()
    key = keys_for(session, territory_id)
    rows = session.execute(
        select(Record.entity, Record.entity_id, Record.version, Record.doc, Record.updated_at)
        .where(
            Record.territory_id == territory_id,
            Record.entity.in_(sorted({PERSON, *links})),
        )
        .order_by(Record.seq)
    )
    docs: dict[tuple[str, uuid.UUID], tuple[dict[str, Any], datetime]] = {}
    for entity, entity_id, version, sealed, received in rows:
        docs[(entity, entity_id)] = (key.open_doc(entity, entity_id, version, sealed), received)
    owner = {entity_id: entity_id for entity, entity_id in docs if entity == PERSON}
    grown = True
    while grown:
        grown = False
        for (entity, entity_id), (doc, _) in docs.items():
            if entity_id in owner or entity == PERSON:
                continue
            for name in links[entity]:
                ref = _uuid(doc.get(name))
                person = owner.get(ref) if ref is not None else None
                if person is not None:
                    owner[entity_id] = person
                    grown = True
                    break
    latest: dict[uuid.UUID, datetime] = {}
    ended: dict[uuid.UUID, datetime] = {}
    reopened: dict[uuid.UUID, datetime] = {}
    for (entity, entity_id), (doc, received) in docs.items():
        person = owner.get(entity_id)
        if person is None:
            continue
        receipt = received.replace(tzinfo=UTC)
        instants = [t for name in INSTANT_FIELDS[entity] if (t := _instant(doc.get(name)))]
        moment = min(max(instants, default=receipt), receipt)
        latest[person] = max(latest.get(person, moment), moment)
        if entity == FOLLOW_UPS:
            when = _instant(doc.get("occurred_at"))
            marks = {END_OF_SUPPORT: ended, SUPPORT_REOPENED: reopened}.get(str(doc.get("kind")))
            if when is not None and marks is not None:
                marks[person] = max(marks.get(person, when), when)
    return {
        person: FileFacts(latest[person], ended.get(person), reopened.get(person))
        for person in latest
        if (PERSON, person) in docs
    }


def _uuid(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
