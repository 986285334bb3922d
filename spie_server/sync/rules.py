"""What the server does with one change, given the record it holds: pure, no database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from spie_protocol.entities import APPEND_ONLY, FROZEN_PLAN_STATUSES, RESERVED_FIELDS
from spie_protocol.limits import MAX_CHANGE_BYTES
from spie_protocol.messages import Change
from spie_server.sync.validation import screen

#: Bookkeeping fields a device may still change on a signed plan, with its status.
PLAN_STATUS_FIELDS = frozenset({"status", "updated_at", "updated_by"})


@dataclass(frozen=True)
class RecordState:
    version: int
    doc: dict[str, Any]
    deleted: bool
    hlc: str
    device_id: uuid.UUID | None
    seq: int


@dataclass(frozen=True)
class Applied:
    state: RecordState  # seq is filled in later, when sequence numbers are drawn


@dataclass(frozen=True)
class Conflict:
    current: RecordState


@dataclass(frozen=True)
class Rejected:
    code: str
    message: str


Decision = Applied | Conflict | Rejected


def decide(
    change: Change, current: RecordState | None, device_id: uuid.UUID, encoded_size: int
) -> Decision:
    """``encoded_size``: bytes of the change as compact JSON (the push computes it anyway)."""
    problem = _malformed(change, encoded_size)
    if problem is not None:
        return problem
    base = change.base_version or 0
    creating = base == 0 if current is None else current.deleted and base == current.version
    invalid = screen(change, creating=creating)
    if invalid is not None:
        return Rejected(invalid.code, invalid.message)
    if current is None:
        if base != 0:
            return Rejected("unknown_record", f"the server has no version {base} of this record")
        if change.deleted:
            return Rejected("unknown_record", "cannot delete a record the server does not have")
    elif change.entity in APPEND_ONLY:
        return Rejected("immutable", f"{change.entity} records are append-only: never changed")
    elif base != current.version:
        return Conflict(current)
    elif change.entity == "plans" and _is_frozen_plan(current):
        problem = _signed_plan_change(change)
        if problem is not None:
            return problem
    version = (current.version if current else 0) + 1
    if change.deleted:
        doc: dict[str, Any] = {}
    elif current is None or current.deleted:
        doc = dict(change.fields)
    else:
        doc = {**current.doc, **change.fields}
    state = RecordState(version, doc, change.deleted, change.hlc, device_id, seq=0)
    return Applied(state)


def with_seq(state: RecordState, seq: int) -> RecordState:
    return replace(state, seq=seq)


def _malformed(change: Change, size: int) -> Rejected | None:
    reserved = sorted(RESERVED_FIELDS & change.fields.keys())
    if reserved:
        return Rejected("reserved_field", f"fields may not contain {', '.join(reserved)}")
    if size > MAX_CHANGE_BYTES:
        return Rejected(
            "change_too_large", f"the change takes {size} bytes; at most {MAX_CHANGE_BYTES}"
        )
    if "\x00" in change.hlc or _holds_nul(change.fields):
        # PostgreSQL text and JSON cannot hold U+0000; no desktop ever writes it.
        return Rejected("invalid_text", "text may not contain the NUL character (U+0000)")
    return None


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _is_frozen_plan(current: RecordState) -> bool:
    return not current.deleted and current.doc.get("status") in FROZEN_PLAN_STATUSES


def _signed_plan_change(change: Change) -> Rejected | None:
    """A signed plan only moves on to ``superseded``; anything else makes a new plan."""
    if (
        not change.deleted
        and change.fields.keys() <= PLAN_STATUS_FIELDS
        and change.fields.get("status", "superseded") in FROZEN_PLAN_STATUSES
    ):
        return None
    return Rejected("plan_signed", "a signed plan is immutable; a change makes a new plan version")
