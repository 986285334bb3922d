"""What the sharing rules cost the server (bench_server.py): pushes in a territory of many
files and orphan answers, and pull pages of records that belong to people."""

from __future__ import annotations

import statistics
import time
import uuid
from typing import Any

import httpx

from bench.crowd import HEADERS, answer_change


async def _enrol(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    response = await client.post("/v1/enroll", json={"code": code}, headers=HEADERS)
    response.raise_for_status()
    return {**HEADERS, "Authorization": f"Bearer {response.json()['token']}"}


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


async def person_pages(base: str, code: str) -> tuple[float, float]:
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


SHARING_PEOPLE = 400
SHARING_ORPHANS = 1000
SHARING_COUNSELLORS = 20


async def sharing_costs(base: str, code: str) -> tuple[float, float]:
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
            await push([answer_change(0, n) for n in range(start, start + 250)])
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
