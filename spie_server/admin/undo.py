"""Undoing what one device wrote: a laptop stolen before it was revoked, a buggy client.

Each record the device changed (since a moment; by default ever) whose current version is one
of those changes goes back to its last version written by someone else or before that moment,
as a NEW version (new sequence number: every device pulls it). A record the device created in
that window is soft-deleted.

Append-only records it created (consents, signatures, signed-plan PDFs, follow-up events,
audit events) are kept and counted: they never overwrote anyone's data, other records refer to
them (a plan's signatures and PDF), and they are the trace of what the device did, for the
administrator to look at. A record another device changed after the undone one is left as it
is and counted: someone has built on it since. Deletions of the device still waiting for an
administrator are rejected.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.entities import APPEND_ONLY
from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Device, HeldDeletion, RecordVersion, utc_now
from spie_server.sync.held_deletions import HELD, REJECTED, parse_device_id
from spie_server.sync.history import (
    NewVersion,
    Version,
    current_record,
    versions_of,
    write_versions,
)


@dataclass
class UndoReport:
    restored: int = 0  # records back to an earlier live version (deleted ones come back)
    deleted: int = 0  # records the device created, now soft-deleted (or back to deleted)
    kept_append_only: int = 0  # append-only records it created, kept
    changed_since: int = 0  # changed by another device afterwards: left as they are
    unrecoverable: int = 0  # history does not reach back before the device's change
    held_rejected: int = 0  # its deletions that were waiting for an administrator
    revoked: bool = False  # whether the device is revoked (it should be, if stolen)


def undo_device(session: Session, device_id: str, since: datetime | None = None) -> UndoReport:
    device = session.get(Device, parse_device_id(device_id))
    if device is None:
        raise ApiError(404, "unknown_device", f"no device {device_id}")
    report = UndoReport(revoked=device.revoked_at is not None)
    territory = device.territory_id

    def mine(version: Version) -> bool:
        return version.device_id == device.id and (since is None or version.stored_at >= since)

    changes: list[NewVersion] = []
    for entity, entity_id in _touched(session, territory, device.id, since):
        change = _revert(session, territory, entity, entity_id, mine, report)
        if change is not None:
            changes.append(change)
    write_versions(session, territory, changes)
    report.held_rejected = _reject_held(session, device.id)
    record_event(
        session,
        "device_undone",
        territory_id=territory,
        device_id=device.id,
        since=None if since is None else since.isoformat(),
        restored=report.restored,
        deleted=report.deleted,
        kept_append_only=report.kept_append_only,
        changed_since=report.changed_since,
        unrecoverable=report.unrecoverable,
        held_rejected=report.held_rejected,
    )
    return report


def _touched(
    session: Session, territory: int, device: uuid.UUID, since: datetime | None
) -> list[tuple[str, uuid.UUID]]:
    query = select(RecordVersion.entity, RecordVersion.entity_id).where(
        RecordVersion.territory_id == territory, RecordVersion.device_id == device
    )
    if since is not None:
        query = query.where(RecordVersion.stored_at >= since)
    rows = session.execute(query.distinct()).all()
    return sorted((str(r[0]), r[1]) for r in rows)


def _revert(
    session: Session,
    territory: int,
    entity: str,
    entity_id: uuid.UUID,
    mine: Callable[[Version], bool],
    report: UndoReport,
) -> NewVersion | None:
    record = current_record(session, territory, entity, entity_id)
    history = versions_of(session, territory, entity, entity_id)
    current = next((v for v in history if record and v.version == record.version), None)
    if record is None or current is None:
        report.unrecoverable += 1
        return None
    if not mine(current):
        report.changed_since += 1
        return None
    earlier = [v for v in history if not mine(v)]
    if not earlier:
        if history[0].version != 1:
            report.unrecoverable += 1
            return None
        if entity in APPEND_ONLY:
            report.kept_append_only += 1
            return None
        if record.deleted:
            return None
        report.deleted += 1
        return NewVersion(entity, entity_id, {}, True)
    target = earlier[-1]
    if target.deleted == current.deleted and target.doc == current.doc:
        return None
    if target.deleted:
        report.deleted += 1
    else:
        report.restored += 1
    return NewVersion(entity, entity_id, target.doc, target.deleted)


def _reject_held(session: Session, device: uuid.UUID) -> int:
    rows = list(
        session.scalars(
            select(HeldDeletion).where(
                HeldDeletion.device_id == device, HeldDeletion.status == HELD
            )
        )
    )
    now = utc_now()
    for row in rows:
        row.status = REJECTED
        row.decided_at = now
    return len(rows)
