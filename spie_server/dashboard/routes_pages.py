"""The dashboard's page routes (HTML for people, not the devices' wire contract): login,
logout and the indicators of the manager's own territory.

The territory shown is the session's, never a parameter. Forms are CSRF-checked: the login
form against a random cookie set with it (double submit), the logout form against the token
of the session (synchronizer). Wrong passwords are limited per login and per address.
"""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from spie_server.dashboard.accounts import check_password, normalise_login
from spie_server.dashboard.dashboard_page import dashboard_page
from spie_server.dashboard.login_limits import LoginLimits
from spie_server.dashboard.page_layout import (
    HOME_PATH,
    LOGIN_PATH,
    LOGOUT_PATH,
    STYLE,
    STYLE_PATH,
    login_page,
    message_page,
    too_many_attempts_page,
)
from spie_server.dashboard.page_security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    clear_cookie,
    read_form,
    requester,
    secured,
    set_cookie,
)
from spie_server.dashboard.periods import choose_period, periods
from spie_server.dashboard.sessions import (
    SESSION_HOURS,
    ActiveSession,
    active_session,
    close_session,
    new_token,
    open_session,
    same_token,
)
from spie_server.dashboard.table_source import table_provider, today
from spie_server.db import session_scope
from spie_server.logs import log_event

router = APIRouter(include_in_schema=False)
LOGIN_FORM_SECONDS = 3600


def _html(text: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return secured(HTMLResponse(text, status_code=status, headers=headers))


def _redirect(path: str) -> Response:
    return secured(RedirectResponse(path, status_code=303))


def _refused_form() -> Response:
    return _html(
        message_page(
            "Formulaire refusé",
            "Ce formulaire a expiré ou ne vient pas de cette page. Rechargez la page et "
            "recommencez.",
            link_text="Retour à la connexion",
            link=LOGIN_PATH,
        ),
        403,
    )


def _session(request: Request) -> ActiveSession | None:
    with session_scope(request.app.state.engine) as session:
        return active_session(session, request.cookies.get(SESSION_COOKIE))


@router.get(STYLE_PATH)
def style() -> Response:
    return secured(PlainTextResponse(STYLE, media_type="text/css"))


def _login_form(error: str = "", login: str = "", status: int = 200) -> Response:
    token = new_token()
    response = _html(login_page(token, error=error, login=login), status)
    set_cookie(response, LOGIN_CSRF_COOKIE, token, LOGIN_FORM_SECONDS)
    return response


@router.get(LOGIN_PATH)
def login_form(request: Request) -> Response:
    if _session(request) is not None:
        return _redirect(HOME_PATH)
    return _login_form()


@router.post(LOGIN_PATH)
async def login(request: Request) -> Response:
    form = await read_form(request)
    if form is None or not same_token(
        form.get("csrf_token"), request.cookies.get(LOGIN_CSRF_COOKIE)
    ):
        return _refused_form()
    login_name = normalise_login(form.get("login", ""))[:64]
    password = form.get("password", "")
    address = requester(request)
    limits: LoginLimits = request.app.state.login_limits
    wait = await run_in_threadpool(limits.wait_seconds, login_name, address)
    if wait > 0:
        log_event("dashboard_login_limited")
        minutes = max(1, math.ceil(wait / 60))
        return _html(too_many_attempts_page(minutes), 429, {"Retry-After": str(math.ceil(wait))})

    def sign_in() -> str | None:
        with session_scope(request.app.state.engine) as session:
            manager = check_password(session, login_name, password)
            return open_session(session, manager.manager_id).token if manager else None

    token = await run_in_threadpool(sign_in)
    if token is None:
        await run_in_threadpool(limits.record_failure, login_name, address)
        log_event("dashboard_login_failed")
        return _login_form("Identifiant ou mot de passe incorrect.", login_name, 401)
    await run_in_threadpool(limits.forget_login, login_name)
    response = _redirect(HOME_PATH)
    set_cookie(response, SESSION_COOKIE, token, SESSION_HOURS * 3600)
    clear_cookie(response, LOGIN_CSRF_COOKIE)
    return response


@router.post(LOGOUT_PATH)
async def logout(request: Request) -> Response:
    form = await read_form(request)
    current = await run_in_threadpool(_session, request)
    if current is None:
        response = _redirect(LOGIN_PATH)
        clear_cookie(response, SESSION_COOKIE)
        return response
    if form is None or not same_token(form.get("csrf_token"), current.csrf_token):
        return _refused_form()

    def sign_out() -> None:
        with session_scope(request.app.state.engine) as session:
            close_session(session, request.cookies.get(SESSION_COOKIE, ""))

    await run_in_threadpool(sign_out)
    response = _redirect(LOGIN_PATH)
    clear_cookie(response, SESSION_COOKIE)
    return response


@router.get(HOME_PATH)
def indicators(request: Request) -> Response:
    current = _session(request)
    if current is None:
        return _redirect(LOGIN_PATH)
    day = today()
    chosen = choose_period(request.query_params.get("periode"), day)
    if chosen is None:
        return _html(
            message_page(
                "Période inconnue",
                "La période demandée n'existe pas : choisissez ce trimestre, le trimestre "
                "précédent ou cette année.",
                link_text="Revenir aux indicateurs",
                link=HOME_PATH,
            ),
            400,
        )
    table = table_provider(request)(
        request.app.state.engine, current.territory, chosen.start, chosen.end
    )
    if table.territory != current.territory:  # never show another territory's figures
        raise RuntimeError("the indicator provider answered for another territory")
    return _html(
        dashboard_page(
            table, current.territory, chosen, periods(day), current.login, current.csrf_token
        )
    )
