"""Sharing for records stored before it existed (migration 0010_sharing).

Every record gets its person and sensitivity as a push would give them. Until then every
device of the territory received everything: each person starts as followed by every
structure, sensitive answers included (``*``), and is then recomputed like after a push, so
the devices of the structures that do not follow them get an ``unshares`` notice and erase
their copy at their next sync.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_server.models import Follower, Record, table_of
from spie_server.sealing import keys_for
from spie_server.sync.bulk import insert_rows, update_rows
from spie_server.sync.followers import Named, refresh
from spie_server.sync.people_of import is_sensitive, people_on_server, resolve
from spie_server.sync.sharing_index import note_orphans, store_named
from spie_server.sync.visibility import BOUND, EVERYONE


def backfill(session: Session) -> int:
    """Assign people and followers in every territory; returns how many people."""
    territories = sorted(set(session.scalars(select(Record.territory_id).distinct())))
    return sum(_backfill_territory(session, territory) for territory in territories)


def _backfill_territory(session: Session, territory: int) -> int:
    key = keys_for(session, territory)
    rows = session.execute(
        select(Record.entity, Record.entity_id, Record.version, Record.doc).where(
            Record.territory_id == territory,
            Record.deleted.is_(False),
            Record.entity.in_(sorted(BOUND)),
        )
    ).all()
    docs = {(e, i): key.open_doc(e, i, v, sealed) for e, i, v, sealed in rows}
    found = resolve(docs, people_on_server(session, territory))
    update_rows(
        session,
        table_of(Record),
        ("territory_id", "entity", "entity_id"),
        [
            {
                "territory_id": territory,
                "entity": k[0],
                "entity_id": k[1],
                "person_id": person,
                "sensitive": is_sensitive(k[0], docs[k]),
            }
            for k, person in sorted(found.items())
        ],
    )
    people: set[uuid.UUID] = set(found.values())
    insert_rows(
        session,
        table_of(Follower),
        [
            {
                "territory_id": territory,
                "person_id": p,
                "structure": EVERYONE,
                "sees_sensitive": True,
            }
            for p in sorted(people)
        ],
    )
    refresh(session, territory, people)
    return len(people)


def backfill_indexes(session: Session) -> None:
    """Index every territory's files for migration 0011 (sharing_index.py): the counsellors
    each person's file names, and the records each orphan waits for."""
    territories = sorted(set(session.scalars(select(Record.territory_id).distinct())))
    for territory in territories:
        key = keys_for(session, territory)
        rows = session.execute(
            select(Record.entity, Record.entity_id, Record.version, Record.doc).where(
                Record.territory_id == territory,
                Record.deleted.is_(False),
                Record.person_id.is_(None),
                Record.entity.in_(sorted(BOUND)),
            )
        ).all()
        note_orphans(
            session, territory, {(e, i): key.open_doc(e, i, v, sealed) for e, i, v, sealed in rows}
        )
        people = session.scalars(
            select(Record.person_id)
            .where(Record.territory_id == territory, Record.person_id.is_not(None))
            .distinct()
        )
        named: Named = refresh(session, territory, {p for p in people if p is not None})
        store_named(session, territory, named)
