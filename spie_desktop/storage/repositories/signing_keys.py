"""Counsellors' signing identities: local rows, never journalled in the outbox.

A counsellor has at most one current identity (``replaced_at`` unset). Replacing one keeps
the old row with its certificate, so plans signed with it stay verifiable, and erases its
wrapped key, so it can never sign again.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, insert, select, update

from spie_desktop.domain.records import utc_now
from spie_desktop.domain.signing_key import SigningKey

from ..models import SigningKeyRow, table_of
from .base import Repository

KEYS = table_of(SigningKeyRow)


class SigningKeyRepository(Repository):
    def add(self, key: SigningKey) -> SigningKey:
        """Store a new current identity; the counsellor's previous one, if any, is replaced."""
        if key.is_current:
            self._retire(key.counsellor_id)
        self._session.execute(
            insert(KEYS).values(
                id=key.id,
                counsellor_id=key.counsellor_id,
                wrapped_key=key.wrapped_key,
                certificate_pem=key.certificate_pem,
                chain_pem=key.chain_pem,
                created_at=key.created_at,
                replaced_at=key.replaced_at,
            )
        )
        return key

    def current_for(self, counsellor_id: uuid.UUID) -> SigningKey | None:
        stmt = select(KEYS).where(
            KEYS.c.counsellor_id == counsellor_id, KEYS.c.replaced_at.is_(None)
        )
        row = self._session.execute(stmt).first()
        return None if row is None else _from_row(row)

    def list_for(self, counsellor_id: uuid.UUID) -> list[SigningKey]:
        """Every identity the counsellor has had, oldest first."""
        stmt = (
            select(KEYS)
            .where(KEYS.c.counsellor_id == counsellor_id)
            .order_by(KEYS.c.created_at, KEYS.c.id)
        )
        return [_from_row(row) for row in self._session.execute(stmt)]

    def rewrap(self, key_id: uuid.UUID, wrapped_key: bytes) -> None:
        """Replace the wrapped key of a current identity (same key, new passphrase)."""
        result = self._session.execute(
            update(KEYS)
            .where(KEYS.c.id == key_id, KEYS.c.replaced_at.is_(None))
            .values(wrapped_key=wrapped_key)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise LookupError("no current signing key with this id")

    def _retire(self, counsellor_id: uuid.UUID) -> None:
        self._session.execute(
            update(KEYS)
            .where(KEYS.c.counsellor_id == counsellor_id, KEYS.c.replaced_at.is_(None))
            .values(replaced_at=utc_now(), wrapped_key=b"")
        )


def _from_row(row: Row[Any]) -> SigningKey:
    m = row._mapping
    return SigningKey(
        id=m["id"],
        counsellor_id=m["counsellor_id"],
        wrapped_key=bytes(m["wrapped_key"]),
        certificate_pem=m["certificate_pem"],
        chain_pem=m["chain_pem"],
        created_at=m["created_at"],
        replaced_at=m["replaced_at"],
    )
