"""The territory's offer catalogue reaches the device as the sync run's last step: pages
applied one transaction each with their cursor, only what changed afterwards, resumed after
a cut without downloading anything twice, and never before people's records. Pages travel
column by column in bzip2; a server older than that still fills the catalogue."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from spie_desktop.domain.offers import OfferQuery
from spie_desktop.services.offer_search import search_offers
from spie_desktop.sync.engine import sync_now
from spie_desktop.sync.progress import Phase, SyncProgress
from spie_server.db import session_scope
from spie_server.offers import routes_offers
from spie_server.offers.changes import offer_page
from spie_server.offers.local_offers import remove_local
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.catalogue_helpers import territory_id
from tests.server.offers.records import valid
from tests.sync.catalogue_fixtures import (
    catalogue_records,
    device_cursor,
    device_services,
    import_catalogue,
    offer_request_sinces,
)
from tests.sync.conftest import Laptop, fast_options
from tests.sync.fault_proxy import FaultProxy

SERVICES = 45
PAGE = 10


@pytest.fixture
def proxy(sync_server: RunningServer) -> Iterator[FaultProxy]:
    """Faults on the catalogue requests only; every request is recorded, in order."""
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    running = FaultProxy(port, seed=3, only_paths=("/v1/offers/",))
    try:
        yield running
    finally:
        running.close()


def test_the_first_sync_fills_the_catalogue_and_a_search_finds_it(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, sync_territory: str
) -> None:
    import_catalogue(sync_admin, sync_territory, catalogue_records(SERVICES))
    laptop = make_laptop("a")
    said: list[SyncProgress] = []
    report = sync_now(
        laptop.session, on_progress=said.append, options=fast_options(catalogue_page_limit=PAGE)
    )
    assert report.ok, report.error_en
    assert report.catalogue_services == SERVICES
    assert report.summary_fr.endswith(" ; offre locale : 45 services mis à jour")
    assert len(device_services(laptop)) == SERVICES
    found = search_offers(laptop.session, OfferQuery(text="garages solidaires", limit=100))
    assert len(found) == SERVICES
    assert found[0].structure == "Mission locale de l'Ouest guyanais"
    shown = [p.message_fr for p in said if p.phase is Phase.CATALOGUE]
    assert shown[-1] == "Offre locale : 45 / 45 services"
    assert shown[0] == "Offre locale : 0 service"
    assert "Offre locale : 19 / 45 services" in shown  # the structure and 9 services, 10 more


def test_a_second_sync_pulls_only_the_changed_services(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, sync_territory: str
) -> None:
    records = catalogue_records(SERVICES)
    import_catalogue(sync_admin, sync_territory, records)
    laptop = make_laptop("a")
    assert laptop.sync(catalogue_page_limit=PAGE).ok
    nothing = laptop.sync(catalogue_page_limit=PAGE)
    assert nothing.ok and nothing.catalogue_services == 0

    records[7]["nom"] = "Garage solidaire renommé par sa source"
    import_catalogue(sync_admin, sync_territory, records)
    again = laptop.sync(catalogue_page_limit=PAGE)
    assert again.ok, again.error_en
    assert again.catalogue_services == 1
    (renamed,) = search_offers(laptop.session, OfferQuery(text="renomme"))
    assert renamed.name == "Garage solidaire renommé par sa source"
    assert len(device_services(laptop)) == SERVICES


def test_a_cut_catalogue_resumes_from_the_last_applied_page(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_territory: str,
    proxy: FaultProxy,
) -> None:
    import_catalogue(sync_admin, sync_territory, catalogue_records(SERVICES))
    laptop = make_laptop("a", url=proxy.url)
    # Two pages arrive, then the link is cut for good (no retry left): the run fails.
    proxy.next("pass", "pass", "cut_response")
    cut = laptop.sync(catalogue_page_limit=PAGE, attempts=1)
    assert not cut.ok
    applied = device_cursor(laptop)
    assert applied > 0
    assert len(device_services(laptop)) == 2 * PAGE - 1  # the structure came in page one

    resumed = laptop.sync(catalogue_page_limit=PAGE)
    assert resumed.ok, resumed.error_en
    ids = device_services(laptop)
    assert len(ids) == len(set(ids)) == SERVICES
    sinces = offer_request_sinces(proxy.requests)
    # Run one: 0, page 2, page 3 (cut); run two starts where the device stopped.
    assert sinces[:3] == [0, sinces[1], applied]
    assert sinces[3] == applied
    assert sinces == sorted(sinces)  # nothing applied was asked for again
    # The cut answers were bzip2 columns: the device asked for them at each request.
    asked = [r for r in proxy.requests if r.startswith(b"GET /v1/offers/changes?")]
    assert len(asked) == len(sinces)
    for request in asked:
        head = request.partition(b"\r\n\r\n")[0].lower()
        assert b"format=columns" in head and b"accept-encoding: bzip2, gzip" in head


def test_a_server_older_than_the_columns_still_fills_the_catalogue(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_territory: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Such a server ignores format=columns and bzip2: whole records, in gzip.
    monkeypatch.setattr(
        routes_offers,
        "offer_page",
        lambda session, territory, since, limit, _layout: offer_page(
            session, territory, since, limit
        ),
    )
    monkeypatch.setattr(routes_offers, "accepts", lambda _header, _coding: False)
    import_catalogue(sync_admin, sync_territory, catalogue_records(SERVICES))
    laptop = make_laptop("a")
    report = laptop.sync(catalogue_page_limit=PAGE)
    assert report.ok, report.error_en
    assert report.catalogue_services == SERVICES
    assert len(device_services(laptop)) == SERVICES
    assert len(search_offers(laptop.session, OfferQuery(text="garage", limit=100))) == SERVICES


def test_peoples_records_go_before_the_catalogue(
    make_laptop: Callable[..., Laptop],
    sync_admin: Admin,
    sync_territory: str,
    proxy: FaultProxy,
) -> None:
    import_catalogue(sync_admin, sync_territory, catalogue_records(SERVICES))
    other = make_laptop("other")
    other.add_person("Lucie", "Martin")
    assert other.sync().ok
    laptop = make_laptop("a", url=proxy.url)
    laptop.add_person("Ana", "Silva")
    assert laptop.sync(catalogue_page_limit=PAGE).ok

    paths = [r.split(b" ", 2)[1].split(b"?")[0].decode() for r in proxy.requests]
    first_offer = paths.index("/v1/offers/changes")
    people = [i for i, p in enumerate(paths) if p in ("/v1/push", "/v1/changes")]
    assert "/v1/push" in paths and "/v1/changes" in paths
    assert max(people) < first_offer
    assert other.snapshot()["people"].keys() <= laptop.snapshot()["people"].keys()


def test_a_local_offer_the_territory_removes_leaves_the_device(
    make_laptop: Callable[..., Laptop], sync_admin: Admin, sync_territory: str
) -> None:
    local = valid("service", 1, source=f"local:{sync_territory}", id="garage-1")
    local["nom"] = "Garage du territoire"
    import_catalogue(sync_admin, sync_territory, [*catalogue_records(3), local])
    laptop = make_laptop("a")
    assert laptop.sync().ok
    assert "garage-1" in device_services(laptop)
    with session_scope(sync_admin.engine) as session:
        tid = territory_id(sync_admin, sync_territory)
        assert remove_local(session, tid, sync_territory, "garage-1")
    report = laptop.sync()
    assert report.ok, report.error_en
    assert "garage-1" not in device_services(laptop)
    assert search_offers(laptop.session, OfferQuery(text="garage du territoire")) == []
