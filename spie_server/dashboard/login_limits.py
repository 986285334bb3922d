"""Wrong passwords, counted in the database per login and per client address.

After :data:`MAX_FAILURES` wrong passwords within :data:`WINDOW_SECONDS` for a login, or from
an address, further attempts are refused (HTTP 429) without checking the password, until the
oldest failure leaves the window. The failures are rows, so every server process (uvicorn
workers, several hosts on one PostgreSQL) counts the same ones; rows older than the window are
deleted as failures are recorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from spie_server.models import LoginFailure
from spie_server.transactions import in_transaction

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60
_KEY_MAX = 120


def _keys(login: str, address: str) -> tuple[str, str]:
    return (f"login:{login}"[:_KEY_MAX], f"address:{address}"[:_KEY_MAX])


class LoginLimits:
    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], float] = time.time,  # wall clock: shared by processes and hosts
        max_failures: int = MAX_FAILURES,
        window_seconds: float = WINDOW_SECONDS,
    ) -> None:
        self._engine = engine
        self._clock = clock
        self._max = max_failures
        self._window = window_seconds

    def wait_seconds(self, login: str, address: str) -> float:
        """0 if an attempt may be checked now, else seconds until one may."""
        keys = _keys(login, address)
        return in_transaction(self._engine, lambda session: self._wait(session, keys))

    def _wait(self, session: Session, keys: tuple[str, ...]) -> float:
        now = self._clock()
        since = now - self._window
        wait = 0.0
        for key in keys:
            times = session.scalars(
                select(LoginFailure.at)
                .where(LoginFailure.key == key, LoginFailure.at > since)
                .order_by(LoginFailure.at.desc())
                .limit(self._max)
            ).all()
            if len(times) >= self._max:
                wait = max(wait, times[-1] + self._window - now)
        return max(wait, 0.0)

    def record_failure(self, login: str, address: str) -> None:
        now = self._clock()

        def record(session: Session) -> None:
            session.execute(delete(LoginFailure).where(LoginFailure.at <= now - self._window))
            session.add_all(LoginFailure(key=key, at=now) for key in _keys(login, address))

        in_transaction(self._engine, record)

    def forget_login(self, login: str) -> None:
        """A right password clears the login's failures (not the address's)."""
        key = _keys(login, "")[0]
        in_transaction(
            self._engine,
            lambda session: session.execute(delete(LoginFailure).where(LoginFailure.key == key)),
        )
