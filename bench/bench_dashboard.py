"""Dashboard benchmark (issue 17): the time to first byte of ``/indicators`` (this quarter)
for a territory of 100,000 people and 1,000,000 follow-up events on PostgreSQL — the first
visit (the table computed), the second (served from the cache), and the first after a push
(one new record: computed again).

The territory is generated as ``bench_indicators_server`` does; the server is the real app
over HTTPS on 127.0.0.1 (uvicorn, one process), the manager logs in with the login form.
Prints figures; asserts nothing. Skipped with a note when Debian's postgresql is missing.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bench.bench_indicators_server import CODE, EVENTS, PEOPLE, load
from spie_server.db import session_scope
from spie_server.models import Record, utc_now
from spie_server.sealing import keys_for
from spie_server.settings import RateLimit, Settings
from tests.server.dashboard.helpers import Dashboard, login, start_dashboard
from tests.server.pg import PG_BIN, start_cluster


def first_byte(client: httpx.Client, path: str) -> float:
    """Seconds from sending the request to the response's headers (its first bytes)."""
    began = time.perf_counter()
    with client.stream("GET", path) as response:
        elapsed = time.perf_counter() - began
        response.read()
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return elapsed


def push_one(served: Dashboard, territory_id: int) -> None:
    """One follow-up event, stored as a push stores it (a new, highest sequence number)."""
    with session_scope(served.engine) as session:
        key = keys_for(session, territory_id)
        seq = (session.scalar(select(func.max(Record.seq))) or 0) + 1
        entity_id = uuid.uuid4()
        doc = {"kind": "contact", "at": utc_now().isoformat() + "+00:00", "note": ""}
        session.add(
            Record(
                territory_id=territory_id,
                entity="follow_up_events",
                entity_id=entity_id,
                version=1,
                doc=key.seal_doc("follow_up_events", entity_id, 1, doc),
                deleted=False,
                hlc=f"bench{seq}",
                seq=seq,
                updated_at=utc_now(),
                owner_structure="CD Guyane",
            )
        )


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def main() -> None:
    if not (PG_BIN / "initdb").exists():
        print(f"   postgresql: skipped, {PG_BIN / 'initdb'} not installed (see .ci/run)")
        return
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory(prefix="spie-bench-dash-") as folder:
            url = cluster.create_database("dashboard")
            began = time.perf_counter()
            territory_id, rows = load(url, Path(folder))
            print(
                f"   generated and loaded {rows:,} records "
                f"({PEOPLE:,} people, {EVENTS:,} events) in {time.perf_counter() - began:.0f} s",
                flush=True,
            )
            settings = Settings(Path(folder), url, RateLimit(1000, 1000))
            served = start_dashboard(settings, Path(folder), fake=False)
            try:
                manager = served.manager(CODE, "bench-manager")
                with httpx.Client(
                    base_url=served.base_url, verify=str(served.tls.ca), timeout=600
                ) as client:
                    if login(client, manager).status_code != 303:
                        raise RuntimeError("the manager could not log in")
                    cold = first_byte(client, "/indicators")
                    print(f"   /indicators, first visit (computed): {cold:.1f} s", flush=True)
                    warm = [first_byte(client, "/indicators") for _ in range(5)]
                    print(
                        f"   /indicators, next visits (cached): median "
                        f"{sorted(warm)[2] * 1000:.0f} ms, max {max(warm) * 1000:.0f} ms",
                        flush=True,
                    )
                    push_one(served, territory_id)
                    after = first_byte(client, "/indicators")
                    print(f"   /indicators, first visit after a push: {after:.1f} s")
                    again = first_byte(client, "/indicators")
                    print(f"   /indicators, the visit after: {again * 1000:.0f} ms")
            finally:
                served.stop()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
