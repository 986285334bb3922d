"""The crowd of devices the server benchmark drives: each runs sync cycles (push
DEVICE_BATCH changes, pull a page of 50), all at once or each on its own schedule. The same
crowd is run against the territory server and against the null server (null_server.py)."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from typing import Any

import aiohttp

HEADERS = {"SPIE-Protocol": "1"}
DEVICE_BATCHES = 5
DEVICE_BATCH = 20
PAGE = 50


def answer_change(device: int, n: int) -> dict[str, Any]:
    """A new answer as a device pushes it (an interview the server has not seen)."""
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


async def many_devices(base: str, codes: list[str], spread: float) -> tuple[list[float], int]:
    """Each device runs DEVICE_BATCHES sync cycles (push DEVICE_BATCH changes, pull a page).

    ``spread`` 0: every device starts each cycle at once (a burst, the worst case); otherwise
    each cycle starts at a random moment within ``spread`` seconds (devices online together,
    syncing on their own schedules). Returns the push latencies (ms) and the failed pushes.

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
                changes = [answer_change(index, b * DEVICE_BATCH + i) for i in range(DEVICE_BATCH)]
                body = {"batch_id": str(uuid.uuid4()), "changes": changes}
                began = time.perf_counter()
                async with client.post("/v1/push", json=body, headers=auth) as response:
                    answer = await response.json() if response.status == 200 else None
                latencies.append((time.perf_counter() - began) * 1000)
                if answer is None or any(r["status"] != "applied" for r in answer["results"]):
                    errors += 1
                params = {"since": "0", "limit": str(PAGE)}
                async with client.get("/v1/changes", params=params, headers=auth) as page:
                    await page.read()

        tasks = [asyncio.create_task(device(i, h)) for i, h in enumerate(headers)]
        start.set()
        await asyncio.gather(*tasks)
    return latencies, errors
