"""A crowd of requests queues for the database instead of taking a thread and a connection
each (spie_server.db.REQUEST_LANES).

Every push of a territory is held at its sequence claim (the test holds the territory's guard
lock, as a key rotation does); three times as many pushes as there are lanes are sent at once.
Once the server has received them all and every connection it checked out waits on that lock,
no more than REQUEST_LANES connections are out: the others wait their turn in the event loop.
Then the lock goes and every push is applied.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import psycopg
import pytest
from sqlalchemy import select

from spie_server.db import REQUEST_LANES, session_scope
from spie_server.models import Territory
from spie_server.settings import Settings
from spie_server.sync.sequence import TERRITORY_LOCK_BASE
from tests.server.conftest import GENEROUS
from tests.server.helpers import Admin, RunningServer, change, enrolled, start_server

CROWD = 3 * REQUEST_LANES
#: A deadlock guard while waiting for the crowd to settle, never a measure.
PATIENCE = 120


@pytest.fixture(scope="module")
def pg_server(
    database_url_factory: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    settings = Settings(
        tmp_path_factory.mktemp("server-lanes"), database_url_factory("postgresql"), GENEROUS
    )
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()


def _libpq(server: RunningServer) -> str:
    url = server.engine.url
    return f"host={url.host} port={url.port} user={url.username} dbname={url.database}"


def _waiting_on_locks(connection: psycopg.Connection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()
    return int(row[0]) if row else 0


def test_a_crowd_of_pushes_holds_at_most_the_lanes_connections(pg_server: RunningServer) -> None:
    admin = Admin(pg_server.engine, pg_server.settings)
    territory = admin.territory()
    with session_scope(pg_server.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == territory))
    assert territory_id is not None
    state = pg_server.server.server_state
    answers: list[int] = []
    with (
        enrolled(pg_server.base_url, admin, territory) as device,
        psycopg.connect(_libpq(pg_server), autocommit=True) as holder,
    ):
        holder.execute("SELECT pg_advisory_lock(%s)", (TERRITORY_LOCK_BASE + territory_id,))
        headers = dict(device.http.headers)

        def push() -> None:
            body = {
                "batch_id": str(uuid.uuid4()),
                "changes": [change("counsellors", fields={"display_name": "C", "field": "social"})],
            }
            answer = httpx.post(
                pg_server.base_url + "/v1/push", json=body, headers=headers, timeout=PATIENCE
            )
            answers.append(answer.status_code)

        threads = [threading.Thread(target=push) for _ in range(CROWD)]
        for thread in threads:
            thread.start()
        try:
            deadline = time.monotonic() + PATIENCE
            while True:
                out = pg_server.engine.pool.checkedout()  # type: ignore[attr-defined]
                settled = len(state.tasks) >= CROWD  # every push is in the app
                if settled and out and _waiting_on_locks(holder) == out:
                    break
                assert time.monotonic() < deadline, "the crowd never settled on the lock"
                time.sleep(0.02)
            assert out <= REQUEST_LANES, f"{out} connections out for {CROWD} waiting pushes"
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (TERRITORY_LOCK_BASE + territory_id,))
            for thread in threads:
                thread.join(PATIENCE)
    assert answers == [200] * CROWD
