"""Where a counsellor certificate says whose it is: subjectAltName URIs both sides read.

The territory CA writes two URIs into each counsellor certificate's subjectAltName
(RFC 5280 §4.2.1.6, ``uniformResourceIdentifier``)::

    urn:spie:account:<account uuid>
    urn:spie:field:social | urn:spie:field:emploi

``plan verify`` reads the field from the validated certificate, never from the PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Literal, get_args

CounsellorField = Literal["social", "emploi"]
FIELDS: tuple[str, ...] = get_args(CounsellorField)
ACCOUNT_URN = "urn:spie:account:"
FIELD_URN = "urn:spie:field:"


def account_urn(account_id: uuid.UUID) -> str:
    return f"{ACCOUNT_URN}{account_id}"


def field_urn(field: str) -> str:
    if field not in FIELDS:
        raise ValueError(f"unknown counsellor field {field!r}")
    return f"{FIELD_URN}{field}"


def field_of(uris: Iterable[str]) -> str | None:
    """The one field named by ``uris``; None when there is none, or more than one."""
    found = {u[len(FIELD_URN) :] for u in uris if u.startswith(FIELD_URN)}
    if len(found) != 1:
        return None
    (field,) = found
    return field if field in FIELDS else None


def account_of(uris: Iterable[str]) -> uuid.UUID | None:
    """The one account named by ``uris``; None when there is none, or more than one."""
    found = {u[len(ACCOUNT_URN) :] for u in uris if u.startswith(ACCOUNT_URN)}
    if len(found) != 1:
        return None
    try:
        return uuid.UUID(found.pop())
    except ValueError:
        return None
