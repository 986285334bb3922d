"""Two indexes that keep a push's sharing work proportional to what it changed.

* ``person_counsellors``: the counsellors each person's live records name (interviews,
  consents, signatures), kept by every recomputation of that person's followers. A push that
  changes counsellors (or structures, through the counsellors they hold) recomputes only the
  people that name them, not every person of the territory.
* ``orphan_parents``: for a record stored before its owner (an orphan, people_of.py), the
  ids of the records it waits for. A push that stores parents looks its waiting children up
  by those ids, instead of reading every orphan of the territory. An orphan joins its
  person's file only if its writer wrote that parent or follows the person already.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Set
from typing import Any

from sqlalchemy import Uuid, and_, delete, or_, select
from sqlalchemy.orm import Session

from spie_server.models import Follower, OrphanParent, PersonCounsellor, Record, table_of
from spie_server.sealing import keys_for
from spie_server.sync.bulk import insert_rows, one_of, update_rows
from spie_server.sync.followers import Named
from spie_server.sync.people_of import as_uuid, people_on_server, resolve
from spie_server.sync.purge import owner_references
from spie_server.sync.visibility import EVERYONE

#: Core, not the ORM class: a delete by the ORM went through its bulk machinery per push.
_ORPHANS = table_of(OrphanParent)

Key = tuple[str, uuid.UUID]


def store_named(session: Session, territory: int, named: Named) -> None:
    """Keep the counsellors named on each of these people's files (only where it changed)."""
    if not named:
        return
    people = sorted(named)
    stored: Named = {}
    for person, counsellor in session.execute(
        select(PersonCounsellor.person_id, PersonCounsellor.counsellor_id).where(
            PersonCounsellor.territory_id == territory,
            one_of(session, PersonCounsellor.person_id, people, Uuid()),
        )
    ):
        stored.setdefault(person, set()).add(counsellor)
    changed = sorted(p for p in people if stored.get(p, set()) != named[p])
    if not changed:
        return
    session.execute(
        delete(PersonCounsellor)
        .where(
            PersonCounsellor.territory_id == territory,
            one_of(session, PersonCounsellor.person_id, changed, Uuid()),
        )
        .execution_options(synchronize_session=False)
    )
    rows = [
        {"territory_id": territory, "counsellor_id": c, "person_id": p}
        for p in changed
        for c in sorted(named[p])
    ]
    insert_rows(session, table_of(PersonCounsellor), rows)


def people_naming(session: Session, territory: int, counsellors: set[uuid.UUID]) -> set[uuid.UUID]:
    """The people whose files name one of ``counsellors``."""
    if not counsellors:
        return set()
    rows = session.scalars(
        select(PersonCounsellor.person_id)
        .where(
            PersonCounsellor.territory_id == territory,
            one_of(session, PersonCounsellor.counsellor_id, sorted(counsellors), Uuid()),
        )
        .distinct()
    )
    return set(rows)


def note_orphans(
    session: Session,
    territory: int,
    orphans: Mapping[Key, Mapping[str, Any]],
    created: Set[Key] = frozenset(),
) -> None:
    """Remember, for each orphan written, the records it names as its owner. ``created``:
    records inserted just now, which have no such rows yet to replace (a push of new answers
    to an interview not yet received saves a statement)."""
    if not orphans:
        return
    links = owner_references()
    stored = {key: doc for key, doc in orphans.items() if key not in created}
    if stored:
        session.execute(
            delete(_ORPHANS).where(
                _ORPHANS.c.territory_id == territory, _keys(session, _ORPHANS.c, stored)
            )
        )
    rows = [
        {"territory_id": territory, "parent_id": parent, "entity": e, "entity_id": i}
        for (e, i), doc in sorted(orphans.items())
        for parent in sorted(_parents(links.get(e, {}), doc))
    ]
    insert_rows(session, table_of(OrphanParent), rows)


def adopt_orphans(session: Session, territory: int, arrived: set[uuid.UUID]) -> list[Key]:
    """Give their person to the stored orphans that wait for one of ``arrived`` (records that
    have their person now), and to those that wait for these in turn; returns the adopted
    records (the caller re-sequences them: their followers have not received them)."""
    adopted: list[Key] = []
    frontier = sorted(arrived)
    key = keys_for(session, territory)
    while frontier:
        rows = session.execute(
            select(
                Record.entity,
                Record.entity_id,
                Record.version,
                Record.doc,
                Record.owner_structure,
                OrphanParent.parent_id,
            )
            .join(
                OrphanParent,
                and_(
                    OrphanParent.territory_id == Record.territory_id,
                    OrphanParent.entity == Record.entity,
                    OrphanParent.entity_id == Record.entity_id,
                ),
            )
            .where(
                Record.territory_id == territory,
                one_of(session, OrphanParent.parent_id, frontier, Uuid()),
                Record.person_id.is_(None),
                Record.deleted.is_(False),
            )
        ).all()
        docs = {(e, i): key.open_doc(e, i, v, sealed) for e, i, v, sealed, _, _ in rows}
        found = resolve(docs, people_on_server(session, territory)) if docs else {}
        waits: dict[Key, tuple[str | None, set[uuid.UUID]]] = {}
        for e, i, _, _, owner, parent in rows:
            waits.setdefault((e, i), (owner, set()))[1].add(parent)
        found = _welcome(session, territory, found, waits)
        if not found:
            break
        update_rows(
            session,
            table_of(Record),
            ("territory_id", "entity", "entity_id"),
            [
                {"territory_id": territory, "entity": e, "entity_id": i, "person_id": p}
                for (e, i), p in sorted(found.items())
            ],
        )
        session.execute(
            delete(OrphanParent)
            .where(OrphanParent.territory_id == territory, _keys(session, OrphanParent, found))
            .execution_options(synchronize_session=False)
        )
        adopted.extend(sorted(found))
        frontier = sorted({i for _, i in found})
    return adopted


def _welcome(
    session: Session,
    territory: int,
    found: Mapping[Key, uuid.UUID],
    waits: Mapping[Key, tuple[str | None, set[uuid.UUID]]],
) -> dict[Key, uuid.UUID]:
    """Those of ``found`` whose writer may join the person's file: it wrote the parent that
    arrived (the usual case: one device pushed the parent after the child), or it already
    follows the person. Any other orphan stays one, with its writer alone: a structure must
    not become a follower of someone by naming, ahead, a record id that is not its own."""
    if not found:
        return {}
    parents = sorted(set().union(*(waits[k][1] for k in found)))
    writers: dict[uuid.UUID, set[str | None]] = {}
    for parent_id, owner in session.execute(
        select(Record.entity_id, Record.owner_structure).where(
            Record.territory_id == territory, one_of(session, Record.entity_id, parents, Uuid())
        )
    ):
        writers.setdefault(parent_id, set()).add(owner)
    following = {
        (person, structure)
        for person, structure in session.execute(
            select(Follower.person_id, Follower.structure).where(
                Follower.territory_id == territory,
                one_of(session, Follower.person_id, sorted(set(found.values())), Uuid()),
            )
        )
    }
    welcome: dict[Key, uuid.UUID] = {}
    for orphan, person in found.items():
        owner, waited = waits[orphan]
        wrote_parent = any(owner in writers.get(p, set()) for p in waited)
        follows = (person, EVERYONE) in following or (person, owner) in following
        if owner is not None and (wrote_parent or follows):
            welcome[orphan] = person
    return welcome


def _parents(named: Mapping[str, str], doc: Mapping[str, Any]) -> set[uuid.UUID]:
    return {p for name in named if (p := as_uuid(doc.get(name))) is not None}


def _keys(session: Session, model: Any, keys: Mapping[Key, Any]) -> Any:
    """``(entity, entity_id)`` among ``keys``; ``model``: OrphanParent or its table's ``c``."""
    by_entity: dict[str, list[uuid.UUID]] = {}
    for entity, entity_id in sorted(keys):
        by_entity.setdefault(entity, []).append(entity_id)
    return or_(
        *(
            and_(model.entity == entity, one_of(session, model.entity_id, ids, Uuid()))
            for entity, ids in sorted(by_entity.items())
        )
    )
