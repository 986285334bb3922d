"""The dashboard served over HTTPS on 127.0.0.1, on SQLite and on PostgreSQL.

127.0.0.1 is named a trusted proxy, so a test can stand for a client address of its own with
``X-Forwarded-For`` and the wrong-password limit of one test does not reach another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from spie_server.settings import RateLimit, Settings
from tests.server.dashboard.helpers import Dashboard, start_dashboard
from tests.server.helpers import Admin


@pytest.fixture(scope="session")
def dashboard(
    backend: str,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Dashboard]:
    data_dir = tmp_path_factory.mktemp(f"dashboard-{backend}")
    settings = Settings(
        data_dir,
        database_url_factory(backend),
        RateLimit(100_000, 100_000),
        trusted_proxies=("127.0.0.1",),
    )
    running = start_dashboard(settings, data_dir)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def admin(dashboard: Dashboard) -> Admin:
    return Admin(dashboard.engine, dashboard.settings)
