"""A pulled tombstone: the territory forgot a person (its retention rule, or an erasure asked on
another device), so this device forgets them too, in the page's transaction.

Nothing local is lost silently: a change of that person this device made and the server
never received (pending in the outbox, or in the batch in flight) is kept in the conflict
inbox, one entry per field, for the counsellor to decide; everything else is forgotten.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, or_, select

from spie_desktop.storage import purge
from spie_desktop.storage.entities import ENTITY_SPECS, PURGES
from spie_desktop.storage.repositories.base import OUTBOX, PENDING
from spie_desktop.storage.repositories.outbox import ERROR
from spie_desktop.storage.repositories.sync_base import BASE

from .apply import ApplyCounts, Remote

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def is_tombstone(remote: Remote) -> bool:
    return remote.entity == PURGES and not remote.deleted


def forget_purged(uow: UnitOfWork, remote: Remote, counts: ApplyCounts) -> int:
    """Forget the person a pulled tombstone names; returns how many records went. Local
    edits of theirs not yet pushed wait in the conflict inbox."""
    person_id = uuid.UUID(str(remote.fields["person_id"]))
    records = purge.collect(uow, [person_id])
    if not purge.holds_anything(uow, records):
        return 0  # this device never held them (or forgot them already): nothing to audit
    drop_inflight_of(uow, records)
    edits = purge.pending_edits(uow, records)
    for edit in edits:
        uow.inbox.add_conflict(
            edit.entity, edit.entity_id, edit.field, edit.value, None, edit.base_version
        )
    counts.conflicts += len(edits)
    forgotten = purge.erase(uow, records, keep_conflicts=True)
    counts.forgotten |= records.all_ids()
    log.info("tombstone applied: %d records forgotten, %d edits kept", forgotten, len(edits))
    return forgotten


def settle_local_tombstones(uow: UnitOfWork, remote: Remote) -> int:
    """The server's tombstone for a person this device had forgotten on its own: by its
    retention run (a tombstone kept here only), or by an erasure the server held for an
    administrator (``deletion_held``), who approved it. The server's tombstone takes their
    place: they are dropped, with their refused outbox entry. A tombstone still to be
    pushed stays (the server answers it as it will). Returns how many were dropped."""
    table = ENTITY_SPECS[PURGES].table
    person = uuid.UUID(str(remote.fields["person_id"]))
    c = OUTBOX.c
    held_ok = func.coalesce(c.error, "").like("deletion_held:%")
    unsettled = select(c.entity_id).where(
        c.entity == PURGES, or_(c.status == PENDING, and_(c.status == ERROR, ~held_ok))
    )
    on_server = select(BASE.c.entity_id).where(BASE.c.entity == PURGES)
    ids: list[uuid.UUID] = list(
        uow.session.execute(
            select(table.c.id).where(
                table.c.person_id == person,
                table.c.id != remote.entity_id,
                table.c.id.not_in(unsettled),
                table.c.id.not_in(on_server),
            )
        ).scalars()
    )
    if not ids:
        return 0
    uow.session.execute(delete(OUTBOX).where(c.entity == PURGES, c.entity_id.in_(ids)))
    uow.session.execute(delete(table).where(table.c.id.in_(ids)))
    log.info("%d local tombstone(s) replaced by the server's", len(ids))
    return len(ids)


def awaiting_server(uow: UnitOfWork) -> int:
    """Tombstones of this device the server does not hold (yet): people forgotten here that
    the server may still hold, so its integrity digests differ from this device's."""
    table = ENTITY_SPECS[PURGES].table
    on_server = select(BASE.c.entity_id).where(BASE.c.entity == PURGES)
    stmt = select(func.count()).select_from(table).where(table.c.id.not_in(on_server))
    return int(uow.session.execute(stmt).scalar_one())


def forget_returning(uow: UnitOfWork, counts: ApplyCounts) -> int:
    """Forget again what arrived of people this device holds a tombstone of (a server that
    has not forgotten them yet sends them back on an integrity repair). Returns how many
    records went."""
    people = purge.tombstoned_people(uow)
    if not people:
        return 0
    records = purge.collect(uow, people)
    if not purge.holds_anything(uow, records):
        return 0
    forgotten = purge.erase(uow, records, audit=False)
    counts.forgotten |= records.all_ids()
    log.info("records of forgotten people arrived again: forgotten (%d)", forgotten)
    return forgotten


def inflight_names(uow: UnitOfWork, records: purge.PersonRecords) -> bool:
    """True when the batch formed and not yet answered carries a change of these records."""
    from .push import inflight  # push imports pull, which imports this module

    batch = inflight(uow)
    if batch is None:
        return False
    held = records.pairs()
    return any((c.entity, c.entity_id) in held for c in batch.changes)


def drop_inflight_of(uow: UnitOfWork, records: purge.PersonRecords) -> None:
    """Forget the batch in flight if it carries one of these records: its other entries are
    still pending and form the next batch (same op ids: the server answers duplicate)."""
    from .push import save_inflight

    if inflight_names(uow, records):
        save_inflight(uow, None)
