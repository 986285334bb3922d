"""A file no longer shared with this device's structure (the person withdrew their consent to
share, or no counsellor of the structure follows them any more): the server says so in the
pull (``PullPage.unshared``) and the device erases its copy, in the page's transaction.

It is not an erasure of the file: nothing is pushed, no tombstone is kept, and the file comes
back whole if the structure follows the person again. Like a pulled tombstone, nothing local
is lost silently: a change of that person this device made and the server never received
(refused, set aside, or formed after the push of this run) is kept in the conflict inbox, one
entry per field, for the counsellor to see; everything else of the person goes — records,
merge bases, outbox entries, records set aside, audit lines naming them (one line « file no
longer shared » naming no one stays).
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from spie_desktop.domain.events import AuditAction
from spie_desktop.storage import purge
from spie_protocol.messages import UnsharedFile

from .apply import ApplyCounts
from .tombstones import drop_inflight_of

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def forget_unshared(uow: UnitOfWork, person_id: uuid.UUID, counts: ApplyCounts) -> bool:
    """Erase this device's copy of the person's file; True when it held any of it."""
    records = purge.collect(uow, [person_id])
    if not purge.holds_anything(uow, records):
        return False
    drop_inflight_of(uow, records)
    edits = purge.pending_edits(uow, records)
    for edit in edits:
        uow.inbox.add_conflict(
            edit.entity, edit.entity_id, edit.field, edit.value, None, edit.base_version
        )
    counts.conflicts += len(edits)
    erased = purge.erase(uow, records, keep_conflicts=True, audit=False)
    uow.audit.record(AuditAction.FILE_UNSHARED)
    counts.forgotten |= records.all_ids()
    log.info("file no longer shared: %d records erased, %d edits kept", erased, len(edits))
    return True


def apply_notices(uow: UnitOfWork, notices: list[UnsharedFile], counts: ApplyCounts) -> int:
    """Erase the files the notices name; returns how many this device held. The server sends
    a notice before any later record of the same file, so a page's notices go first."""
    return sum(forget_unshared(uow, n.person_id, counts) for n in notices)
