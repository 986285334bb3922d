"""Deletions held for an administrator (past a device's hourly allowance): list, approve, reject.

A held erasure (a ``purges`` record past the allowance; its line names the person) is approved
by writing the tombstone and purging that person, like a pushed one.

Approving applies the deletion as a new version written by the administrator (every device,
the asking one included, then pulls it); rejecting leaves the record as it is, which is what
every device already holds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import HeldDeletion, Territory, utc_now
from spie_server.sync.history import NewVersion, current_record, write_versions
from spie_server.sync.purge import TOMBSTONE
from spie_server.sync.tombstones import ERASURE, Tombstone, store_tombstones
from spie_server.territory.territories import stored_code

HELD = "held"
APPROVED = "approved"
REJECTED = "rejected"


@dataclass(frozen=True)
class HeldSummary:
    id: int
    territory: str
    device_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    held_at: datetime
    status: str


def list_held(
    session: Session, territory_code: str | None = None, *, include_decided: bool = False
) -> list[HeldSummary]:
    query = select(HeldDeletion, Territory.code).join(
        Territory, Territory.id == HeldDeletion.territory_id
    )
    if territory_code:
        query = query.where(Territory.code == stored_code(session, territory_code))
    if not include_decided:
        query = query.where(HeldDeletion.status == HELD)
    rows = session.execute(query.order_by(HeldDeletion.id)).all()
    return [
        HeldSummary(h.id, code, h.device_id, h.entity, h.entity_id, h.held_at, h.status)
        for h, code in rows
    ]


def decide_held(
    session: Session, ids: list[int], device: str | None, *, approve: bool
) -> tuple[int, int]:
    """Approve or reject waiting deletions by id and/or by device.

    Returns (deletions decided, records deleted now).
    """
    if not ids and device is None:
        raise ApiError(400, "nothing_chosen", "name held deletions by id or with --device")
    chosen: list[ColumnElement[bool]] = []
    if ids:
        chosen.append(HeldDeletion.id.in_(ids))
    if device is not None:
        chosen.append(HeldDeletion.device_id == parse_device_id(device))
    rows = list(
        session.scalars(
            select(HeldDeletion)
            .where(HeldDeletion.status == HELD, or_(*chosen))
            .order_by(HeldDeletion.id)
        )
    )
    missing = set(ids) - {row.id for row in rows}
    if missing:
        raise ApiError(404, "unknown_held_deletion", f"no waiting deletion {min(missing)}")
    now = utc_now()
    deleted = 0
    by_territory: dict[int, list[HeldDeletion]] = {}
    for row in rows:
        row.status = APPROVED if approve else REJECTED
        row.decided_at = now
        by_territory.setdefault(row.territory_id, []).append(row)
    for territory_id, held in sorted(by_territory.items()):
        if approve:
            deleted += _apply(session, territory_id, held)
        record_event(
            session,
            "deletions_approved" if approve else "deletions_rejected",
            territory_id=territory_id,
            held=[row.id for row in held],
        )
    return len(rows), deleted


def _apply(session: Session, territory_id: int, held: list[HeldDeletion]) -> int:
    erasures = [row for row in held if row.entity == TOMBSTONE]
    held = [row for row in held if row.entity != TOMBSTONE]
    today = utc_now().date()
    people = dict.fromkeys(row.entity_id for row in erasures)
    purged = store_tombstones(
        session, territory_id, [Tombstone(person, ERASURE, today) for person in people]
    )
    keys = dict.fromkeys((row.entity, row.entity_id) for row in held)
    changes = []
    for entity, entity_id in keys:
        record = current_record(session, territory_id, entity, entity_id)
        if record is not None and not record.deleted:
            changes.append(NewVersion(entity, entity_id, {}, True))
    write_versions(session, territory_id, changes)
    return len(changes) + purged.records


def parse_device_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ApiError(400, "bad_device_id", f"{text!r} is not a device id") from None
