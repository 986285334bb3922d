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
import random
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
from typing import Any

import aiohttp
import httpx

from bench.figures import Figure, figure, percentile, print_figures
from spie_server.db import make_engine, session_scope, upgrade
from spie_server.server_key import load_or_create_secret
from spie_server.settings import ENROL_RATE_ENV, Settings
from spie_server.territory.enrolment import create_code
from spie_server.territory.territories import add_territory
from tests.server.pg import PG_BIN, free_port, start_cluster

HEADERS = {"SPIE-Protocol": "1"}
#: uvicorn workers of the measured server; ``SPIE_BENCH_SERVER_WORKERS`` overrides it, and
#: ``python -m bench.bench_server --workers 1,2,4`` measures each count in turn.
WORKERS = int(os.environ.get("SPIE_BENCH_SERVER_WORKERS", "0")) or max(2, os.cpu_count() or 2)
THROUGHPUT_BATCHES = 20
BATCH = 250
DEVICE_BATCHES = 5
DEVICE_BATCH = 20


def _change(device: int, n: int) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "entity": "answers",
        "entity_id": str(uuid.uuid4()),
        "base_version": None,
        "version": 1,
        "fields": {
            "interview_id": str(uuid.uuid4()),
            "key": f"logement.q{n % 25}",
            "value": "Hébergée chez sa sœur à Rodez, cherche un logement autonome. " * 3,
            "author_id": str(uuid.uuid4()),
        },
        "hlc": f"{int(time.time() * 1000):015d}-{n % 100000:05d}-dev{device}",
    }


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
def _server(settings: Settings, workers: int) -> Iterator[str]:
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
        yield base
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
        batches = [[_change(0, b * BATCH + i) for i in range(BATCH)] for b in range(batches_count)]
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
            changes = [_change(0, 10**6 + b * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)]
            began = time.perf_counter()
            body = {"batch_id": str(uuid.uuid4()), "changes": changes}
            (await client.post("/v1/push", json=body, headers=headers)).raise_for_status()
            alone.append((time.perf_counter() - began) * 1000)
    return push_rate, pull_rate, alone


async def _many_devices(base: str, codes: list[str], spread: float) -> tuple[list[float], int]:
    """Each device runs DEVICE_BATCHES sync cycles (push DEVICE_BATCH changes, pull a page).

    ``spread`` 0: every device starts each cycle at once (a burst, the worst case); otherwise
    each cycle starts at a random moment within ``spread`` seconds (devices online together,
    syncing on their own schedules).

    The crowd is driven with aiohttp, not httpx: on two cores, httpx's client for 200
    connections took a whole core and most of the measured "latency" was time waiting in
    the load generator's own event loop (p95 23 s where the server answered in milliseconds).
    """
    connector = aiohttp.TCPConnector(limit=len(codes), keepalive_timeout=60)
    async with aiohttp.ClientSession(base_url=base, connector=connector) as client:

        async def enrol(code: str) -> dict[str, str]:
            async with client.post("/v1/enroll", json={"code": code}, headers=HEADERS) as answer:
                answer.raise_for_status()
                token = (await answer.json())["token"]
            return {**HEADERS, "Authorization": f"Bearer {token}"}

        headers = await asyncio.gather(*(enrol(c) for c in codes))
        latencies: list[float] = []
        errors = 0
        start = asyncio.Event()

        async def device(index: int, auth: dict[str, str]) -> None:
            nonlocal errors
            await start.wait()
            rng = random.Random(index)
            for b in range(DEVICE_BATCHES):
                if spread:
                    await asyncio.sleep(rng.uniform(0, spread))
                changes = [_change(index, b * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)]
                body = {"batch_id": str(uuid.uuid4()), "changes": changes}
                began = time.perf_counter()
                async with client.post("/v1/push", json=body, headers=auth) as response:
                    answer = await response.json() if response.status == 200 else None
                latencies.append((time.perf_counter() - began) * 1000)
                if answer is None or any(r["status"] != "applied" for r in answer["results"]):
                    errors += 1
                params = {"since": "0", "limit": "50"}
                async with client.get("/v1/changes", params=params, headers=auth) as page:
                    await page.read()

        tasks = [asyncio.create_task(device(i, h)) for i, h in enumerate(headers)]
        start.set()
        await asyncio.gather(*tasks)
    return latencies, errors


def _person_change(entity: str, fields: dict[str, Any], n: int) -> dict[str, Any]:
    return {
        "op_id": str(uuid.uuid4()),
        "entity": entity,
        "entity_id": str(uuid.uuid4()),
        "base_version": None,
        "version": 1,
        "fields": fields,
        "hlc": f"{int(time.time() * 1000):015d}-{n % 100000:05d}-devp",
    }


async def _person_pages(base: str, code: str) -> tuple[float, float]:
    """Pull pages of 1,000 records that belong to people (20 files of 250 answers): the
    sharing filter's path (records.person_id and the followers table). Returns the median
    page time in ms and changes per second."""
    now = "2026-11-27T10:00:00+00:00"
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        headers = await _enrol(client, code)
        for p in range(20):
            person = _person_change(
                "people",
                {
                    "first_name": "Ana",
                    "last_name": f"Bench {p}",
                    "commune": "Rodez",
                    "phone": "",
                    "email": "",
                    "status": "active",
                    "created_at": now,
                },
                p,
            )
            interview = _person_change(
                "interviews",
                {
                    "person_id": person["entity_id"],
                    "definition_id": "socle-commun",
                    "definition_version": 2,
                    "status": "in_progress",
                    "current_step": "",
                    "started_at": now,
                    "place": "",
                },
                p,
            )
            answers = [
                _person_change(
                    "answers",
                    {
                        "interview_id": interview["entity_id"],
                        "key": f"logement.q{i}",
                        "value": "Hébergée chez sa sœur à Rodez, cherche un logement. " * 3,
                    },
                    p * 1000 + i,
                )
                for i in range(248)
            ]
            body = {"batch_id": str(uuid.uuid4()), "changes": [person, interview, *answers]}
            (await client.post("/v1/push", json=body, headers=headers)).raise_for_status()
        pages: list[float] = []
        pulled, since = 0, 0
        started = time.perf_counter()
        while True:
            began = time.perf_counter()
            page = (
                await client.get(
                    "/v1/changes", params={"since": since, "limit": 1000}, headers=headers
                )
            ).json()
            pages.append((time.perf_counter() - began) * 1000)
            pulled += len(page["changes"])
            since = page["next_since"]
            if not page["has_more"]:
                break
        rate = pulled / (time.perf_counter() - started)
    return statistics.median(pages), rate


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


SHARING_PEOPLE = 400
SHARING_ORPHANS = 1000
SHARING_COUNSELLORS = 20


async def _sharing_costs(base: str, code: str) -> tuple[float, float]:
    """What a push costs the sharing rules in a territory of 400 files (each interview names
    one of 20 counsellors) holding 1,000 orphan answers (their interview never arrived):
    median ms of a push changing one counsellor, and of a push creating one person and
    their interview (parent records)."""
    now = "2026-11-27T10:00:00+00:00"
    person_fields = {
        "first_name": "Ana",
        "last_name": "Bench",
        "commune": "Rodez",
        "phone": "",
        "email": "",
        "status": "active",
        "created_at": now,
    }

    def interview(person: dict[str, Any], counsellor: str, n: int) -> dict[str, Any]:
        fields = {
            "person_id": person["entity_id"],
            "definition_id": "socle-commun",
            "definition_version": 2,
            "status": "in_progress",
            "current_step": "",
            "started_at": now,
            "place": "",
            "social_counsellor_id": counsellor,
        }
        return _person_change("interviews", fields, n)

    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        headers = await _enrol(client, code)

        async def push(changes: list[dict[str, Any]]) -> float:
            body = {"batch_id": str(uuid.uuid4()), "changes": changes}
            began = time.perf_counter()
            (await client.post("/v1/push", json=body, headers=headers)).raise_for_status()
            return (time.perf_counter() - began) * 1000

        counsellors = [
            _person_change("counsellors", {"display_name": f"C{i}", "field": "social"}, i)
            for i in range(SHARING_COUNSELLORS)
        ]
        await push(counsellors)
        ids = [c["entity_id"] for c in counsellors]
        for start in range(0, SHARING_PEOPLE, 100):
            batch: list[dict[str, Any]] = []
            for p in range(start, start + 100):
                person = _person_change("people", person_fields, p)
                batch += [person, interview(person, ids[p % len(ids)], p)]
            await push(batch)
        for start in range(0, SHARING_ORPHANS, 250):
            await push([_change(0, n) for n in range(start, start + 250)])
        counsellor_ms = []
        for version in range(1, 11):
            edit = _person_change("counsellors", {"display_name": f"C0 v{version}"}, version)
            edit.update(entity_id=ids[0], base_version=version, version=version + 1)
            counsellor_ms.append(await push([edit]))
        parent_ms = []
        for n in range(10):
            person = _person_change("people", person_fields, n)
            parent_ms.append(await push([person, interview(person, ids[1], n)]))
    return statistics.median(counsellor_ms), statistics.median(parent_ms)


MEASURES = (
    "server.burst_200_devices_p95_push_ms",
    "server.burst_200_devices_errors",
    "server.every_10s_200_devices_p95_push_ms",
    "server.every_10s_200_devices_errors",
    "server.push_changes_per_s",
    "server.pull_changes_per_s",
)
CROWDS = {"burst_200_devices": (200, 0.0), "every_10s_200_devices": (200, 10.0)}


def figures(quick: bool, workers: int = WORKERS) -> list[Figure]:
    """PostgreSQL, ``workers`` server processes, the load generator on the same machine. Each
    repeat: push and pull throughput, one device alone against a bare SELECT 1, then (not in
    a quick run) each crowd of CROWDS. Without PostgreSQL installed, nothing is measured."""
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
            for _ in range(repeats):
                codes = _prepare(settings, 3 + sum(n for n, _ in crowds.values()))
                with _server(settings, workers) as base:
                    if not quick:
                        counsellor_ms, parent_ms = asyncio.run(_sharing_costs(base, codes.pop()))
                        got.setdefault("sharing_counsellor", []).append(counsellor_ms)
                        got.setdefault("sharing_parent", []).append(parent_ms)
                        page_ms, rate = asyncio.run(_person_pages(base, codes.pop()))
                        got.setdefault("person_page", []).append(page_ms)
                        got.setdefault("person_rate", []).append(rate)
                    push, pull, alone = asyncio.run(_throughput(base, codes[0], batches))
                    got.setdefault("push", []).append(push)
                    got.setdefault("pull", []).append(pull)
                    got.setdefault("alone", []).append(statistics.median(alone))
                    got.setdefault("select_1", []).append(select_1_ms(url))
                    offset = 1
                    for name, (crowd, spread) in crowds.items():
                        latencies, errors = asyncio.run(
                            _many_devices(base, codes[offset : offset + crowd], spread)
                        )
                        offset += crowd
                        for pct in (50, 95, 99):
                            got.setdefault(f"{name}_p{pct}", []).append(percentile(latencies, pct))
                        got.setdefault(f"{name}_errors", []).append(errors)
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
        found += [
            figure("server.burst_200_devices_p95_push_ms", "ms", got[f"{burst}_p95"], note=how),
            figure("server.burst_200_devices_errors", "", got[f"{burst}_errors"]),
            figure(
                "server.every_10s_200_devices_p95_push_ms", "ms", got[f"{steady}_p95"], note=how
            ),
            figure("server.every_10s_200_devices_errors", "", got[f"{steady}_errors"]),
        ]
    for name in crowds:
        found += [
            figure(f"server.{name}_p50_push_ms", "ms", got[f"{name}_p50"], informational=True),
            figure(f"server.{name}_p99_push_ms", "ms", got[f"{name}_p99"], informational=True),
        ]
    return found


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
