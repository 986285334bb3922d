"""``GET /v1/offers/changes``: a device pulls its territory's catalogue, compressed, page by
page, then only what changed; a removed local offer arrives as a tombstone; another
territory's catalogue never. A device asking ``format=columns`` and bzip2 gets the fields it
keeps, column by column; an older device asking the old way gets records in gzip, as before."""

from __future__ import annotations

import bz2
import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from spie_protocol.messages import OfferPage
from spie_protocol.offer_columns import from_columns
from spie_server.db import session_scope
from spie_server.offers.importer import import_records
from spie_server.offers.local_offers import remove_local
from spie_server.offers.routes_offers import accepts
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


def test_a_device_asking_columns_gets_them_in_bzip2_and_smaller(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    services = [valid("service", n) for n in range(60)]
    load(admin, territory, services)
    old = page(device, 0, limit=100)
    response = device.http.get(
        "/v1/offers/changes",
        params={"since": 0, "limit": 100, "format": "columns"},
        headers={"Accept-Encoding": "bzip2, gzip"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-encoding"] == "bzip2"
    assert "accept-encoding" in response.headers["vary"].lower()
    wire = int(response.headers["content-length"])
    answer = OfferPage.model_validate_json(bz2.decompress(response.content))
    assert answer.changes == [] and answer.columns is not None
    assert (answer.next_since, answer.has_more) == (old["next_since"], old["has_more"])
    records = from_columns(answer.columns)
    assert [r.id for r in records] == [s["id"] for s in services]
    assert records[0].record is not None
    assert records[0].record["nom"] == services[0]["nom"]
    assert "zone_eligibilite" not in records[0].record  # the device does not keep it
    assert wire < old["wire_bytes"]  # the ratio on real pages: python -m bench offer_sync


def test_an_older_device_asking_the_old_way_gets_records_in_gzip(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    services = [valid("service", n) for n in range(20)]
    load(admin, territory, services)
    old = page(device, 0)  # no format, gzip only: what devices sent before the columns
    assert old["encoding"] == "gzip"
    assert "columns" not in old
    assert [c["record"] for c in old["changes"]] == services  # whole records, as imported


def test_columns_without_bzip2_come_in_gzip(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    load(admin, territory, [valid("service", n) for n in range(20)])
    response = device.http.get(
        "/v1/offers/changes",
        params={"since": 0, "format": "columns"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert response.headers["content-encoding"] == "gzip"
    assert len(response.json()["columns"]["id"]) == 20


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepts("bzip2, gzip", "bzip2")
    assert accepts("gzip;q=1.0, BZIP2 ; q=0.5", "bzip2")
    assert not accepts("bzip2;q=0, gzip", "bzip2")
    assert not accepts("gzip, deflate", "bzip2")
    assert not accepts("bzip2;q=x", "bzip2")
