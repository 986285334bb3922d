"""Entity names on the wire: the desktop's synchronised table names (its local audit trail,
``audit_events``, never leaves the device). Their field schemas are in :mod:`.schemas`.

Append-only entities are stored by the server as immutable versions: a record is created once
and never changed or deleted. A plan is append-only once signed: the only change accepted on a
signed plan is its status becoming ``superseded``; a new plan version is a new record.
"""

from __future__ import annotations

from typing import Literal, get_args

EntityName = Literal[
    "structures",
    "counsellors",
    "people",
    "consents",
    "interviews",
    "answers",
    "plans",
    "objectives",
    "actions",
    "signatures",
    "plan_pdfs",
    "follow_up_events",
    "case_reviews",
    "case_review_cases",
    "purges",
    "immersions",
    "employers",
    "evaluations",
]

ENTITIES: tuple[str, ...] = get_args(EntityName)

APPEND_ONLY: frozenset[str] = frozenset(
    {"consents", "signatures", "plan_pdfs", "follow_up_events", "purges"}
)

#: Entities whose records name no one (a person's own evaluation): their documents hold only
#: the fields of their schema, never who changed them (``updated_by`` stays null), and
#: nothing in them links to a person's record, so a purge of the person leaves them.
ANONYMOUS: frozenset[str] = frozenset({"evaluations"})

#: Entities immutable once written (append-only ones, and plans, which freeze when signed).
#: The server keeps every version of every entity, these and the others alike.
VERSIONED: frozenset[str] = APPEND_ONLY | {"plans"}

#: Plan statuses after which a plan is frozen.
FROZEN_PLAN_STATUSES: frozenset[str] = frozenset({"signed", "superseded"})

#: Field names that belong to the envelope, never to ``fields``.
RESERVED_FIELDS: frozenset[str] = frozenset({"id", "version", "hlc", "deleted", "seq"})
