"""What a push changes in who receives what: run at the end of a push, in its transaction.

Each record written gets its person (``records.person_id``, people_of.py) and, for an answer,
whether it is sensitive; an orphan whose parent just arrived is adopted (and re-sequenced:
its followers have not received it); the signed PDFs get their person (``blob_people``); the
followers of every person touched are recomputed (followers.py). A change of counsellor or
structure records recomputes the people whose files name those counsellors, and a push of
parent records looks up only the orphans waiting for them (sharing_index.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from spie_server.models import BlobPerson, Record, table_of
from spie_server.sync.bulk import insert_rows, update_rows
from spie_server.sync.followers import (
    COUNSELLORS,
    STRUCTURES,
    counsellors_of,
    refresh,
    resequence_records,
)
from spie_server.sync.people_of import is_sensitive, people_on_server, resolve
from spie_server.sync.purge import owner_references
from spie_server.sync.sharing_index import (
    adopt_orphans,
    note_orphans,
    people_naming,
    store_named,
)
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
    note_orphans(
        session,
        territory,
        {k: d for k, d in live.items() if k[0] in BOUND and k not in found},
        created,
    )
    arrived = {key[1] for key in found if key[0] in PARENTS}
    adopted = adopt_orphans(session, territory, arrived)
    resequence_records(session, territory, adopted)
    _blob_people(session, territory, live, found)
    people = set(found.values()) | before | _people_of(session, territory, adopted)
    people |= people_naming(session, territory, _counsellors_changed(session, territory, written))
    store_named(session, territory, refresh(session, territory, people))


def _counsellors_changed(session: Session, territory: int, written: Written) -> set[uuid.UUID]:
    """The counsellors written, and those that name a structures record written."""
    changed = {entity_id for entity, entity_id in written if entity == COUNSELLORS}
    structures = {entity_id for entity, entity_id in written if entity == STRUCTURES}
    return changed | counsellors_of(session, territory, structures)


def _people_of(session: Session, territory: int, keys: list[Key]) -> set[uuid.UUID]:
    if not keys:
        return set()
    found = people_on_server(session, territory)(keys)
    return set(found.values())


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
