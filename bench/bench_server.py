"""Territory server benchmark: push/pull throughput, push latency with many devices at once.

Returns figures (bench/figures.py); asserts nothing. Targets (bench/targets.toml [server]): 200
devices syncing at once against PostgreSQL: 0 errors, p95 push < 250 ms; p50 and p99 beside
them. The server runs as ``spie-server run`` subprocesses on 127.0.0.1 (``WORKERS`` uvicorn
workers; ``python -m bench.bench_server --workers 1,2,4`` measures each count in turn, to see
how the figures move with workers); PostgreSQL is a throwaway cluster (skipped with a note when
Debian's postgresql is not installed). The load generator shares the machine with the server
and the database: on two cores a burst of 200 pushes is bounded by the CPU time of 200 pushes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx

from bench.crowd import DEVICE_BATCH, HEADERS, PAGE, answer_change, many_devices
from bench.figures import Figure, figure, percentile, print_figures
from bench.null_server import capture_bodies, null_server
from bench.server_cpu import CycleCost, cycle_cost, postmaster_pid
from bench.server_sharing import SHARING_ORPHANS, SHARING_PEOPLE, person_pages, sharing_costs
from spie_server.db import make_engine, session_scope, upgrade
from spie_server.server_key import load_or_create_secret
from spie_server.settings import ENROL_RATE_ENV, Settings
from spie_server.territory.enrolment import create_code
from spie_server.territory.territories import add_territory
from tests.server.pg import PG_BIN, free_port, start_cluster

#: uvicorn workers of the measured server; ``SPIE_BENCH_SERVER_WORKERS`` overrides it, and
#: ``python -m bench.bench_server --workers 1,2,4`` measures each count in turn.
WORKERS = int(os.environ.get("SPIE_BENCH_SERVER_WORKERS", "0")) or max(2, os.cpu_count() or 2)
THROUGHPUT_BATCHES = 20
BATCH = 250


def _prepare(settings: Settings, devices: int) -> list[str]:
    """A territory and one enrolment code per simulated device (in-process admin)."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    secret = load_or_create_secret(settings.data_dir)
    with session_scope(engine) as session:
        code = "B" + uuid.uuid4().hex[:6].upper()
        add_territory(session, code, "Bench", secret)
        codes = [create_code(session, code, "Bench", timedelta(hours=2)) for _ in range(devices)]
    engine.dispose()
    return codes


@contextmanager
def _server(settings: Settings, workers: int) -> Iterator[tuple[str, int]]:
    """The server's address and the pid of its first process (its workers are below it)."""
    port = free_port()
    env = {**os.environ, **settings.export_env(), ENROL_RATE_ENV: "100000/100000"}
    spie_server = str(Path(sys.executable).with_name("spie-server"))
    process = subprocess.Popen(
        [spie_server, "run", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("SPIE_BENCH_LOG", os.devnull), "a"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        # Several workers starting on a loaded two-core machine can take a minute or more.
        deadline = time.monotonic() + 300
        while True:
            try:
                last = str(httpx.get(base + "/healthz", timeout=5).status_code)
                if last == "200":
                    break
            except httpx.TransportError as error:
                last = repr(error)
            time.sleep(0.2)
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"spie-server run --workers {workers} did not start"
                    f" (exit {process.poll()}, last answer {last})"
                )
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


async def _enrol(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    response = await client.post("/v1/enroll", json={"code": code}, headers=HEADERS)
    response.raise_for_status()
    return {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


async def _throughput(
    base: str, code: str, batches_count: int = THROUGHPUT_BATCHES
) -> tuple[float, float, list[float]]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        headers = await _enrol(client, code)
        batches = [
            [answer_change(0, b * BATCH + i) for i in range(BATCH)] for b in range(batches_count)
        ]
        started = time.perf_counter()
        for changes in batches:
            body = {"batch_id": str(uuid.uuid4()), "changes": changes}
            (await client.post("/v1/push", json=body, headers=headers)).raise_for_status()
        push_rate = batches_count * BATCH / (time.perf_counter() - started)
        pulled, since = 0, 0
        started = time.perf_counter()
        while True:
            page = (
                await client.get(
                    "/v1/changes", params={"since": since, "limit": 1000}, headers=headers
                )
            ).json()
            pulled += len(page["changes"])
            since = page["next_since"]
            if not page["has_more"]:
                break
        pull_rate = pulled / (time.perf_counter() - started)
        alone: list[float] = []
        for b in range(40):  # one device on its own: the intrinsic cost of a push
            changes = [answer_change(0, 10**6 + b * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)]
            began = time.perf_counter()
            body = {"batch_id": str(uuid.uuid4()), "changes": changes}
            (await client.post("/v1/push", json=body, headers=headers)).raise_for_status()
            alone.append((time.perf_counter() - began) * 1000)
    return push_rate, pull_rate, alone


def select_1_ms(url: str, rounds: int = 200) -> float:
    """Median of a bare ``SELECT 1`` round trip to the same database, on a held connection:
    the floor any request that touches the database pays."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").scalar()
            samples = []
            for _ in range(rounds):
                began = time.perf_counter()
                conn.exec_driver_sql("SELECT 1").scalar()
                samples.append((time.perf_counter() - began) * 1000)
    finally:
        engine.dispose()
    return statistics.median(samples)


def _measure(
    base: str, codes: list[str], url: str, quick: bool, batches: int, got: dict[str, list[float]]
) -> None:
    """Sharing costs and people's pages (not in a quick run), throughput, one device alone."""
    if not quick:
        counsellor_ms, parent_ms = asyncio.run(sharing_costs(base, codes.pop()))
        got.setdefault("sharing_counsellor", []).append(counsellor_ms)
        got.setdefault("sharing_parent", []).append(parent_ms)
        page_ms, rate = asyncio.run(person_pages(base, codes.pop()))
        got.setdefault("person_page", []).append(page_ms)
        got.setdefault("person_rate", []).append(rate)
    push, pull, alone = asyncio.run(_throughput(base, codes[0], batches))
    got.setdefault("push", []).append(push)
    got.setdefault("pull", []).append(pull)
    got.setdefault("alone", []).append(statistics.median(alone))
    got.setdefault("select_1", []).append(select_1_ms(url))


def _analyze(url: str) -> None:
    """Fresh planner statistics, as autovacuum keeps them on a live database. Without any
    (a database a minute old), PostgreSQL reads a territory's whole ``ops`` and ``records``
    index range for each push's lookups: 8.6 ms of its CPU per push of 20 instead of 3."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()


def _cycle_cost(base: str, code: str, pids: tuple[int, int], quick: bool) -> CycleCost:
    """CPU per push of DEVICE_BATCH and per pull of a page, one device alone (server_cpu.py)."""
    enrolled = httpx.post(base + "/v1/enroll", json={"code": code}, headers=HEADERS, timeout=60)
    enrolled.raise_for_status()
    headers = {**HEADERS, "Authorization": f"Bearer {enrolled.json()['token']}"}
    return cycle_cost(
        base,
        headers,
        pids,
        lambda n: [answer_change(0, n * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)],
        cycles=100 if quick else 300,
    )


def _crowds(
    base: str,
    codes: list[str],
    crowds: dict[str, tuple[int, float]],
    got: dict[str, list[float]],
    prefix: str,
) -> None:
    """Each crowd in turn, its devices enrolled with ``codes`` (a null server takes any)."""
    offset = 0
    for name, (crowd, spread) in crowds.items():
        latencies, errors = asyncio.run(many_devices(base, codes[offset : offset + crowd], spread))
        offset += crowd
        for pct in (50, 95, 99):
            got.setdefault(f"{prefix}{name}_p{pct}", []).append(percentile(latencies, pct))
        got.setdefault(f"{prefix}{name}_errors", []).append(errors)


MEASURES = (
    "server.burst_200_devices_p95_push_ms",
    "server.burst_200_devices_errors",
    "server.every_10s_200_devices_p95_push_ms",
    "server.every_10s_200_devices_errors",
    "server.push_changes_per_s",
    "server.pull_changes_per_s",
    "server.burst_200_devices_null_server_p95_push_ms",
    "server.every_10s_200_devices_null_server_p95_push_ms",
)
CROWDS = {"burst_200_devices": (200, 0.0), "every_10s_200_devices": (200, 10.0)}


def figures(quick: bool, workers: int = WORKERS) -> list[Figure]:
    """PostgreSQL, ``workers`` server processes, the load generator on the same machine. Each
    repeat: push and pull throughput, one device alone against a bare SELECT 1, the CPU of a
    push and of a pull, then (not in a quick run) each crowd of CROWDS, against the server and
    then against the null server. Without PostgreSQL installed, nothing is measured."""
    if not (PG_BIN / "initdb").exists():
        print(f"   postgresql: skipped, {PG_BIN / 'initdb'} not installed (see .ci/run)")
        return []
    repeats, batches = (1, 4) if quick else (2, THROUGHPUT_BATCHES)
    crowds = {} if quick else CROWDS
    got: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="spie-bench-") as tmp:
        cluster = start_cluster()
        try:
            url = cluster.create_database("bench")
            settings = Settings(Path(tmp) / "pg", url)
            data = cluster.directory / "data"
            for _ in range(repeats):
                codes = _prepare(settings, 5 + sum(n for n, _ in crowds.values()))
                with _server(settings, workers) as (base, pid):
                    _measure(base, codes, url, quick, batches, got)
                    _analyze(url)
                    cost = _cycle_cost(base, codes.pop(), (pid, postmaster_pid(data)), quick)
                    for key, value in vars(cost).items():
                        got.setdefault(key, []).append(value)
                    bodies = capture_bodies(base, codes.pop())
                    _crowds(base, codes[1:], crowds, got, "")
                if crowds:  # the same crowds against the null server: this machine's floor
                    with null_server(*bodies, workers=workers) as base:
                        _crowds(base, codes[1:], crowds, got, "null_")
        finally:
            cluster.stop()
    how = f"PostgreSQL, {workers} workers, load generator on the same machine"
    found = [
        figure("server.push_changes_per_s", "changes/s", got["push"], note=f"batches of {BATCH}"),
        figure("server.pull_changes_per_s", "changes/s", got["pull"], note="pages of 1000"),
        figure(
            "server.push_alone_p50_ms",
            "ms",
            got["alone"],
            comparison=("SELECT 1", got["select_1"]),
            informational=True,
            note=f"one device, pushes of {DEVICE_BATCH}; comparison: bare SELECT 1 round trip",
        ),
        _cpu_figure("push", DEVICE_BATCH, got),
        _cpu_figure("pull", PAGE, got),
    ]
    if "sharing_counsellor" in got:
        sharing = f"{SHARING_PEOPLE} files, {SHARING_ORPHANS} orphan answers"
        found += [
            figure(
                "server.sharing_push_1_counsellor_p50_ms",
                "ms",
                got["sharing_counsellor"],
                informational=True,
                note=sharing,
            ),
            figure(
                "server.sharing_push_person_and_interview_p50_ms",
                "ms",
                got["sharing_parent"],
                informational=True,
                note=sharing,
            ),
        ]
    if "person_page" in got:
        found += [
            figure(
                "server.pull_people_page_1000_p50_ms", "ms", got["person_page"], informational=True
            ),
            figure(
                "server.pull_people_changes_per_s",
                "changes/s",
                got["person_rate"],
                informational=True,
            ),
        ]
    if crowds:
        burst, steady = "burst_200_devices", "every_10s_200_devices"
        floor = "null server", got[f"null_{burst}_p95"]
        steady_floor = "null server", got[f"null_{steady}_p95"]
        null = f"null server (null_server.py), {workers} workers, the same crowd and bodies"
        found += [
            figure(
                "server.burst_200_devices_p95_push_ms",
                "ms",
                got[f"{burst}_p95"],
                comparison=floor,
                note=how,
            ),
            figure("server.burst_200_devices_errors", "", got[f"{burst}_errors"]),
            figure(
                "server.every_10s_200_devices_p95_push_ms",
                "ms",
                got[f"{steady}_p95"],
                comparison=steady_floor,
                note=how,
            ),
            figure("server.every_10s_200_devices_errors", "", got[f"{steady}_errors"]),
            figure("server.burst_200_devices_null_server_p95_push_ms", "ms", floor[1], note=null),
            figure(
                "server.every_10s_200_devices_null_server_p95_push_ms",
                "ms",
                steady_floor[1],
                note=null,
            ),
        ]
    for name in crowds:
        found += [
            figure(f"server.{name}_p50_push_ms", "ms", got[f"{name}_p50"], informational=True),
            figure(f"server.{name}_p99_push_ms", "ms", got[f"{name}_p99"], informational=True),
        ]
    return found


def _cpu_figure(request: str, size: int, got: dict[str, list[float]]) -> Figure:
    """CPU ms per request, the server's processes and PostgreSQL's together (server_cpu.py)."""
    server, database = got[f"{request}_server_ms"], got[f"{request}_database_ms"]
    return figure(
        f"server.cpu_per_{request}_{size}_ms",
        "ms",
        [a + b for a, b in zip(server, database, strict=True)],
        informational=True,
        note=f"CPU: server {statistics.median(server):.1f} + PostgreSQL"
        f" {statistics.median(database):.1f} ms; one device alone",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", default=str(WORKERS), help="comma-separated uvicorn worker counts"
    )
    parser.add_argument("--quick", action="store_true", help="throughput only, no crowds")
    args = parser.parse_args()
    for workers in (int(w) for w in args.workers.split(",")):
        print(f"-- {workers} uvicorn worker(s)")
        print_figures(figures(quick=args.quick, workers=workers))


if __name__ == "__main__":
    main()
