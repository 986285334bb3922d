"""Tombstones the server writes itself: a retention run's, or an erasure an administrator
approved after the deletion guard held it. Each is a new ``purges`` record (no device: every
device pulls it, the one that asked included), stored with the purge in one transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from spie_server.models import Record, RecordVersion, utc_now
from spie_server.sealing import keys_for
from spie_server.sync.history import server_hlc
from spie_server.sync.purge import TOMBSTONE, Purged, purge_people
from spie_server.sync.sequence import lock_and_draw

RETENTION = "retention"
ERASURE = "erasure"


@dataclass(frozen=True)
class Tombstone:
    person_id: uuid.UUID
    reason: str  # RETENTION | ERASURE
    purged_on: date
    record_id: uuid.UUID | None = None  # None: a fresh id


def store_tombstones(session: Session, territory_id: int, tombstones: list[Tombstone]) -> Purged:
    """Write one ``purges`` record per tombstone, then purge those people."""
    if not tombstones:
        return Purged()
    seqs = lock_and_draw(session, territory_id, len(tombstones))
    key = keys_for(session, territory_id)
    now = utc_now()
    stamp = ""
    for tombstone, seq in zip(tombstones, seqs, strict=True):
        record_id = tombstone.record_id or uuid.uuid4()
        doc = {
            "person_id": str(tombstone.person_id),
            "reason": tombstone.reason,
            "purged_on": tombstone.purged_on.isoformat(),
            "updated_at": now.isoformat() + "+00:00",
            "updated_by": None,
        }
        sealed = key.seal_doc(TOMBSTONE, record_id, 1, doc)
        stamp = server_hlc(stamp)
        common = {
            "territory_id": territory_id,
            "entity": TOMBSTONE,
            "entity_id": record_id,
            "version": 1,
            "doc": sealed,
            "deleted": False,
            "hlc": stamp,
            "device_id": None,
            "seq": seq,
        }
        session.add(Record(**common, updated_at=now, owner_structure=None))
        session.add(RecordVersion(**common, stored_at=now))
    session.flush()
    return purge_people(session, territory_id, {t.person_id for t in tombstones})
