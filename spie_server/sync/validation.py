"""Checking a change against the protocol's schemas before anything reaches the database.

Every change is screened on its own: an unknown entity, a field of the wrong type, a missing
required field on creation, a number that is not finite or does not fit 64 bits, text that is
not valid Unicode (a lone surrogate) or holds NUL — each is refused for that change only, with
a stable code (see docs/sync-protocol.md), and never turns into a 500 or a whole-batch 422.
PostgreSQL cannot store NaN or infinities in JSON, nor NUL or surrogates in text; refusing
them here also keeps the batch's values out of the database's error messages and logs.
"""

from __future__ import annotations

from spie_protocol.messages import Change
from spie_protocol.schemas import Problem, check_entity, check_fields


def known_entity(change: Change) -> bool:
    """True when the change names an entity of the registry (so its key may be looked up)."""
    return check_entity(change.entity) is None


def screen(change: Change, *, creating: bool) -> Problem | None:
    """Why ``change`` cannot be stored, or None. ``creating``: the server holds no live
    version of the record, so the change must carry every required field."""
    problem = check_entity(change.entity)
    if problem is None and not change.deleted:
        problem = check_fields(change.entity, change.fields, creating=creating)
    return problem
