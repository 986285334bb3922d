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

import httpx
import psycopg
from sqlalchemy import select

from spie_server.db import REQUEST_LANES, session_scope
from spie_server.models import Territory
from spie_server.sync.sequence import TERRITORY_LOCK_BASE
from tests.server.helpers import Admin, RunningServer, change, enrolled

CROWD = 3 * REQUEST_LANES
#: A deadlock guard while waiting for the crowd to settle, never a measure.
PATIENCE = 120


def _libpq(server: RunningServer) -> str:
    url = server.engine.url
    return f"host={url.host} port={url.port} user={url.username} dbname={url.database}"


def _waiting_on_locks(connection: psycopg.Connection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
    ).fetchone()
    return int(row[0]) if row else 0


def test_a_crowd_of_pushes_holds_at_most_the_lanes_connections(
    postgresql_server: RunningServer,
) -> None:
    admin = Admin(postgresql_server.engine, postgresql_server.settings)
    territory = admin.territory()
    with session_scope(postgresql_server.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == territory))
    assert territory_id is not None
    state = postgresql_server.server.server_state
    answers: list[int] = []
    with (
        enrolled(postgresql_server.base_url, admin, territory) as device,
        psycopg.connect(_libpq(postgresql_server), autocommit=True) as holder,
    ):
        holder.execute("SELECT pg_advisory_lock(%s)", (TERRITORY_LOCK_BASE + territory_id,))
        headers = dict(device.http.headers)

        def push() -> None:
            body = {
                "batch_id": str(uuid.uuid4()),
                "changes": [change("counsellors", fields={"display_name": "C", "field": "social"})],
            }
            answer = httpx.post(
                postgresql_server.base_url + "/v1/push",
                json=body,
                headers=headers,
                timeout=PATIENCE,
            )
            answers.append(answer.status_code)

        threads = [threading.Thread(target=push) for _ in range(CROWD)]
        for thread in threads:
            thread.start()
        try:
            deadline = time.monotonic() + PATIENCE
            while True:
                out = postgresql_server.engine.pool.checkedout()  # type: ignore[attr-defined]
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
