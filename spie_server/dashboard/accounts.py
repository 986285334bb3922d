"""Managers' logins: created and disabled by an administrator, passwords hashed with Argon2id.

A login belongs to one territory, and that territory is all its sessions ever show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Manager, ManagerSession, Territory, utc_now
from spie_server.territory.territories import find_territory

LOGIN_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{2,63}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # Argon2 takes any length; a bound keeps a login form cheap

_HASHER = PasswordHasher(type=Type.ID)
#: Checked when the login does not exist, so that an unknown login takes as long as a known one.
_DUMMY_HASH = _HASHER.hash("spie-indicators-no-such-manager")


@dataclass(frozen=True)
class ManagerSummary:
    login: str
    territory: str
    created_at: datetime
    disabled_at: datetime | None


@dataclass(frozen=True)
class SignedIn:
    manager_id: int
    territory: str


def normalise_login(login: str) -> str:
    return login.strip().lower()


def add_manager(session: Session, territory_code: str, login: str, password: str) -> Manager:
    login = normalise_login(login)
    if not LOGIN_PATTERN.fullmatch(login):
        raise ApiError(
            400,
            "invalid_login",
            "login must be 3 to 64 characters: lower-case letters, digits, . _ @ -",
        )
    check_password_strength(password)
    territory = find_territory(session, territory_code)
    if territory is None:
        raise ApiError(404, "unknown_territory", f"no territory {territory_code!r}")
    if session.scalar(select(Manager.id).where(Manager.login == login)) is not None:
        raise ApiError(409, "login_taken", f"a manager {login!r} already exists")
    manager = Manager(
        territory_id=territory.id,
        login=login,
        password_hash=_HASHER.hash(password),
        created_at=utc_now(),
    )
    session.add(manager)
    session.flush()
    record_event(session, "manager_added", territory_id=territory.id, manager_id=manager.id)
    return manager


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(
            400, "weak_password", f"password must have at least {MIN_PASSWORD_LENGTH} characters"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ApiError(400, "long_password", f"password is over {MAX_PASSWORD_LENGTH} characters")


def disable_manager(session: Session, login: str) -> None:
    """Refuse the login from now on and end its open sessions."""
    manager = session.scalar(select(Manager).where(Manager.login == normalise_login(login)))
    if manager is None:
        raise ApiError(404, "unknown_manager", f"no manager {login!r}")
    if manager.disabled_at is None:
        manager.disabled_at = utc_now()
    session.execute(delete(ManagerSession).where(ManagerSession.manager_id == manager.id))
    record_event(
        session, "manager_disabled", territory_id=manager.territory_id, manager_id=manager.id
    )


def list_managers(session: Session) -> list[ManagerSummary]:
    rows = session.execute(
        select(Manager, Territory.code)
        .join(Territory, Territory.id == Manager.territory_id)
        .order_by(Territory.code, Manager.login)
    ).all()
    return [ManagerSummary(m.login, code, m.created_at, m.disabled_at) for m, code in rows]


def check_password(session: Session, login: str, password: str) -> SignedIn | None:
    """The manager if ``password`` is theirs and the login is active; else None (same time)."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return None
    row = session.execute(
        select(Manager, Territory.code)
        .join(Territory, Territory.id == Manager.territory_id)
        .where(Manager.login == normalise_login(login))
    ).first()
    manager, code = (row[0], row[1]) if row else (None, "")
    try:
        _HASHER.verify(manager.password_hash if manager else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if manager is None or manager.disabled_at is not None:
        return None
    if _HASHER.check_needs_rehash(manager.password_hash):
        manager.password_hash = _HASHER.hash(password)
    return SignedIn(manager.id, code)
