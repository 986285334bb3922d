"""The requests and connections a sync costs, counted against a real server on 127.0.0.1.

On a 2G link every request is a round trip of about 0.6 s and every new connection two more
(TCP, then TLS), so a sync must not ask what it does not need, nor open a connection per
request. Each test counts what a real sync sent through the fault proxy (``keep_alive``: the
proxy keeps the client's connection open between requests, as a real link does).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest

from spie_desktop.domain.plan import ActionPlan
from spie_desktop.sync import pull
from spie_desktop.sync.revocation import crl_file
from spie_desktop.sync.state_keys import ALERT_RULES_KEY
from spie_protocol import endpoints
from spie_server.db import session_scope
from spie_server.offers.importer import import_records
from spie_server.territory.territories import get_territory
from tests.server.helpers import Admin, RunningServer
from tests.server.offers.records import valid
from tests.sync.conftest import Laptop, converged
from tests.sync.fault_proxy import FaultProxy


@pytest.fixture
def link(sync_server: RunningServer) -> Iterator[FaultProxy]:
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    proxy = FaultProxy(port, keep_alive=True)
    try:
        yield proxy
    finally:
        proxy.close()


#: No retry for a slow answer on a loaded machine: only a fault injected here is retried, so
#: the requests counted are the sync's own.
PATIENT = {"stall_timeout_s": 120.0, "connect_timeout_s": 30.0}


def requests_by_path(proxy: FaultProxy) -> Counter[str]:
    """``METHOD /path`` of every request that crossed the proxy (query strings left out;
    a blob's hash as ``{sha256}``)."""
    counted: Counter[str] = Counter()
    for request in proxy.requests:
        method, target = request.split(b" ", 2)[:2]
        parts = target.decode("latin-1").split("?")[0].split("/")
        path = "/".join("{sha256}" if len(p) == 64 else p for p in parts)
        counted[f"{method.decode()} {path}"] += 1
    return counted


def add_signed_plan(laptop: Laptop, first: str, size: int = 20_000) -> tuple[uuid.UUID, bytes]:
    """A person with an action plan and its signed PDF (random bytes: they do not gzip)."""
    person = laptop.add_person(first, "Signé")
    plan = ActionPlan(person_id=person.id)
    pdf = b"%PDF-1.7\n" + os.urandom(size)
    with laptop.session.uow() as uow:
        uow.plans.add(plan)
        uow.plans.attach_pdf(plan.id, pdf)
    return plan.id, pdf


def pdfs_of(laptop: Laptop, plans: dict[uuid.UUID, bytes]) -> dict[uuid.UUID, bytes | None]:
    with laptop.session.uow(read_only=True) as uow:
        return {plan_id: uow.plans.load_pdf(plan_id) for plan_id in plans}


def asked_hashes(link: FaultProxy) -> list[list[str]]:
    """The hashes each ``POST /v1/blobs/fetch`` asked for, in order."""
    bodies = link.bodies("POST", endpoints.BLOBS_FETCH.path)
    return [json.loads(gzip.decompress(body))["sha256"] for body in bodies]


def test_a_sync_reuses_one_connection_for_all_its_requests(make_laptop, link) -> None:
    """Each new connection costs two round trips on 2G (TCP, TLS): answers are read to their
    end so that requests' pool keeps the connection (closing a streamed answer unread would
    drop it). A guard of what the 2G figures of bench_sync count on."""
    a: Laptop = make_laptop("a", url=link.url)
    a.add_interview("Lien", "Unique", answers=3)
    add_signed_plan(a, "Plan")
    link.stats.requests = link.stats.connections = 0
    report = a.sync(**PATIENT)
    assert report.ok, report.error_en
    assert link.stats.requests >= 3
    assert link.stats.connections == 1, requests_by_path(link)


def test_signed_pdfs_go_up_in_one_request_and_come_down_in_one(make_laptop, link) -> None:
    """Before: one request per PDF each way (3 ``PUT …/chunks`` up, 3 ``GET /v1/blobs/…``
    down); now one ``POST /v1/blobs/upload`` and one ``POST /v1/blobs/fetch``."""
    a: Laptop = make_laptop("a", url=link.url)
    b: Laptop = make_laptop("b", url=link.url)
    assert b.sync(**PATIENT).ok
    plans = dict(add_signed_plan(a, f"Plan{n}") for n in range(3))
    link.requests.clear()
    report = a.sync(**PATIENT)
    assert report.ok, report.error_en
    up = requests_by_path(link)
    assert report.blobs_sent == 3
    assert up["POST /v1/blobs/upload"] == 1, up
    assert up["PUT /v1/blobs/{sha256}/chunks"] == 0, up
    link.requests.clear()
    report = b.sync(**PATIENT)
    assert report.ok, report.error_en
    down = requests_by_path(link)
    assert report.blobs_received == 3
    assert down["POST /v1/blobs/fetch"] == 1, down
    assert down["GET /v1/blobs/{sha256}"] == 0, down
    assert pdfs_of(b, plans) == plans
    assert converged(a, b)


def test_a_pull_of_620_records_is_one_page_and_their_push_two_batches(make_laptop, link) -> None:
    """Before: pages of 500 records and batches of 250 changes (2 pages, 3 pushes); now the
    protocol's most, 1000 records a page and 500 changes a batch."""
    a: Laptop = make_laptop("a", url=link.url)
    b: Laptop = make_laptop("b", url=link.url)
    assert a.sync(**PATIENT).ok and b.sync(**PATIENT).ok
    a.add_interview("Beaucoup", "Réponses", answers=620)
    link.requests.clear()
    assert a.sync(**PATIENT).ok
    assert requests_by_path(link)["POST /v1/push"] == 2
    link.requests.clear()
    report = b.sync(**PATIENT)
    assert report.ok and sum(report.pulled.values()) >= 620
    assert requests_by_path(link)["GET /v1/changes"] == 1
    assert converged(a, b)


def test_a_cut_fetch_keeps_the_whole_pdfs_and_asks_again_only_for_the_rest(
    make_laptop, link
) -> None:
    a: Laptop = make_laptop("a", url=link.url)
    b: Laptop = make_laptop("b", url=link.url)
    assert b.sync(**PATIENT).ok
    plans = dict(add_signed_plan(a, f"Coupé{n}", size=60_000) for n in range(4))
    assert a.sync(**PATIENT).ok
    link.only_paths = (endpoints.BLOBS_FETCH.path,)
    link.next("cut_response")
    link.requests.clear()
    report = b.sync(**PATIENT)
    assert report.ok, report.error_en
    asked = asked_hashes(link)
    assert len(asked) == 2 and len(asked[0]) == 4
    assert 0 < len(asked[1]) < 4  # the PDFs that arrived whole were kept
    assert asked[1] == asked[0][-len(asked[1]) :]
    assert pdfs_of(b, plans) == plans
    assert report.blobs_received == 4


def test_a_lost_upload_answer_is_sent_again_and_each_pdf_stored_once(make_laptop, link) -> None:
    a: Laptop = make_laptop("a", url=link.url)
    b: Laptop = make_laptop("b", url=link.url)
    plans = dict(add_signed_plan(a, f"Perdu{n}") for n in range(2))
    link.only_paths = (endpoints.BLOBS_UPLOAD.path,)
    link.next("drop_response", "cut_response")  # the server stored them; the device never knew
    report = a.sync(**PATIENT)
    assert report.ok, report.error_en
    assert report.blobs_sent == 2
    assert requests_by_path(link)["POST /v1/blobs/upload"] == 3
    report = b.sync(**PATIENT)
    assert report.ok and report.blobs_received == 2
    assert pdfs_of(b, plans) == plans


def test_a_server_without_the_batched_blob_requests_gets_one_pdf_a_request(
    make_laptop, link, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older server answers 405 to both: the run goes on one PDF a request."""
    for name in ("BLOBS_FETCH", "BLOBS_UPLOAD"):
        old = getattr(endpoints, name)
        monkeypatch.setattr(endpoints, name, dataclasses.replace(old, path="/v1/blobs/older"))
    a: Laptop = make_laptop("a", url=link.url)
    b: Laptop = make_laptop("b", url=link.url)
    plans = dict(add_signed_plan(a, f"Ancien{n}") for n in range(2))
    report = a.sync(**PATIENT)
    assert report.ok and report.blobs_sent == 2, report.error_en
    assert requests_by_path(link)["PUT /v1/blobs/{sha256}/chunks"] == 2
    report = b.sync(**PATIENT)
    assert report.ok and report.blobs_received == 2, report.error_en
    assert pdfs_of(b, plans) == plans


def test_a_sync_with_nothing_new_is_one_request(make_laptop, link) -> None:
    """Before: five (the pull, then the territory's settings, its revocation list, the
    integrity digests and the catalogue, each its own request every sync); now the pull's
    last page carries them, and the kept revocation list is fetched again only when it
    changed."""
    a: Laptop = make_laptop("a", url=link.url)
    a.add_interview("Rien", "DeNeuf", answers=3)
    assert a.sync(**PATIENT).ok
    link.requests.clear()
    report = a.sync(**PATIENT)
    assert report.ok, report.error_en
    assert requests_by_path(link) == Counter({"GET /v1/changes": 1})


def test_what_the_status_announces_is_fetched_when_it_changed(
    make_laptop, link, sync_admin: Admin, sync_territory: str
) -> None:
    """A revoked device changes the revocation list, new services the catalogue, new
    thresholds the settings: the next sync takes each, with no request of its own for what
    did not change."""
    other: Laptop = make_laptop("other")  # first: the account's certificate is issued to it
    a: Laptop = make_laptop("a", url=link.url)
    assert a.sync(**PATIENT).ok
    crl_before = crl_file(a.data_dir).read_bytes()
    sync_admin.revoke(other.device_id)
    sync_admin.set_alert_rules(sync_territory, action_overdue_days=9)
    with session_scope(sync_admin.engine) as session:
        territory_id = get_territory(session, sync_territory).id
        import_records(session, territory_id, [valid("structure", 1)], None)
        import_records(session, territory_id, [valid("service", 1)], None)
    link.requests.clear()
    report = a.sync(**PATIENT)
    assert report.ok, report.error_en
    asked = requests_by_path(link)
    assert asked["GET /v1/crl"] == 1 and asked["GET /v1/offers/changes"] == 1, asked
    assert asked["GET /v1/territory/settings"] == 0 and asked["GET /v1/integrity"] == 0
    assert crl_file(a.data_dir).read_bytes() != crl_before
    assert report.catalogue_services == 1
    with a.session.uow(read_only=True) as uow:
        assert json.loads(uow.meta.get(ALERT_RULES_KEY) or "{}")["action_overdue_days"] == 9


def test_a_server_without_the_status_is_asked_as_before(
    make_laptop, link, monkeypatch: pytest.MonkeyPatch
) -> None:
    a: Laptop = make_laptop("a", url=link.url)
    assert a.sync(**PATIENT).ok
    parse = pull.parse_page

    def as_older_server(page, since):  # type: ignore[no-untyped-def]
        return parse(page.model_copy(update={"status": None}), since)

    monkeypatch.setattr(pull, "parse_page", as_older_server)
    link.requests.clear()
    assert a.sync(**PATIENT).ok
    asked = requests_by_path(link)
    for path in ("territory/settings", "crl", "integrity", "offers/changes"):
        assert asked[f"GET /v1/{path}"] == 1, asked
