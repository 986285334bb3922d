"""What a push changes in who receives what: run at the end of a push, in its transaction.

Each record written gets its person (``records.person_id``, people_of.py) and, for an answer,
whether it is sensitive; an orphan whose parent just arrived is adopted (and re-sequenced:
its followers have not received it); the signed PDFs get their person (``blob_people``); the
followers of every person touched are recomputed (followers.py). A change of counsellor or
structure records may change anyone's followers: every person of the territory is then
recomputed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from spie_server.models import BlobPerson, Record, table_of
from spie_server.sync.bulk import insert_rows, update_rows
from spie_server.sync.followers import COUNSELLORS, STRUCTURES, refresh, resequence_records
from spie_server.sync.people_of import (
    adopt_orphans,
    is_sensitive,
    people_on_server,
    resolve,
)
from spie_server.sync.purge import owner_references
from spie_server.sync.visibility import BOUND

Key = tuple[str, uuid.UUID]
#: Entities records point to as their owner: storing one may adopt an orphan.
PARENTS = frozenset(target for links in owner_references().values() for target in links.values())
PDF_HASH = "sha256"


Written = Mapping[Key, tuple[bool, dict[str, Any]]]


def people_of_written(session: Session, territory: int, written: Written) -> dict[Key, uuid.UUID]:
    """The person of each live record a push writes (``written``: per record, whether it is
    deleted and its whole document), before it is stored: new rows are inserted with it."""
    live = {key: doc for key, (deleted, doc) in written.items() if not deleted}
    return resolve(live, people_on_server(session, territory))


def after_push(
    session: Session,
    territory: int,
    written: Written,
    found: Mapping[Key, uuid.UUID],
    created: set[Key],
) -> None:
    """``found``: :func:`people_of_written`; ``created``: the records inserted (with their
    person already), the others were updated."""
    live = {key: doc for key, (deleted, doc) in written.items() if not deleted}
    # Whose the records were before: a deletion, or a record moved to another person, may
    # change who follows the person it belonged to.
    before = _people_of(session, territory, sorted(set(written) - created))
    rows = [
        {
            "territory_id": territory,
            "entity": key[0],
            "entity_id": key[1],
            "person_id": person,
            "sensitive": is_sensitive(key[0], live[key]),
        }
        for key, person in sorted(found.items())
        if key not in created
    ]
    update_rows(session, table_of(Record), ("territory_id", "entity", "entity_id"), rows)
    adopted: list[Key] = []
    if any(entity in PARENTS for entity, _ in live):
        adopted = adopt_orphans(session, territory, BOUND)
        resequence_records(session, territory, adopted)
    _blob_people(session, territory, live, found)
    people = set(found.values()) | before | _people_of(session, territory, adopted)
    if any(entity in (COUNSELLORS, STRUCTURES) for entity, _ in written):
        people |= _everyone(session, territory)
    refresh(session, territory, people)


def _people_of(session: Session, territory: int, keys: list[Key]) -> set[uuid.UUID]:
    if not keys:
        return set()
    found = people_on_server(session, territory)(keys)
    return set(found.values())


def _everyone(session: Session, territory: int) -> set[uuid.UUID]:
    rows = session.scalars(
        select(Record.person_id)
        .where(Record.territory_id == territory, Record.person_id.is_not(None))
        .distinct()
    )
    return {person for person in rows if person is not None}


def _blob_people(
    session: Session,
    territory: int,
    live: Mapping[Key, dict[str, Any]],
    found: Mapping[Key, uuid.UUID],
) -> None:
    """The person of each signed PDF written (entities whose documents carry a blob hash)."""
    pairs = {
        (str(doc[PDF_HASH]), found[key])
        for key, doc in live.items()
        if key in found and isinstance(doc.get(PDF_HASH), str)
    }
    for sha256, person in sorted(pairs):
        session.execute(
            delete(BlobPerson)
            .where(
                BlobPerson.territory_id == territory,
                BlobPerson.sha256 == sha256,
                BlobPerson.person_id == person,
            )
            .execution_options(synchronize_session=False)
        )
    insert_rows(
        session,
        table_of(BlobPerson),
        [{"territory_id": territory, "sha256": s, "person_id": p} for s, p in sorted(pairs)],
    )


def after_admin_write(session: Session, territory: int, written: Written) -> None:
    """What :func:`after_push` does, for versions an administrator wrote over stored records
    (a restore, a device undo, an approved deletion): their followers are recomputed at once,
    not at the person's next push."""
    after_push(session, territory, written, people_of_written(session, territory, written), set())
