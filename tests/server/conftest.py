"""A real server on 127.0.0.1, once on SQLite and once on a throwaway PostgreSQL cluster.

Every test that takes ``server`` (or ``admin``/``device``) runs on both backends. Tests keep
out of each other's way by creating their own territory. When PostgreSQL is not installed the
PostgreSQL half is skipped with the reason (failed under SPIE_REQUIRE_ALL_TESTS=1).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from spie_server.settings import RateLimit, Settings, sqlite_url
from tests.conftest import require_tool
from tests.server.helpers import Admin, DeviceClient, RunningServer, enrolled, start_server
from tests.server.pg import PG_BIN, Cluster, start_cluster

GENEROUS = RateLimit(burst=100_000, per_minute=100_000)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    require_tool(str(PG_BIN / "initdb"))
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def database_url_factory(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], str]:
    """Return a fresh, empty database URL for a backend."""

    def fresh(backend: str) -> str:
        if backend == "sqlite":
            return sqlite_url(tmp_path_factory.mktemp("sqlite"))
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        return cluster.create_database("t_" + uuid.uuid4().hex[:12])

    return fresh


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def server(
    backend: str,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[RunningServer]:
    data_dir = tmp_path_factory.mktemp(f"server-{backend}")
    settings = Settings(data_dir, database_url_factory(backend), GENEROUS)
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def admin(server: RunningServer) -> Admin:
    return Admin(server.engine, server.settings)


@pytest.fixture
def territory(admin: Admin) -> str:
    return admin.territory()


@pytest.fixture
def enrol(
    server: RunningServer, admin: Admin
) -> Callable[..., AbstractContextManager[DeviceClient]]:
    def make(territory: str, structure: str = "CD Test") -> AbstractContextManager[DeviceClient]:
        return enrolled(server.base_url, admin, territory, structure)

    return make


@pytest.fixture
def device(
    enrol: Callable[..., AbstractContextManager[DeviceClient]], territory: str
) -> Iterator[DeviceClient]:
    with enrol(territory) as client:
        yield client


@pytest.fixture
def server_data_dir(tmp_path: Path) -> Path:
    return tmp_path / "server"


@pytest.fixture(scope="module")
def postgresql_server(
    database_url_factory: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    """A server in this process on a fresh PostgreSQL database, generous limits, one per
    test module (for tests of concurrency, which SQLite cannot show)."""
    settings = Settings(
        tmp_path_factory.mktemp("server-pg"), database_url_factory("postgresql"), GENEROUS
    )
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()
