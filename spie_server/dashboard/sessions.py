"""Dashboard sessions: a random token in the manager's cookie, only its SHA-256 in the database.

A session lasts :data:`SESSION_HOURS` at most; each carries its own CSRF token, which the
session's forms (logout) must send back.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from spie_server.models import Manager, ManagerSession, Territory, utc_now

SESSION_HOURS = 8


@dataclass(frozen=True)
class OpenSession:
    token: str  # goes in the cookie; never stored
    csrf_token: str


@dataclass(frozen=True)
class ActiveSession:
    territory: str
    login: str
    csrf_token: str


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_session(session: Session, manager_id: int) -> OpenSession:
    now = utc_now()
    session.execute(delete(ManagerSession).where(ManagerSession.expires_at < now))
    opened = OpenSession(new_token(), new_token())
    session.add(
        ManagerSession(
            token_hash=_digest(opened.token),
            manager_id=manager_id,
            csrf_token=opened.csrf_token,
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    return opened


def active_session(session: Session, token: str | None) -> ActiveSession | None:
    """The session behind a cookie, if it is still open and its manager still active."""
    if not token or len(token) > 200:
        return None
    row = session.execute(
        select(ManagerSession.csrf_token, Manager.login, Territory.code)
        .join(Manager, Manager.id == ManagerSession.manager_id)
        .join(Territory, Territory.id == Manager.territory_id)
        .where(
            ManagerSession.token_hash == _digest(token),
            ManagerSession.expires_at > utc_now(),
            Manager.disabled_at.is_(None),
        )
    ).first()
    return ActiveSession(row.code, row.login, row.csrf_token) if row else None


def close_session(session: Session, token: str) -> None:
    session.execute(delete(ManagerSession).where(ManagerSession.token_hash == _digest(token)))


def same_token(sent: str | None, expected: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token with the one it must match."""
    if not sent or not expected:
        return False
    return hmac.compare_digest(sent.encode("utf-8"), expected.encode("utf-8"))
