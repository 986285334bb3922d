"""Every fault of a bad link, one at a time: a clear message, nothing lost, nothing doubled,
and the next sync resumes where the last one stopped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spie_desktop.services import conflicts
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import Laptop, converged
from tests.sync.fault_proxy import FaultProxy


@pytest.fixture
def proxy(sync_server: RunningServer) -> Iterator[FaultProxy]:
    port = int(sync_server.base_url.rsplit(":", 1)[1])
    running = FaultProxy(port, seed=7)
    yield running
    running.close()


def distinct_pending_records(laptop: Laptop) -> int:
    with laptop.session.uow(read_only=True) as uow:
        return len({(e.entity, e.entity_id) for e in uow.outbox.pending(limit=10_000)})


def server_ops(admin: Admin) -> int:
    return admin.counts()[1]


@pytest.mark.parametrize(
    "fault",
    ["drop_request", "drop_response", "duplicate", "reorder", "cut_request", "cut_response"],
)
def test_a_fault_on_every_push_and_pull_loses_and_doubles_nothing(
    make_laptop, proxy: FaultProxy, sync_admin: Admin, fault: str
) -> None:
    a: Laptop = make_laptop("a", url=proxy.url)
    b: Laptop = make_laptop("b")
    for i in range(3):
        a.add_interview(f"Personne{i}", "Test", answers=4)
    records = distinct_pending_records(a)
    records_before = sync_admin.counts()[0]
    proxy.next(*([fault, "pass"] * 6))  # every other request goes wrong
    report = a.sync(batch_changes=10)
    assert report.ok, report.error_en
    assert a.pending() == 0
    assert sum(report.pushed.values()) == records  # each record confirmed exactly once
    assert sync_admin.counts()[0] == records_before + records  # and stored once
    ops_before = server_ops(sync_admin)
    assert a.sync().ok  # a second run finds nothing to send
    assert server_ops(sync_admin) == ops_before
    assert b.sync().ok
    assert converged(a, b)
    assert proxy.stats.faults.get(fault, 0) >= 3


def test_server_unreachable_is_said_clearly_and_the_next_sync_resumes(make_laptop, proxy) -> None:
    a: Laptop = make_laptop("a", url=proxy.url)
    a.add_interview("Kévin", "Hors-ligne")
    proxy.mode = "down"
    report = a.sync()
    assert not report.ok
    assert report.error_fr == "Serveur injoignable : la synchronisation reprendra plus tard."
    assert a.pending() > 0
    proxy.mode = "up"
    assert a.sync().ok and a.pending() == 0


def test_a_captive_portal_is_recognised(make_laptop, proxy) -> None:
    a: Laptop = make_laptop("a", url=proxy.url)
    a.add_interview("Portail", "Captif")
    proxy.mode = "portal"
    report = a.sync()
    assert report.error_kind == "CaptivePortal"
    assert "portail captif" in report.error_fr
    assert a.pending() > 0
    proxy.mode = "up"
    assert a.sync().ok and a.pending() == 0


def test_a_revoked_device_is_told_so_and_keeps_its_data(make_laptop, sync_admin: Admin) -> None:
    a: Laptop = make_laptop("a")
    person = a.add_person("Reste", "Lisible")
    sync_admin.revoke(a.device_id)
    report = a.sync()
    assert report.error_kind == "DeviceRevoked"
    assert report.error_fr.startswith("Cet appareil a été révoqué par l'administrateur")
    assert a.people().get(person.id).first_name == "Reste"
    assert a.pending() > 0


def test_a_cut_pull_resumes_from_the_last_stored_page(make_laptop, proxy) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b", url=proxy.url)
    for i in range(4):
        a.add_interview(f"Page{i}", "Test", answers=3)
    assert a.sync().ok
    proxy.probabilities = {"cut_response": 0.5}
    report = b.sync(page_limit=5)
    assert report.ok, report.error_en
    assert converged(a, b)
    assert conflicts.list_open(b.session) == []


def test_a_corrupt_page_changes_nothing_and_is_retried(make_laptop, monkeypatch) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    a.add_interview("Page", "Abîmée")
    assert a.sync().ok
    from spie_desktop.sync import client as client_module

    original = client_module.Reply.json
    calls = {"n": 0}

    def corrupt_once(self):  # type: ignore[no-untyped-def]
        data = original(self)
        if isinstance(data, dict) and "next_since" in data and calls["n"] == 0:
            calls["n"] += 1
            data["changes"][0]["version"] = "pas un nombre"
        return data

    monkeypatch.setattr(client_module.Reply, "json", corrupt_once)
    report = b.sync()
    assert report.ok, report.error_en
    assert calls["n"] == 1
    assert converged(a, b)


def test_a_busy_server_is_retried(make_laptop, proxy) -> None:
    a: Laptop = make_laptop("a", url=proxy.url)
    a.add_interview("Serveur", "Occupé")
    proxy.next("error503", "error503")
    assert a.sync().ok and a.pending() == 0
    assert proxy.stats.faults["error503"] == 2


def test_a_batch_too_large_is_split(make_laptop, sync_admin: Admin) -> None:
    a: Laptop = make_laptop("a")
    a.add_interview("Beaucoup", "Réponses", answers=620)
    records = distinct_pending_records(a)
    report = a.sync(batch_changes=1000)
    assert report.ok, report.error_en
    assert sum(report.pushed.values()) == records > 500
    assert a.pending() == 0


def test_a_server_clock_far_ahead_gives_a_warning(make_laptop, proxy) -> None:
    a: Laptop = make_laptop("a", url=proxy.url)
    proxy.date_offset_s = 3600
    report = a.sync()
    assert report.ok
    assert report.warnings_fr == [
        "L'horloge de cet ordinateur a plus de 5 minutes d'écart avec le serveur."
    ]


def test_tls_failure_and_unknown_token_are_said_clearly(make_laptop, sync_server) -> None:
    a: Laptop = make_laptop("a")
    a.add_person("Garde", "Sesdonnées")
    with a.session.uow() as uow:
        uow.meta.set("sync_server_url", sync_server.base_url.replace("http://", "https://"))
    report = a.sync()
    assert report.error_kind == "TlsFailure" and "connexion sécurisée" in report.error_fr
    with a.session.uow() as uow:
        uow.meta.set("sync_server_url", sync_server.base_url)
        uow.meta.set("sync_token", "jeton-inconnu")
    report = a.sync()
    assert report.error_kind == "Unauthorized"
    assert a.pending() > 0


def test_signed_pdfs_upload_in_resumable_chunks_and_reach_other_laptops(make_laptop, proxy) -> None:
    import hashlib
    import os

    from spie_desktop.domain.plan import ActionPlan

    a: Laptop = make_laptop("a", url=proxy.url)
    b: Laptop = make_laptop("b")
    person = a.add_person("Plan", "Signé")
    plan = ActionPlan(person_id=person.id)
    pdf = b"%PDF-1.7\n" + os.urandom(300_000)
    with a.session.uow() as uow:
        uow.plans.add(plan)
        uow.plans.attach_pdf(plan.id, pdf)
    # The first chunk arrives but its answer is lost; then the link cuts twice.
    proxy.next("pass", "pass", "drop_response", "cut_response", "pass", "cut_request")
    report = a.sync(chunk_bytes=64 * 1024)
    assert report.ok, report.error_en
    assert report.blobs_sent == 1
    assert proxy.stats.bytes_up < 1.6 * len(pdf)  # resumed, not restarted
    report_b = b.sync()
    assert report_b.ok and report_b.blobs_received == 1
    with b.session.uow(read_only=True) as uow:
        stored = uow.plans.load_pdf(plan.id)
    assert stored is not None and hashlib.sha256(stored).digest() == hashlib.sha256(pdf).digest()
    assert converged(a, b)


def test_a_cancelled_sync_keeps_what_was_done_and_the_next_one_finishes(make_laptop) -> None:
    from spie_desktop.sync.engine import sync_now
    from tests.sync.conftest import fast_options

    class Token:
        def __init__(self) -> None:
            self.cancelled = False

    a: Laptop = make_laptop("a")
    for i in range(3):
        a.add_interview(f"Annulé{i}", "Test", answers=3)
    token = Token()
    phases: list[str] = []

    def watch(item) -> None:  # type: ignore[no-untyped-def]
        phases.append(item.phase)
        if item.phase == "push" and len([p for p in phases if p == "push"]) == 2:
            token.cancelled = True

    report = sync_now(
        a.session, on_progress=watch, cancel=token, options=fast_options(batch_changes=5)
    )
    assert report.error_kind == "Cancelled"
    assert a.pending() > 0
    assert sum(report.pushed.values()) == 5  # the first batch stays confirmed
    assert a.sync().ok and a.pending() == 0


def test_the_integrity_check_restores_a_missing_record_without_wiping_anything(make_laptop) -> None:
    from sqlalchemy import text

    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    a.add_interview("Intègre", "Test", answers=2)
    assert a.sync().ok and b.sync().ok
    local_only = b.add_person("Pas", "Encore-envoyée")
    with b.session.uow() as uow:  # a row lost behind the engine's back (e.g. restored backup)
        uow.session.execute(text("DELETE FROM answers WHERE key = 'theme.q1'"))
    assert not converged(a, b)
    report = b.sync()
    assert report.ok and report.warnings_fr == []
    assert report.pulled.get("answers") == 1
    assert b.people().get(local_only.id).last_name == "Encore-envoyée"
    assert a.sync().ok
    assert converged(a, b)


def test_a_record_the_store_refuses_is_parked_and_the_sync_goes_on(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str
) -> None:
    from tests.server.helpers import change, enrolled

    b: Laptop = make_laptop("b")
    with enrolled(sync_server.base_url, sync_admin, sync_territory, "CD Aveyron") as raw:
        bad = change("people", fields={"first_name": "X", "last_name": "Y", "birth_date": "hier"})
        good = change("people", fields=_person("Ana", "new"))
        wrong_status = change("people", fields=_person("Zoé", "statut-inconnu"))
        results = raw.push_ok([bad, good, wrong_status])
    # The server refuses a date that does not parse; a status the desktop does not know is
    # within the schema (text) and is refused by the store instead.
    assert [r["status"] for r in results] == ["rejected", "applied", "applied"]
    report = b.sync()
    assert report.ok, report.error_en
    assert report.parked == 1
    assert report.pulled["people"] == 1
    assert [p.first_name for p in b.people().list_summaries()] == ["Ana"]


def _person(first: str, status: str) -> dict[str, object]:
    return {
        "first_name": first,
        "last_name": "Silva",
        "birth_date": "1994-03-02",
        "commune": "Rodez",
        "phone": "",
        "email": "",
        "status": status,
        "last_contact": None,
        "created_at": "2026-11-27T10:00:00+00:00",
        "updated_at": "2026-11-27T10:00:00+00:00",
        "updated_by": None,
    }
