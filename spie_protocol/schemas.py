"""What each entity's document may hold: the field schemas both sides agree on.

A record's ``fields`` is a flat JSON object. For every entity the registry below names its
fields with a kind (text, uuid, date, datetime, int, bool, json), whether ``null`` is allowed
and whether the field is required when the record is created. A field the schema does not
name is allowed (a newer minor version may add optional fields) but its value must still be
clean JSON. Everywhere: numbers finite and within 64 bits, text valid Unicode without lone
surrogates or NUL.

:func:`check_fields` tells what is wrong with a change's fields as a stable code and an
English message that never repeats a value (it ends up in logs and in the device's inbox).
The desktop's synced tables are tested against these schemas (tests/storage), so they
cannot drift apart.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .entities import ANONYMOUS


class Kind(StrEnum):
    TEXT = "text"
    UUID = "uuid"
    DATE = "date"  # ISO 8601 calendar date, "2026-11-27"
    DATETIME = "datetime"  # ISO 8601, with an offset ("2026-11-27T10:00:00+00:00")
    INT = "int"
    BOOL = "bool"
    JSON = "json"  # any clean JSON value (answers, consent scopes, signature strokes)


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    nullable: bool = False
    required: bool = False  # must be present (and not null) when the record is created


@dataclass(frozen=True)
class Problem:
    """Why a change cannot be stored: ``code`` is stable, ``message`` names no value."""

    code: str
    message: str


#: Numbers beyond these do not fit a 64-bit integer column on a device.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1
MAX_DEPTH = 32


def _req(kind: Kind) -> FieldSpec:
    return FieldSpec(kind, required=True)


def _opt(kind: Kind) -> FieldSpec:
    return FieldSpec(kind)


def _null(kind: Kind) -> FieldSpec:
    return FieldSpec(kind, nullable=True)


#: Fields every record carries: when and by whom it last changed.
COMMON: dict[str, FieldSpec] = {"updated_at": _opt(Kind.DATETIME), "updated_by": _null(Kind.UUID)}

_SPECIFIC: dict[str, dict[str, FieldSpec]] = {
    "structures": {
        "name": _req(Kind.TEXT),
        "kind": _req(Kind.TEXT),
        "territory_code": _req(Kind.TEXT),
    },
    "counsellors": {
        "display_name": _req(Kind.TEXT),
        "field": _req(Kind.TEXT),
        "structure_id": _null(Kind.UUID),
        "active": _opt(Kind.BOOL),
    },
    "people": {
        "first_name": _req(Kind.TEXT),
        "last_name": _req(Kind.TEXT),
        "birth_date": _null(Kind.DATE),
        "commune": _req(Kind.TEXT),
        "phone": _req(Kind.TEXT),
        "email": _req(Kind.TEXT),
        "status": _req(Kind.TEXT),
        "last_contact": _null(Kind.DATE),
        "created_at": _req(Kind.DATETIME),
        # Shared by the person's evaluations (never shown): links their answers, not them.
        "evaluation_token": _null(Kind.TEXT),
        "language": _opt(Kind.TEXT),  # BCP 47; added in 1.x, absent from older devices: "fr"
    },
    "consents": {
        "person_id": _req(Kind.UUID),
        "given_at": _req(Kind.DATETIME),
        "scopes": _opt(Kind.JSON),
        "wording_version": _req(Kind.TEXT),
        "recorded_by": _null(Kind.UUID),
    },
    "interviews": {
        "person_id": _req(Kind.UUID),
        "definition_id": _req(Kind.TEXT),
        "definition_version": _req(Kind.INT),
        "status": _req(Kind.TEXT),
        "current_step": _req(Kind.TEXT),
        "started_at": _req(Kind.DATETIME),
        "social_counsellor_id": _null(Kind.UUID),
        "emploi_counsellor_id": _null(Kind.UUID),
        "place": _req(Kind.TEXT),
    },
    "answers": {
        "interview_id": _req(Kind.UUID),
        "key": _req(Kind.TEXT),
        "value": _null(Kind.JSON),
        "author_id": _null(Kind.UUID),
    },
    "plans": {
        "person_id": _req(Kind.UUID),
        "interview_id": _null(Kind.UUID),
        "plan_version": _req(Kind.INT),
        "supersedes_id": _null(Kind.UUID),
        "status": _req(Kind.TEXT),
        "contract": _req(Kind.TEXT),
        "contract_commitment": _opt(Kind.BOOL),
        "next_review": _null(Kind.DATE),
    },
    "objectives": {
        "plan_id": _req(Kind.UUID),
        "position": _req(Kind.INT),
        "theme": _req(Kind.TEXT),
        "label": _req(Kind.TEXT),
        "status": _req(Kind.TEXT),
    },
    "actions": {
        "objective_id": _req(Kind.UUID),
        "position": _req(Kind.INT),
        "label": _req(Kind.TEXT),
        "responsible_structure": _req(Kind.TEXT),
        "referent": _req(Kind.TEXT),
        "start_date": _null(Kind.DATE),
        "due_date": _null(Kind.DATE),
        "status": _req(Kind.TEXT),
        "offer_id": _null(Kind.TEXT),
        # The linked offer as it stood when linked: {"source", "id", "name", "structure",
        # "address", "phone", "email", "contact_name", "link", "updated_on"}.
        "linked_offer": _null(Kind.JSON),
    },
    "signatures": {
        "plan_id": _req(Kind.UUID),
        "role": _req(Kind.TEXT),
        "signer_name": _req(Kind.TEXT),
        "strokes": _opt(Kind.JSON),
        "signed_at": _req(Kind.DATETIME),
        "counsellor_id": _null(Kind.UUID),
        # "drawn" (strokes) or "typed" (the name typed and confirmed on the keyboard, no
        # strokes); older devices do not send it: read as "drawn".
        "method": _opt(Kind.TEXT),
    },
    "plan_pdfs": {"plan_id": _req(Kind.UUID), "sha256": _req(Kind.TEXT), "size": _req(Kind.INT)},
    "follow_up_events": {
        "person_id": _req(Kind.UUID),
        "kind": _req(Kind.TEXT),
        "occurred_at": _req(Kind.DATETIME),
        "note": _req(Kind.TEXT),
        "action_id": _null(Kind.UUID),
        "details": _null(Kind.JSON),
    },
    "case_reviews": {
        "starts_at": _req(Kind.DATETIME),
        "place": _req(Kind.TEXT),
        # [{"name", "structure", "role"}]: nothing else about the participants.
        "participants": _opt(Kind.JSON),
        "status": _req(Kind.TEXT),
        "structure_id": _null(Kind.UUID),
        "author_id": _null(Kind.UUID),
    },
    "case_review_cases": {
        "person_id": _req(Kind.UUID),
        "review_id": _null(Kind.UUID),
        "reason": _req(Kind.TEXT),
        "question": _req(Kind.TEXT),
        # A random pseudonym (« C-7K3Q »), never derived from the person's data.
        "reference": _req(Kind.TEXT),
        "include_sex": _opt(Kind.BOOL),
        "decisions": _opt(Kind.JSON),  # [{"what", "who", "due_on"}]
        "flagged_at": _req(Kind.DATETIME),
        "author_id": _null(Kind.UUID),
    },
    # A tombstone: everything about this person is to be forgotten on every device and on
    # the server. Carries no identity: the person's id only, why, and the day.
    "purges": {
        "person_id": _req(Kind.UUID),
        "reason": _req(Kind.TEXT),  # "retention" | "erasure"
        "purged_on": _req(Kind.DATE),
    },
    # A PMSMP convention for a plan action (no foreign key on the action: plan versions).
    "immersions": {
        "person_id": _req(Kind.UUID),
        "action_id": _req(Kind.UUID),
        "company_name": _req(Kind.TEXT),
        "siret": _req(Kind.TEXT),
        "company_address": _req(Kind.TEXT),
        "company_commune": _req(Kind.TEXT),
        "sector": _req(Kind.TEXT),
        "tutor_name": _req(Kind.TEXT),
        "tutor_function": _req(Kind.TEXT),
        "tutor_phone": _req(Kind.TEXT),
        "tutor_email": _req(Kind.TEXT),
        "periods": _opt(Kind.JSON),  # [{"start", "end"}], ISO dates
        "weekly_minutes": _null(Kind.INT),
        "objective": _req(Kind.TEXT),  # "discover" | "confirm" | "recruit"
        "trade_code": _req(Kind.TEXT),
        "trade_label": _req(Kind.TEXT),
        "activities": _req(Kind.TEXT),
        "skills": _req(Kind.TEXT),
        "renewal_of": _null(Kind.UUID),
        "assessment": _null(Kind.JSON),  # {"skills_shown", "follow_up", "assessed_on"}
    },
    # A company that hosted or hired: no data about the people it hosted.
    "employers": {
        "key": _req(Kind.TEXT),  # the SIRET, else "nom:" and the folded name
        "name": _req(Kind.TEXT),
        "siret": _req(Kind.TEXT),
        "sector": _req(Kind.TEXT),
        "commune": _req(Kind.TEXT),
        "trades": _opt(Kind.JSON),
        "contact_name": _req(Kind.TEXT),
        "contact_phone": _req(Kind.TEXT),
        "contact_email": _req(Kind.TEXT),
    },
    # A person's own evaluation of their support: no person, counsellor or interview id
    # (see ANONYMOUS in .entities), only a random token shared by the person's evaluations.
    "evaluations": {
        "structure": _req(Kind.TEXT),  # the id of the structure whose device took it
        "month": _req(Kind.TEXT),  # "YYYY-MM", in the territory's calendar
        "step": _req(Kind.TEXT),  # EvaluationStep value
        "token": _req(Kind.TEXT),
        "answers": _opt(Kind.JSON),  # {EvaluationQuestion value: 1..4}, unanswered absent
        "wants_groups": _null(Kind.BOOL),
        "suggestion": _req(Kind.TEXT),
        "created_at": _req(Kind.DATETIME),
    },
}

#: The registry: every entity a device may push, with the schema of its document.
SCHEMAS: dict[str, dict[str, FieldSpec]] = {
    entity: {**COMMON, **fields} for entity, fields in _SPECIFIC.items()
}


def check_entity(entity: str) -> Problem | None:
    if entity not in SCHEMAS:
        return Problem("unknown_entity", "this entity is not part of the protocol")
    return None


def check_fields(entity: str, fields: dict[str, Any], *, creating: bool) -> Problem | None:
    """The first problem with ``fields`` of a change to ``entity``, or None.

    ``creating``: the change makes the record (or brings back a deleted one), so every
    required field must be there.
    """
    problem = check_entity(entity)
    if problem is not None:
        return problem
    schema = SCHEMAS[entity]
    for name, value in fields.items():
        spec = schema.get(name)
        if entity in ANONYMOUS:
            problem = _check_anonymous(name, spec, value)
            if problem is not None:
                return problem
        problem = _check_clean(value, 0) if spec is None else _check_known(name, spec, value)
        if problem is None and spec is None:
            problem = _check_text(name, "a field name")
        if problem is not None:
            return problem
    if creating:
        missing = sorted(n for n, s in schema.items() if s.required and n not in fields)
        if missing:
            return Problem("missing_field", f"a new {entity} record needs {', '.join(missing)}")
    return None


def _check_anonymous(name: str, spec: FieldSpec | None, value: Any) -> Problem | None:
    """A record that names no one: only its schema's fields, and never who changed it."""
    if spec is None:
        return Problem("unknown_field", "this entity accepts only the fields of its schema")
    if name == "updated_by" and value is not None:
        return Problem("invalid_field", "updated_by must be null: this entity names no one")
    return None


def _check_known(name: str, spec: FieldSpec, value: Any) -> Problem | None:
    if value is None:
        if spec.nullable:
            return None
        return Problem("invalid_field", f"{name} may not be null")
    if spec.kind is Kind.JSON:
        return _check_clean(value, 0)
    if spec.kind is Kind.INT:
        if isinstance(value, float) and not math.isfinite(value):
            return Problem("invalid_number", f"{name} is not a finite number")
        if not isinstance(value, int) or isinstance(value, bool):
            return Problem("invalid_field", f"{name} must be an integer")
        if not INT_MIN <= value <= INT_MAX:
            return Problem("invalid_number", f"{name} does not fit in 64 bits")
        return None
    if spec.kind is Kind.BOOL:
        if isinstance(value, bool):
            return None
        return Problem("invalid_field", f"{name} must be true or false")
    if not isinstance(value, str):
        return _wrong_type(name, spec.kind, value)
    problem = _check_text(value, name)
    if problem is not None or spec.kind is Kind.TEXT:
        return problem
    if not _parses(spec.kind, value):
        return Problem("invalid_field", f"{name} is not a valid {spec.kind.value}")
    return None


def _wrong_type(name: str, kind: Kind, value: Any) -> Problem:
    if isinstance(value, float) and not math.isfinite(value):
        return Problem("invalid_number", f"{name} is not a finite number")
    return Problem("invalid_field", f"{name} must be a {kind.value} string")


def _parses(kind: Kind, text: str) -> bool:
    try:
        if kind is Kind.UUID:
            uuid.UUID(text)
        elif kind is Kind.DATE:
            date.fromisoformat(text)
        elif kind is Kind.DATETIME:
            datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_text(text: str, what: str) -> Problem | None:
    if "\x00" in text:
        return Problem("invalid_text", f"{what} contains the NUL character (U+0000)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return Problem("invalid_text", f"{what} is not valid Unicode (lone surrogate)")
    return None


def _check_clean(value: Any, depth: int) -> Problem | None:
    """Any JSON value: finite 64-bit numbers, valid text, nesting within reason."""
    if depth > MAX_DEPTH:
        return Problem("invalid_field", "a value is nested too deeply")
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if INT_MIN <= value <= INT_MAX:
            return None
        return Problem("invalid_number", "a number does not fit in 64 bits")
    if isinstance(value, float):
        if math.isfinite(value):
            return None
        return Problem("invalid_number", "a number is not finite (NaN or infinity)")
    if isinstance(value, str):
        return _check_text(value, "a text value")
    if isinstance(value, list):
        for item in value:
            problem = _check_clean(item, depth + 1)
            if problem is not None:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            problem = _check_text(str(key), "a key") or _check_clean(item, depth + 1)
            if problem is not None:
                return problem
        return None
    return Problem("invalid_field", "a value is not JSON")
