"""``GET /v1/offers/changes``: a device pulls its territory's catalogue, compressed, page by
page, then only what changed; a removed local offer arrives as a tombstone; another
territory's catalogue never."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from spie_server.db import session_scope
from spie_server.offers.importer import import_records
from spie_server.offers.local_offers import remove_local
from tests.server.helpers import Admin, DeviceClient
from tests.server.offers.catalogue_helpers import territory_id
from tests.server.offers.records import valid


def load(admin: Admin, territory: str, records: list[dict[str, Any]]) -> None:
    with session_scope(admin.engine) as session:
        import_records(session, territory_id(admin, territory), records, None)


def page(device: DeviceClient, since: int, limit: int = 200) -> dict[str, Any]:
    response = device.http.get(
        "/v1/offers/changes",
        params={"since": since, "limit": limit},
        headers={"Accept-Encoding": "gzip"},
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    answer["encoding"] = response.headers.get("content-encoding")
    answer["wire_bytes"] = int(response.headers.get("content-length", 0))
    return answer


def test_a_device_pulls_the_catalogue_compressed_then_only_what_changed(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    services = [valid("service", n) for n in range(30)]
    load(admin, territory, services)
    first = page(device, 0)
    assert [c["id"] for c in first["changes"]] == [s["id"] for s in services]
    assert first["encoding"] == "gzip"
    plain = len(json.dumps({k: first[k] for k in ("changes", "next_since", "has_more")}))
    assert first["wire_bytes"] < plain / 4
    assert page(device, first["next_since"])["changes"] == []

    services[3]["nom"] = "Nom revu par la source"
    load(admin, territory, services)
    again = page(device, first["next_since"])
    assert [(c["id"], c["record"]["nom"]) for c in again["changes"]] == [
        ("dora--service-3", "Nom revu par la source")
    ]


def test_a_removed_local_offer_arrives_as_a_tombstone(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    load(admin, territory, [valid("service", 1, source=f"local:{territory}", id="garage-1")])
    since = page(device, 0)["next_since"]
    with session_scope(admin.engine) as session:
        assert remove_local(session, territory_id(admin, territory), territory, "garage-1")
    gone = page(device, since)["changes"]
    assert [(c["id"], c["deleted"], c["record"]) for c in gone] == [("garage-1", True, None)]


def test_another_territorys_catalogue_is_never_sent(
    admin: Admin,
    territory: str,
    enrol: Callable[..., AbstractContextManager[DeviceClient]],
) -> None:
    load(admin, territory, [valid("service", 1)])
    other = admin.territory()
    with enrol(other) as stranger:
        assert page(stranger, 0)["changes"] == []
