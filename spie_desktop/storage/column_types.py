"""Column types: UUIDs as 16-byte blobs, datetimes always UTC."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, LargeBinary, case, func
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator

#: Bytes of a stored identifier.
UUID_BYTES = 16


class UUIDBytes(TypeDecorator[uuid.UUID]):
    """A UUID stored as its 16 bytes: less than half the 36-character text, in the row and in
    every index over it (answers are keyed by their interview's id). Python sees
    ``uuid.UUID``; the wire keeps the canonical text (``jsonable``)."""

    impl = LargeBinary(UUID_BYTES)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        if value is None:
            return None
        if isinstance(value, uuid.UUID):
            return value.bytes
        return uuid.UUID(str(value)).bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        return None if value is None else uuid.UUID(bytes=bytes(value))

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        # Only for SQL printed with literal values (never run here): X'…' is SQLite's blob.
        if value is None:
            return "NULL"
        raw = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
        return f"X'{raw.hex}'"


def uuid_text(column: Any) -> ColumnElement[str]:
    """The canonical text of a stored id (``str(uuid)``), computed by SQLite: bulk reads that
    skip per-row result processing key their rows by it. NULL stays NULL."""
    digits = func.lower(func.hex(column))
    parts = [func.substr(digits, start, length) for start, length in _GROUPS]
    joined: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        joined = joined.concat("-").concat(part)
    return case((column.is_(None), None), else_=joined)


_GROUPS = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime, normalised to UTC, stored without offset; read back as aware UTC.

    A naive datetime is refused: its zone is unknown (Guyane is UTC-3, Paris UTC+1/+2).
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("datetimes must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)
