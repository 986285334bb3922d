"""The device behind the request's bearer token; the territory always comes from here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from spie_server.errors import ApiError
from spie_server.territory.devices import AuthenticatedDevice, authenticate
from spie_server.transactions import in_transaction

T = TypeVar("T")
bearer = HTTPBearer(auto_error=False, description="The token received at enrolment")


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    """The bearer token as sent (checked later, inside the request's own transaction).

    ``async`` though it awaits nothing: run in the event loop, not sent to the thread pool
    (a thread hop per request for a string check)."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise ApiError(
            401,
            "missing_token",
            "send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = credentials.credentials
    if len(token) > 200:
        raise ApiError(401, "invalid_token", "unknown bearer token")
    return token


def current_device(
    request: Request, token: Annotated[str, Depends(bearer_token)]
) -> AuthenticatedDevice:
    """Authenticate in a transaction of its own (for routes whose work is not in one)."""
    return as_device(request, token, lambda _session, device: device)


def as_device(
    request: Request,
    token: str,
    work: Callable[[Session, AuthenticatedDevice], T],
    *,
    snapshot: bool = False,
) -> T:
    """Authenticate and do ``work`` in one transaction: one round of commits per request."""

    def authenticated_work(session: Session) -> T:
        device = authenticate(session, token)
        request.state.device_id = str(device.id)
        return work(session, device)

    return in_transaction(request.app.state.engine, authenticated_work, snapshot=snapshot)


Device = Annotated[AuthenticatedDevice, Depends(current_device)]
Token = Annotated[str, Depends(bearer_token)]
