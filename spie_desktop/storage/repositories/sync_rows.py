"""Records as documents: the one mapping between an entity row and its wire document.

A document holds every column of the row except the envelope (``id``, ``version``, ``hlc``)
and what never leaves the device (derived search keys, the PDF bytes, which travel as blobs).
Values are JSON: UUIDs and dates as text. :func:`row_values` turns a document back into
column values with the columns' own types.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, Table

from ..column_types import UTCDateTime, UUIDBytes
from ..entities import spec_of
from .base import jsonable

ENVELOPE = frozenset({"id", "version", "hlc"})


def table_for(entity: str) -> Table:
    return spec_of(entity).table


def doc_columns(entity: str) -> list[str]:
    spec = spec_of(entity)
    skipped = ENVELOPE | spec.local_only
    return [c.name for c in spec.table.columns if c.name not in skipped]


def to_doc(entity: str, mapping: Any) -> dict[str, Any]:
    """The wire document of a row (``row._mapping`` or a dict of column values)."""
    return {name: jsonable(mapping[name]) for name in doc_columns(entity)}


def row_values(entity: str, doc: dict[str, Any], fallback_time: datetime) -> dict[str, Any]:
    """Column values for a document: typed, derived columns computed, gaps filled.

    Unknown keys are ignored (a newer device may send more); a missing flag or list gets a
    neutral value; any other missing required value raises ValueError (the record is then
    parked by the sync engine, not stored half-made).
    """
    table = table_for(entity)
    values: dict[str, Any] = {}
    for name in doc_columns(entity):
        column = table.c[name]
        if name in doc and doc[name] is not None:
            values[name] = typed_value(column.type, doc[name])
        elif column.nullable:
            values[name] = None
        elif "wire_default" in column.info:  # a field added later: older senders omit it
            values[name] = column.info["wire_default"]
        elif name in ("updated_at", "updated_by") or isinstance(column.type, Boolean | JSON):
            values[name] = _neutral(column.type, fallback_time)
        else:  # a required value is missing: refuse rather than store a record that breaks
            raise ValueError(f"{entity} record without {name}")
    values.update(spec_of(entity).derive(values))
    return values


def typed_value(kind: Any, value: Any) -> Any:
    if isinstance(kind, UUIDBytes):
        return uuid.UUID(str(value))
    if isinstance(kind, UTCDateTime | DateTime):
        moment = datetime.fromisoformat(str(value))
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(kind, Date):
        return date.fromisoformat(str(value)[:10])
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, JSON):
        return value
    return value if isinstance(value, str) else str(value)


def _neutral(kind: Any, fallback_time: datetime) -> Any:
    if isinstance(kind, UTCDateTime | DateTime):
        return fallback_time
    if isinstance(kind, Date):
        return fallback_time.date()
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 0
    if isinstance(kind, JSON):
        return []
    if isinstance(kind, LargeBinary):
        return b""
    return ""
