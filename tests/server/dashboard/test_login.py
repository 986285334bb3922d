"""Logging in and out of the dashboard over HTTPS: cookie flags, CSRF, the wrong-password limit,
security headers, and a manager of one territory seeing that territory only."""

from __future__ import annotations

import uuid

from spie_server.dashboard.accounts import disable_manager
from spie_server.db import session_scope
from tests.server.dashboard.helpers import (
    PASSWORD,
    Dashboard,
    form_token,
    iter_set_cookies,
    login,
    quarter_table,
)
from tests.server.helpers import Admin


def _login_name() -> str:
    return "m-" + uuid.uuid4().hex[:10]


def _address() -> dict[str, str]:
    """A client address of the test's own (127.0.0.1 is a trusted proxy here)."""
    return {"X-Forwarded-For": f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"}


def test_without_a_session_the_page_sends_to_the_login_form(dashboard: Dashboard) -> None:
    with dashboard.client() as client:
        answer = client.get("/indicators")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/indicators/login"


def test_the_session_cookie_is_secure_httponly_strict_and_scoped(
    dashboard: Dashboard, admin: Admin
) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        answer = login(client, manager)
    assert answer.status_code == 303, answer.text
    session_cookie = [c for c in iter_set_cookies(answer) if c.startswith("__Secure-spie_ind")]
    assert len(session_cookie) == 1
    flags = {part.strip().split("=")[0].lower(): part for part in session_cookie[0].split(";")}
    assert {"httponly", "secure", "samesite", "path"} <= set(flags)
    assert flags["samesite"].strip().lower() == "samesite=strict"
    assert flags["path"].strip().lower() == "path=/indicators"


def test_every_page_forbids_scripts_framing_and_caching(dashboard: Dashboard) -> None:
    with dashboard.client() as client:
        for path in ("/indicators/login", "/indicators", "/indicators/style.css"):
            headers = client.get(path).headers
            policy = headers["content-security-policy"]
            assert "default-src 'self'" in policy and "script-src 'none'" in policy
            assert headers["x-frame-options"] == "DENY"
            assert headers["cache-control"] == "no-store"


def test_a_login_post_without_the_forms_token_is_refused(
    dashboard: Dashboard, admin: Admin
) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        client.get("/indicators/login")  # the CSRF cookie is set; the token is not sent
        bare = client.post("/indicators/login", data={"login": manager, "password": PASSWORD})
        forged = client.post(
            "/indicators/login",
            data={"csrf_token": "x" * 43, "login": manager, "password": PASSWORD},
        )
    for answer in (bare, forged):
        assert answer.status_code == 403
        assert "Formulaire refusé" in answer.text
        assert not any(c.startswith("__Secure-spie_ind") for c in iter_set_cookies(answer))


def test_a_logout_post_without_the_sessions_token_is_refused(
    dashboard: Dashboard, admin: Admin
) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        assert login(client, manager).status_code == 303
        page = client.get("/indicators")
        refused = client.post("/indicators/logout", data={"csrf_token": "y" * 43})
        assert refused.status_code == 403
        assert client.get("/indicators").status_code == 200  # still signed in
        done = client.post("/indicators/logout", data={"csrf_token": form_token(page.text)})
        assert done.status_code == 303
        assert client.get("/indicators").headers["location"] == "/indicators/login"


def test_wrong_passwords_for_a_login_are_limited_then_answered_429(
    dashboard: Dashboard, admin: Admin
) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        client.headers.update(_address())
        wrong = [login(client, manager, "not the password!").status_code for _ in range(5)]
        assert wrong == [401] * 5
        limited = login(client, manager)  # the right password, too late
        assert limited.status_code == 429
        assert "Trop de tentatives" in limited.text
        assert int(limited.headers["retry-after"]) > 0
    with dashboard.client() as elsewhere:  # another address: the login is limited all the same
        elsewhere.headers.update(_address())
        assert login(elsewhere, manager).status_code == 429


def test_wrong_passwords_from_one_address_limit_every_login_from_it(
    dashboard: Dashboard, admin: Admin
) -> None:
    territory = admin.territory()
    victim = dashboard.manager(territory, _login_name())
    with dashboard.client() as client:
        client.headers.update(_address())
        for _ in range(5):
            assert login(client, _login_name(), "guessing...").status_code == 401
        assert login(client, victim).status_code == 429
    with dashboard.client() as other:
        other.headers.update(_address())
        assert login(other, victim).status_code == 303


def test_a_manager_sees_their_territory_only(dashboard: Dashboard, admin: Admin) -> None:
    a, b = admin.territory(), admin.territory()
    dashboard.figures.tables[a] = quarter_table(a, 101, "Maison de A")
    dashboard.figures.tables[b] = quarter_table(b, 901, "Maison de B")
    manager_a = dashboard.manager(a, _login_name())
    with dashboard.client() as client:
        assert login(client, manager_a).status_code == 303
        page = client.get("/indicators", params={"periode": "trimestre", "territory": b}).text
    assert f"Indicateurs du territoire {a}" in page
    assert "Maison de A" in page and ">101<" in page
    assert b not in page and "Maison de B" not in page
    assert not [n for n in (901, 902, 903, 2706) if f">{n}<" in page]
    assert dashboard.figures.asked[-1] == a


def test_an_unknown_period_is_refused_in_french(dashboard: Dashboard, admin: Admin) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        assert login(client, manager).status_code == 303
        answer = client.get("/indicators", params={"periode": "1999"})
    assert answer.status_code == 400
    assert "Période inconnue" in answer.text


def test_a_disabled_managers_session_ends(dashboard: Dashboard, admin: Admin) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        assert login(client, manager).status_code == 303
        assert client.get("/indicators").status_code == 200
        with session_scope(dashboard.engine) as session:
            disable_manager(session, manager)
        assert client.get("/indicators").status_code == 303
        assert login(client, manager).status_code == 401


def test_the_dashboard_is_not_in_the_protocols_api_document(dashboard: Dashboard) -> None:
    with dashboard.client() as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/indicators")]


def test_a_territory_without_figures_says_there_is_no_data(
    dashboard: Dashboard, admin: Admin
) -> None:
    manager = dashboard.manager(admin.territory(), _login_name())
    with dashboard.client() as client:
        assert login(client, manager).status_code == 303
        page = client.get("/indicators", params={"periode": "trimestre-precedent"})
    assert page.status_code == 200
    assert "Aucune donnée sur cette période" in page.text and "<svg" not in page.text
