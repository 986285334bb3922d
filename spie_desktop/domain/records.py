"""What every synchronised record carries: identity, version, and who/when last changed it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


def new_id() -> uuid.UUID:
    return uuid.uuid4()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(kw_only=True)
class Record:
    """Base of every entity: a UUID, a version bumped on each change, and the last change.

    ``updated_by`` is the id of the counsellor account that made the last change (``None``
    for records made by the system, e.g. demo data or records pulled from the server).
    """

    id: uuid.UUID = field(default_factory=new_id)
    version: int = 1
    updated_at: datetime = field(default_factory=utc_now)
    updated_by: uuid.UUID | None = None

    def touch(self, by: uuid.UUID | None) -> None:
        """Record a change: bump the version and stamp who and when."""
        self.version += 1
        self.updated_at = utc_now()
        self.updated_by = by
