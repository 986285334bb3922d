"""What every dashboard response carries: headers that forbid scripts, framing and caching, and
the cookies' flags. The cookies are always ``Secure``: the dashboard is served over HTTPS
(directly or by the reverse proxy in front of the server), and there is no setting to relax it.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from spie_server.client_address import client_address

SESSION_COOKIE = "__Secure-spie_indicateurs"
LOGIN_CSRF_COOKIE = "__Secure-spie_connexion"
COOKIE_PATH = "/indicators"
FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 8192

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def secured(response: Response) -> Response:
    response.headers.update(HEADERS)
    return response


def set_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=COOKIE_PATH,
        secure=True,
        httponly=True,
        samesite="strict",
    )


def clear_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH, secure=True, httponly=True, samesite="strict")


async def read_form(request: Request) -> dict[str, str] | None:
    """The fields of a urlencoded form (first value of each), or None if it is not one."""
    if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
        return None
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return None
    try:
        fields = parse_qs(body.decode("utf-8"), max_num_fields=10, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        return None
    return {name: values[0] for name, values in fields.items()}


def requester(request: Request) -> str:
    """The client address wrong passwords are counted against (see client_address.py)."""
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        request.app.state.trusted_proxies,
    )
