"""Outbox entries held back from push: the records of a person whose processing is
restricted (RGPD art. 18), except the restriction events themselves, which must reach the
server (and the other devices) for the restriction to apply there too. They stay pending and
leave once the restriction is lifted.

A person the server never had (created here, restricted before any sync) keeps even the
restriction events: sent alone, they would point to a person the server does not know.

A record is the person's when it hangs from them through the entities' owner columns
(``storage.entities``): their consents, interviews and the answers of those, plans and
their parts, follow-up events.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.support_end import restricted_by

from ..entities import ENTITY_SPECS
from ..models import FollowUpEventRow, PersonRow, SyncBaseRow, table_of
from .base import OUTBOX

EVENTS = table_of(FollowUpEventRow)
BASE = table_of(SyncBaseRow)
PEOPLE = table_of(PersonRow).name
RESTRICTION_KINDS = (FollowUpKind.RESTRICTED.value, FollowUpKind.RESTRICTION_LIFTED.value)


def restricted_people(session: Session) -> set[uuid.UUID]:
    """The people whose latest restriction event restricts processing."""
    c = EVENTS.c
    stmt = (
        select(c.person_id, c.kind)
        .where(c.kind.in_(RESTRICTION_KINDS))
        .order_by(c.occurred_at, c.hlc)
    )
    kinds: dict[uuid.UUID, list[FollowUpKind]] = {}
    for row in session.execute(stmt):
        person_id, kind = uuid.UUID(str(row[0])), FollowUpKind(str(row[1]))
        kinds.setdefault(person_id, []).append(kind)
    return {person_id for person_id, seen in kinds.items() if restricted_by(seen)}


def held_records(session: Session, people: Iterable[uuid.UUID]) -> dict[str, set[uuid.UUID]]:
    """The ids, by entity, of the records of ``people`` that wait (restriction events left
    out, once the server knows the person)."""
    held: dict[str, set[uuid.UUID]] = {PEOPLE: set(people)}
    if not held[PEOPLE]:
        return {}
    for spec in ENTITY_SPECS.values():  # parents first: an owner's ids are known in time
        owners = held.get(spec.owner_entity or "")
        if spec.owner is None or not owners:
            continue
        table = spec.table
        stmt = select(table.c.id).where(table.c[spec.owner].in_(owners))
        if table is EVENTS:
            known = _known_to_server(session, held[PEOPLE])
            stmt = stmt.where(
                table.c.kind.not_in(RESTRICTION_KINDS) | ~table.c.person_id.in_(known)
            )
        found: list[object] = list(session.execute(stmt).scalars())
        ids = {uuid.UUID(str(i)) for i in found}
        if ids:
            held[spec.name] = ids
    return held


def _known_to_server(session: Session, people: set[uuid.UUID]) -> set[uuid.UUID]:
    """The people among ``people`` the server confirmed at least once."""
    c = BASE.c
    stmt = select(c.entity_id).where(c.entity == PEOPLE, c.entity_id.in_(people))
    found: list[object] = list(session.execute(stmt).scalars())
    return {uuid.UUID(str(i)) for i in found}


def not_held(session: Session) -> ColumnElement[bool]:
    """The condition an outbox entry meets when it may leave now."""
    held = held_records(session, restricted_people(session))
    if not held:
        return true()
    c = OUTBOX.c
    return ~or_(*(and_(c.entity == entity, c.entity_id.in_(ids)) for entity, ids in held.items()))
