"""The dashboard on a real HTTPS server on 127.0.0.1, with figures the test chooses per
territory, and managers created as ``spie-server manager add`` does."""

from __future__ import annotations

import re
import secrets
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import Engine, select

from spie_protocol.indicators.table import Cell, IndicatorTable
from spie_server.app import create_app
from spie_server.dashboard.accounts import add_manager
from spie_server.dashboard.periods import choose_period, months_of
from spie_server.dashboard.table_source import TableProvider, today
from spie_server.db import make_engine, session_scope
from spie_server.models import Record, Territory, utc_now
from spie_server.sealing import keys_for
from spie_server.settings import Settings
from tests.server.dashboard.tls import TlsFiles, make_tls_files
from tests.server.pg import free_port

PASSWORD = "correct horse battery staple"


@dataclass
class FakeFigures:
    """The provider the app is given: the table set for each territory, or an empty one.
    ``asked`` records which territories the page asked for."""

    tables: dict[str, IndicatorTable] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def __call__(self, _engine: Engine, territory: str, start: date, end: date) -> IndicatorTable:
        self.asked.append(territory)
        return self.tables.get(territory) or IndicatorTable(territory, start, end)


@dataclass
class Dashboard:
    base_url: str
    engine: Engine
    settings: Settings
    tls: TlsFiles
    figures: FakeFigures
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.engine.dispose()

    def manager(self, territory: str, login: str) -> str:
        with session_scope(self.engine) as session:
            add_manager(session, territory, login, PASSWORD)
        return login

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, verify=trusting(self.tls), timeout=30)


def trusting(tls: TlsFiles) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(tls.ca))


def start_dashboard(
    settings: Settings,
    directory: Path,
    *,
    fake: bool = True,
    indicator_table: TableProvider | None = None,
) -> Dashboard:
    """``fake``: the page shows the figures the test sets in ``Dashboard.figures``; else the
    server's own, computed from the territory's records (by ``indicator_table`` if given,
    else as ``create_app`` does by default)."""
    tls = make_tls_files(directory)
    engine = make_engine(settings.database_url)
    figures = FakeFigures()
    app = (
        create_app(settings, engine=engine, indicator_table=figures)
        if fake
        else create_app(settings, engine=engine, indicator_table=indicator_table)
    )
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(tls.certificate),
        ssl_keyfile=str(tls.key),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base_url = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(base_url + "/healthz", verify=trusting(tls), timeout=1).is_success:
                return Dashboard(base_url, engine, settings, tls, figures, server, thread)
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    server.should_exit = True
    raise RuntimeError("dashboard server did not start")


def quarter_table(territory: str, base: int, structure: str) -> IndicatorTable:
    """This quarter's figures, distinct per territory: people oriented ``base + month index``
    each month, a median delay, and one masked cell."""
    period = choose_period(None, today())
    assert period is not None
    months = months_of(period)
    cells = [
        Cell("people_oriented", m, "", "", float(base + i), base + i) for i, m in enumerate(months)
    ]
    cells += [
        Cell("people_oriented", "", "", "", float(base * 3 + 3), base * 3 + 3),
        Cell("people_oriented", "", structure, "", float(base * 3 + 3), base * 3 + 3),
        Cell("delay_diagnostic", months[0], "", "", 17.5, 40),
        Cell("diagnostics_done", months[1], "", "", None, 3, suppressed=True),
        Cell("diagnostics_done", months[2], "", "", None, 0, suppressed=True),
        Cell("actions_by_theme", "", "", "emploi", float(base), base),
    ]
    return IndicatorTable(territory, period.start, period.end, tuple(cells))


def login(client: httpx.Client, login_name: str, password: str = PASSWORD) -> httpx.Response:
    """Fill the login form as a browser would: fetch it (and its CSRF cookie), post it."""
    form = client.get("/indicators/login")
    return client.post(
        "/indicators/login",
        data={"csrf_token": form_token(form.text), "login": login_name, "password": password},
    )


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the form carries no CSRF token"
    return found.group(1)


def iter_set_cookies(response: httpx.Response) -> Iterator[str]:
    yield from response.headers.get_list("set-cookie")


_SEQ = iter(range(2_000_000, 3_000_000))


def push_evaluations(served: Dashboard, code: str, structure: str, count: int) -> None:
    """``count`` people's evaluations this month, stored sealed as a device's push leaves them."""
    period = choose_period(None, today())
    assert period is not None
    month = months_of(period)[0]
    with session_scope(served.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == code))
        assert territory_id is not None
        key = keys_for(session, territory_id)
        for n in range(count):
            entity_id = uuid.uuid4()
            doc: dict[str, Any] = {
                "structure": structure,
                "month": month,
                "step": "interview",
                "token": secrets.token_urlsafe(16),
                "answers": {"clear": 4, "listened": 3, "agree": 4, "useful": 3},
                "wants_groups": n % 2 == 0,
            }
            session.add(
                Record(
                    territory_id=territory_id,
                    entity="evaluations",
                    entity_id=entity_id,
                    version=1,
                    doc=key.seal_doc("evaluations", entity_id, 1, doc),
                    deleted=False,
                    hlc=f"h{n}",
                    seq=next(_SEQ),
                    updated_at=utc_now(),
                    owner_structure=structure,
                )
            )
