"""What a push may touch: only records the device's structure may see (visibility.py).

A device that is not among a person's followers must learn nothing of them by pushing, and
must not become a follower by writing into their file. So a change to a record the device
could not pull is decided as if the server did not hold that record (the answer an unknown
id gets: ``unknown_record``, never a ``conflict`` carrying the document), and a change that
would create that record anew, or that names such a record as its owner (a consent, an
interview, an answer… of a person the device does not follow; an erasure of such a person),
is refused ``not_shared``, whose message names no value. Nothing of either is written, so no
follower is added either.
"""

from __future__ import annotations

import functools
import uuid

from sqlalchemy import ColumnElement, Select, Uuid, and_, any_, bindparam, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from spie_protocol.messages import Change
from spie_server.models import Record
from spie_server.sync.people_of import PERSON_FIELD, as_uuid
from spie_server.sync.purge import PERSON, TOMBSTONE, owner_references
from spie_server.sync.rules import Applied, Decision, Rejected, decide
from spie_server.sync.validation import known_entity
from spie_server.sync.visibility import visible_to

Key = tuple[str, uuid.UUID]

#: A change that would write into a file the device's structure does not follow.
NOT_SHARED = "not_shared"
NOT_SHARED_MESSAGE = "this record belongs to a file your structure does not follow"


def references(change: Change) -> set[Key]:
    """The records ``change`` names as its owner (and, for a tombstone, its person)."""
    named = dict(owner_references().get(change.entity, {}))
    if change.entity == TOMBSTONE:
        named[PERSON_FIELD] = PERSON
    found: set[Key] = set()
    for name, target in named.items():
        target_id = as_uuid(change.fields.get(name))
        if target_id is not None:
            found.add((target, target_id))
    return found


class SharingGuard:
    """Which of the records a push touches or names are hidden from the pushing device."""

    def __init__(
        self,
        session: Session,
        territory: int,
        structure: str,
        changes: list[Change],
        known: set[uuid.UUID],
    ) -> None:
        keys: set[Key] = set()
        for change in changes:
            if change.op_id in known or not known_entity(change):
                continue
            keys.add((change.entity, change.entity_id))
            keys |= references(change)
        self.hidden = _hidden(session, territory, structure, keys)

    def screen(
        self, change: Change, decision: Decision, device_id: uuid.UUID, size: int
    ) -> Decision:
        """``decision`` for ``change``, or what the device may be answered instead."""
        if (change.entity, change.entity_id) in self.hidden:
            decision = decide(change, None, device_id, size)
            if isinstance(decision, Applied):
                return Rejected(NOT_SHARED, NOT_SHARED_MESSAGE)
            return decision
        if isinstance(decision, Applied) and references(change) & self.hidden:
            return Rejected(NOT_SHARED, NOT_SHARED_MESSAGE)
        return decision


def _hidden(session: Session, territory: int, structure: str, keys: set[Key]) -> set[Key]:
    if not keys:
        return set()
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, entity_id in sorted(keys):
        by_entity.setdefault(entity, []).append(entity_id)
    entities = tuple(sorted(by_entity))
    postgresql = session.get_bind().dialect.name == "postgresql"
    params: dict[str, object] = {"territory": territory}
    params.update({f"ids_{n}": by_entity[entity] for n, entity in enumerate(entities)})
    rows = session.execute(_hidden_query(structure, entities, postgresql), params)
    # Not "NOT visible_to(…)" in SQL: a NULL there (no owner structure) would read as visible.
    return {(str(entity), entity_id) for entity, entity_id, visible in rows if not visible}


@functools.lru_cache(maxsize=256)
def _hidden_query(
    structure: str, entities: tuple[str, ...], postgresql: bool
) -> Select[str, uuid.UUID, bool]:
    """The query for one structure and one set of entities, built once: the ids come as
    parameters, so the statement (and its compiled-cache key) is reused push after push
    instead of being built and keyed again each time."""

    def ids_of(n: int) -> ColumnElement[bool]:
        if postgresql:
            return Record.entity_id == any_(bindparam(f"ids_{n}", type_=ARRAY(Uuid())))
        return Record.entity_id.in_(bindparam(f"ids_{n}", expanding=True))

    wanted = or_(*(and_(Record.entity == e, ids_of(n)) for n, e in enumerate(entities)))
    return select(Record.entity, Record.entity_id, visible_to(structure)).where(
        Record.territory_id == bindparam("territory"), wanted
    )
