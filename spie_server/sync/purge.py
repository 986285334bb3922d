"""Forgetting people: what the server does when it stores a ``purges`` record (a tombstone).

In the transaction that stores the tombstone, every record of that person goes: the person
record and every record whose owner chain leads to it (consents, interviews and their answers,
plans and their objectives, actions, signatures and PDFs, follow-up events…), with every
version the history kept, the PDF blobs, the held deletions that name them and any admin-log
line that names one of them. Only the tombstone stays, in the change stream, so every device
pulls it and purges its own copy. Records that are gone are gone from every pull, old pages
included. Their ids are remembered as SHA-256 digests (``purged_ids``), so that a device that
has not pulled the tombstone yet cannot bring any of them back (``purged``, see push.py).

The owner chain is read from the protocol's schemas, not from a list: a ``uuid`` field named
after an entity (``person_id`` → ``people``, ``plan_id`` → ``plans``…) names the record this
one belongs to. Documents are sealed, so the chain is found by opening every version of the
territory's records of the entities concerned (their deleted versions too: an answer deleted
later still held its text before).
"""

from __future__ import annotations

import functools
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import String, Uuid, and_, delete, or_, select
from sqlalchemy.orm import Session

from spie_protocol.entities import ENTITIES
from spie_protocol.schemas import SCHEMAS, Kind
from spie_server.models import (
    AdminEvent,
    Blob,
    BlobChunk,
    BlobPerson,
    Follower,
    HeldDeletion,
    OrphanParent,
    PersonCounsellor,
    PurgedId,
    Record,
    RecordVersion,
    Unshare,
)
from spie_server.sealing import keys_for
from spie_server.sync import driver_reads
from spie_server.sync.bulk import one_of

PERSON = "people"
TOMBSTONE = "purges"
#: Entity names whose singular is not the name less its final "s".
_SINGULAR = {"people": "person"}

Key = tuple[str, uuid.UUID]


def _singular(entity: str) -> str:
    return _SINGULAR.get(entity, entity.removesuffix("s"))


@functools.cache
def owner_references() -> dict[str, dict[str, str]]:
    """For each entity whose records belong to a person, its ``uuid`` fields that name the
    record it belongs to, with the entity they name (from ``SCHEMAS``). Computed once (a push
    asks for it per change): callers only read it."""
    named = {f"{_singular(entity)}_id": entity for entity in ENTITIES}
    links = {
        entity: {
            name: named[name]
            for name, spec in schema.items()
            if spec.kind is Kind.UUID and name in named
        }
        for entity, schema in SCHEMAS.items()
        if entity not in (PERSON, TOMBSTONE)
    }
    chain = {PERSON}
    grown = True
    while grown:
        grown = False
        for entity, fields in links.items():
            if entity not in chain and chain & set(fields.values()):
                chain.add(entity)
                grown = True
    return {
        entity: {n: target for n, target in links[entity].items() if target in chain}
        for entity in ENTITIES
        if entity in chain and entity != PERSON
    }


@dataclass
class Purged:
    """What a purge removed: counts only (logs and the CLI print these, never an identity)."""

    people: int = 0
    records: int = 0
    versions: int = 0
    blobs: int = 0
    admin_lines: int = 0
    held: int = 0
    by_entity: dict[str, int] = field(default_factory=dict)


@dataclass
class _Found:
    """Per record of an owned entity: the ids its versions point to, and PDFs' hashes."""

    refs: dict[Key, set[uuid.UUID]] = field(default_factory=dict)
    hashes: dict[Key, set[str]] = field(default_factory=dict)


def purge_people(session: Session, territory_id: int, people: Iterable[uuid.UUID]) -> Purged:
    """Delete everything of ``people`` in the territory (the tombstones excepted)."""
    wanted = set(people)
    result = Purged()
    if not wanted:
        return result
    found = _read_chain(session, territory_id)
    doomed: set[Key] = {(PERSON, person) for person in wanted}
    doomed_ids = set(wanted)
    grown = True
    while grown:
        grown = False
        for key, refs in found.refs.items():
            if key not in doomed and refs & doomed_ids:
                doomed.add(key)
                doomed_ids.add(key[1])
                grown = True
    kept_hashes = set().union(*(h for k, h in found.hashes.items() if k not in doomed))
    hashes = set().union(*(h for k, h in found.hashes.items() if k in doomed)) - kept_hashes
    result.records, result.versions = _delete_records(session, territory_id, doomed)
    result.people = len(wanted)
    for entity, _ in doomed:
        result.by_entity[entity] = result.by_entity.get(entity, 0) + 1
    result.blobs = _delete_blobs(session, territory_id, hashes)
    result.held = _delete_held(session, territory_id, doomed_ids)
    result.admin_lines = _delete_admin_lines(session, territory_id, doomed_ids)
    _delete_sharing(session, territory_id, wanted, doomed_ids)
    _remember(session, territory_id, doomed_ids)
    session.flush()
    return result


def purged_among(session: Session, territory_id: int, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """Those of ``ids`` that name a record a purge removed."""
    if not ids:
        return set()
    by_digest = {id_digest(i): i for i in ids}
    if session.get_bind().dialect.name == "postgresql":
        found = driver_reads.purged_digests(session, territory_id, sorted(by_digest))
        return {by_digest[digest] for digest in found}
    rows = session.scalars(
        select(PurgedId.id_sha256).where(
            PurgedId.territory_id == territory_id,
            one_of(session, PurgedId.id_sha256, sorted(by_digest), String()),
        )
    )
    return {by_digest[digest] for digest in rows}


def id_digest(record_id: uuid.UUID) -> str:
    return hashlib.sha256(record_id.bytes).hexdigest()


def _remember(session: Session, territory_id: int, ids: set[uuid.UUID]) -> None:
    new = ids - purged_among(session, territory_id, ids)
    session.add_all(
        PurgedId(territory_id=territory_id, id_sha256=id_digest(i)) for i in sorted(new)
    )


def _read_chain(session: Session, territory_id: int) -> _Found:
    links = owner_references()
    key = keys_for(session, territory_id)
    found = _Found()
    # Every version a record ever had is in the history, its current one included (pushes and
    # administrators write both; migration 0002 copied the records from before): reading the
    # history alone finds every record, deleted ones by their earlier versions.
    # Core rows, not ORM ones: a purge reads a whole territory's history.
    rows = session.connection().execute(
        select(
            RecordVersion.entity, RecordVersion.entity_id, RecordVersion.version, RecordVersion.doc
        ).where(
            RecordVersion.territory_id == territory_id,
            RecordVersion.entity.in_(sorted(links)),
            RecordVersion.deleted.is_(False),
        )
    )
    for entity, entity_id, version, sealed in rows:
        doc = key.open_doc(entity, entity_id, version, sealed)
        refs = found.refs.setdefault((entity, entity_id), set())
        for name in links[entity]:
            value = doc.get(name)
            if isinstance(value, str):
                refs.add(_as_uuid(value))
        digest = doc.get("sha256")
        if isinstance(digest, str):
            found.hashes.setdefault((entity, entity_id), set()).add(digest)
    return found


def _as_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        return uuid.UUID(int=0)  # names nothing: no record has the nil id


def _delete_records(session: Session, territory_id: int, doomed: set[Key]) -> tuple[int, int]:
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, entity_id in sorted(doomed):
        by_entity.setdefault(entity, []).append(entity_id)
    counts = []
    for model in (Record, RecordVersion):
        wanted = or_(
            *(
                and_(model.entity == entity, one_of(session, model.entity_id, ids, Uuid()))
                for entity, ids in sorted(by_entity.items())
            )
        )
        outcome = session.execute(
            delete(model)
            .where(model.territory_id == territory_id, wanted)
            .execution_options(synchronize_session=False)
        )
        counts.append(int(getattr(outcome, "rowcount", 0) or 0))
    return counts[0], counts[1]


def _delete_blobs(session: Session, territory_id: int, hashes: set[str]) -> int:
    if not hashes:
        return 0
    listed = sorted(hashes)
    session.execute(
        delete(BlobChunk)
        .where(BlobChunk.territory_id == territory_id, BlobChunk.sha256.in_(listed))
        .execution_options(synchronize_session=False)
    )
    outcome = session.execute(
        delete(Blob)
        .where(Blob.territory_id == territory_id, Blob.sha256.in_(listed))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(outcome, "rowcount", 0) or 0)


def _delete_sharing(
    session: Session, territory_id: int, people: set[uuid.UUID], ids: set[uuid.UUID]
) -> None:
    """Who followed them, the notices of who stopped, whose PDFs, which counsellors their
    file named, which of their records waited for a parent: the tombstone does it all."""
    for column in (OrphanParent.entity_id, OrphanParent.parent_id):
        session.execute(
            delete(OrphanParent)
            .where(
                OrphanParent.territory_id == territory_id,
                one_of(session, column, sorted(ids), Uuid()),
            )
            .execution_options(synchronize_session=False)
        )
    for model in (Follower, Unshare, BlobPerson, PersonCounsellor):
        session.execute(
            delete(model)
            .where(
                model.territory_id == territory_id,
                one_of(session, model.person_id, sorted(people), Uuid()),
            )
            .execution_options(synchronize_session=False)
        )


def _delete_held(session: Session, territory_id: int, ids: set[uuid.UUID]) -> int:
    outcome = session.execute(
        delete(HeldDeletion)
        .where(
            HeldDeletion.territory_id == territory_id,
            one_of(session, HeldDeletion.entity_id, sorted(ids), Uuid()),
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(outcome, "rowcount", 0) or 0)


def _delete_admin_lines(session: Session, territory_id: int, ids: set[uuid.UUID]) -> int:
    """Admin-log lines that name one of the records (a restore names its record)."""
    spelled = {str(i) for i in ids} | {i.hex for i in ids}
    lines = session.execute(
        select(AdminEvent.id, AdminEvent.detail).where(
            or_(AdminEvent.territory_id == territory_id, AdminEvent.territory_id.is_(None))
        )
    )
    gone = [
        line_id
        for line_id, detail in lines
        if any(s in json.dumps(detail or {}, default=str) for s in spelled)
    ]
    if gone:
        session.execute(
            delete(AdminEvent)
            .where(AdminEvent.id.in_(gone))
            .execution_options(synchronize_session=False)
        )
    return len(gone)
