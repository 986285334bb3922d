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

import uuid

from sqlalchemy import Uuid, and_, or_, select
from sqlalchemy.orm import Session

from spie_protocol.messages import Change
from spie_server.models import Record
from spie_server.sync.bulk import one_of
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
    wanted = or_(
        *(
            and_(Record.entity == entity, one_of(session, Record.entity_id, ids, Uuid()))
            for entity, ids in sorted(by_entity.items())
        )
    )
    rows = session.execute(
        select(Record.entity, Record.entity_id, visible_to(structure)).where(
            Record.territory_id == territory, wanted
        )
    )
    # Not "NOT visible_to(…)" in SQL: a NULL there (no owner structure) would read as visible.
    return {(str(entity), entity_id) for entity, entity_id, visible in rows if not visible}
