"""Whose record is it: the person a pushed record belongs to, stored on its row at push.

A record names its person directly (``person_id``; a person record is its own) or through its
parent (an answer through its interview, an objective through its plan, an action through its
objective…: the protocol's owner chains, purge.owner_references). The parent may come in the
same batch or be on the server already. A record whose parent is not there yet is an orphan
(``person_id`` NULL): only the structure that wrote it receives it until its parent arrives
(sharing_index.adopt_orphans).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Uuid, and_, or_, select
from sqlalchemy.orm import Session

from spie_protocol.entities import ENTITIES
from spie_protocol.sharing import is_sensitive_answer
from spie_server.models import Record
from spie_server.sync import driver_reads
from spie_server.sync.bulk import one_of
from spie_server.sync.purge import PERSON, owner_references

Key = tuple[str, uuid.UUID]
#: The entity whose records are answers to the method's questions (their ``key``).
ANSWERS = "answers"
PERSON_FIELD = "person_id"


def as_uuid(value: object) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def is_sensitive(entity: str, doc: Mapping[str, Any]) -> bool:
    key = doc.get("key")
    return entity == ANSWERS and isinstance(key, str) and is_sensitive_answer(key)


def resolve(
    docs: Mapping[Key, Mapping[str, Any]], known: Callable[[list[Key]], dict[Key, uuid.UUID]]
) -> dict[Key, uuid.UUID]:
    """The person of each of ``docs`` that has one to be found: from its own fields, from a
    parent among ``docs``, or from a parent ``known`` finds on the server."""
    links = owner_references()
    found: dict[Key, uuid.UUID] = {}
    parents: dict[Key, list[Key]] = {}
    for key, doc in docs.items():
        entity, entity_id = key
        if entity == PERSON:
            found[key] = entity_id
            continue
        named = links.get(entity, {})
        direct = as_uuid(doc.get(PERSON_FIELD)) if PERSON_FIELD in named else None
        if direct is not None:
            found[key] = direct
            continue
        parents[key] = [
            (target, parent_id)
            for name, target in named.items()
            if (parent_id := as_uuid(doc.get(name))) is not None
        ]
    outside = sorted({p for ps in parents.values() for p in ps if p not in docs})
    on_server = known(outside) if outside else {}
    rank = {entity: i for i, entity in enumerate(ENTITIES)}
    for key in sorted(parents, key=lambda k: rank.get(k[0], len(rank))):
        for parent in parents[key]:
            person = found.get(parent) or on_server.get(parent)
            if person is not None:
                found[key] = person
                break
    return found


def people_on_server(
    session: Session, territory: int
) -> Callable[[list[Key]], dict[Key, uuid.UUID]]:
    """Looks up the person of records already stored (their ``person_id`` column)."""

    def known(keys: list[Key]) -> dict[Key, uuid.UUID]:
        by_entity: dict[str, list[uuid.UUID]] = {}
        for entity, entity_id in keys:
            by_entity.setdefault(entity, []).append(entity_id)
        if session.get_bind().dialect.name == "postgresql":
            found = driver_reads.people_of_records(session, territory, by_entity)
            return {(e, i): p for e, i, p in found if p is not None}
        wanted = or_(
            *(
                and_(Record.entity == entity, one_of(session, Record.entity_id, ids, Uuid()))
                for entity, ids in sorted(by_entity.items())
            )
        )
        rows = session.execute(
            select(Record.entity, Record.entity_id, Record.person_id).where(
                Record.territory_id == territory, Record.person_id.is_not(None), wanted
            )
        )
        return {(e, i): p for e, i, p in rows if p is not None}

    return known
