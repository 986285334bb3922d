"""Who may delete a record, and how many deletions one device may make in an hour.

A deletion is applied only for a device of the structure that owns the record (the structure
of the device that created it); any other device gets ``not_owner``. Past ``per_hour``
deletions by one device within the last hour, a deletion is not applied but held for an
administrator (``deletion_held``, see held_deletions.py). Both refusals leave the record as it
is, and the push answers them with the server's record as ``current``, so the device puts its
copy back.

An erasure (a ``purges`` record a device pushes) deletes a whole file, so it counts against
the same allowance: one device cannot erase a territory, file by file, any more than record by
record. Past the allowance the erasure is held the same way (its held line names the person);
an administrator who approves it makes the server write the tombstone and purge.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import Uuid, and_, func, or_, select
from sqlalchemy.orm import Session

from spie_protocol.messages import Change
from spie_server.models import HeldDeletion, Record, RecordVersion, utc_now
from spie_server.sync.bulk import one_of
from spie_server.sync.purge import TOMBSTONE
from spie_server.sync.rules import Rejected
from spie_server.territory.devices import AuthenticatedDevice

NOT_OWNER = "not_owner"
DELETION_HELD = "deletion_held"
#: Refusals after which the server still holds the record as it was.
KEEPS_RECORD = frozenset({NOT_OWNER, DELETION_HELD})
WINDOW = timedelta(hours=1)

Key = tuple[str, uuid.UUID]


class DeletionGuard:
    """Checks the deletions of one push, in order (built per push, inside its transaction)."""

    def __init__(
        self,
        session: Session,
        device: AuthenticatedDevice,
        per_hour: int,
        changes: list[Change],
    ) -> None:
        self._session = session
        self._device = device
        self._per_hour = per_hour
        self._wanted: list[Key] = sorted({(c.entity, c.entity_id) for c in changes if c.deleted})
        self._owners: dict[Key, str | None] | None = None
        self._recent: int | None = None

    def check(self, change: Change) -> Rejected | None:
        """None if ``change`` (a deletion the rules accept) may be applied now."""
        owners = self._load_owners()
        owner = owners.get((change.entity, change.entity_id))
        if owner is not None and owner != self._device.structure:
            return Rejected(
                NOT_OWNER, "only a device of the structure that created this record may delete it"
            )
        if self._recent is None:
            self._recent = self._count_recent()
        if self._recent >= self._per_hour:
            self._hold(change)
            return Rejected(
                DELETION_HELD,
                f"more than {self._per_hour} deletions in an hour: this one waits for an "
                "administrator",
            )
        self._recent += 1
        return None

    def _load_owners(self) -> dict[Key, str | None]:
        if self._owners is not None:
            return self._owners
        self._owners = {}
        by_entity: dict[str, list[uuid.UUID]] = {}
        for entity, entity_id in self._wanted:
            by_entity.setdefault(entity, []).append(entity_id)
        if not by_entity:
            return self._owners
        wanted = or_(
            *(
                and_(Record.entity == entity, one_of(self._session, Record.entity_id, ids, Uuid()))
                for entity, ids in sorted(by_entity.items())
            )
        )
        rows = self._session.execute(
            select(Record.entity, Record.entity_id, Record.owner_structure).where(
                Record.territory_id == self._device.territory_id, wanted
            )
        )
        for name, entity_id, owner in rows:
            self._owners[(str(name), entity_id)] = owner
        return self._owners

    def _count_recent(self) -> int:
        since = utc_now() - WINDOW
        count = self._session.scalar(
            select(func.count())
            .select_from(RecordVersion)
            .where(
                RecordVersion.device_id == self._device.id,
                RecordVersion.stored_at >= since,
                or_(RecordVersion.deleted.is_(True), RecordVersion.entity == TOMBSTONE),
            )
        )
        return int(count or 0)

    def _hold(self, change: Change) -> None:
        erased = change.entity == TOMBSTONE
        self._session.add(
            HeldDeletion(
                territory_id=self._device.territory_id,
                device_id=self._device.id,
                op_id=change.op_id,
                entity=change.entity,
                # An erasure's held line names the person (approving it writes the tombstone).
                entity_id=uuid.UUID(str(change.fields["person_id"]))
                if erased
                else change.entity_id,
                base_version=change.base_version or 0,
                held_at=utc_now(),
                status="held",
            )
        )
