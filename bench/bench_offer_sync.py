"""The offer catalogue's first sync: 20,000 services (and their 2,000 structures) from a real
spie-server to a freshly enrolled device, through the sync tests' fault proxy.

1. *page codecs*: one page of 1,000 services as an older device asks it (whole records,
   gzip) and as today's asks it (``format=columns``: the fields the device keeps, column by
   column) in gzip, bzip2 and xz — bytes, bytes per service, the time it costs at 100 kbit/s
   (what a cut loses) and the device's CPU to decompress and parse it;
2. *page size*: the wire bytes of one catalogue page of 200, 500 and 1,000 services as the
   device asks for them (columns, bzip2), counted by the proxy;
3. *loopback*: the whole first catalogue sync — bytes counted by the proxy, wall time, pages,
   retries, the time those bytes take at 100 kbit/s (bytes ÷ bandwidth) and the device's time
   applying the pages (store + full-text index);
4. *2G link* (``make bench``, not a quick run; alone: ``python -m bench.bench_offer_sync
   --2g``; about five minutes): the same through the
   emulated link of bench_sync (100 kbit/s each way, 600 ms per round trip, 2 % of exchanges
   cut part-way), resumed by the engine's retries.

Returns figures (bench/figures.py); asserts nothing. Target (bench/targets.toml [offer_sync]): first sync of
20,000 services < 300 s over the 2G link.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.bench_offers_import import SERVICES
from bench.bench_offers_import import service as plain_service
from bench.bench_sync import BANDWIDTH_BPS, SLOW, Server
from bench.figures import Figure, figure, print_figures
from bench.sync_devices import enrolled_device
from spie_desktop.storage.session import Session
from spie_desktop.sync import catalogue
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.enrolment import require_enrolment
from spie_protocol.fingerprint import certificate_fingerprint
from spie_protocol.messages import OfferChangesQuery, OfferPage
from spie_protocol.offer_columns import from_columns
from spie_server.db import session_scope
from spie_server.offers.changes import offer_page
from spie_server.offers.importer import import_records
from spie_server.server_key import load_or_create_secret
from spie_server.territory.enrolment import create_code
from spie_server.territory.territories import add_territory
from tests.sync.fault_proxy import FaultProxy, LinkShape

STRUCTURES = 2_000
#: Words for descriptions that differ from one service to the next, as real ones do (the
#: import bench's repeated sentence would gzip to a few bytes and flatter the figures).
WORDS = [
    "accompagnement",
    "individuel",
    "collectif",
    "atelier",
    "permis",
    "conduire",
    "mobilité",
    "transport",
    "vélo",
    "scooter",
    "location",
    "véhicule",
    "garage",
    "solidaire",
    "insertion",
    "emploi",
    "formation",
    "numérique",
    "logement",
    "hébergement",
    "santé",
    "budget",
    "droits",
    "démarches",
    "administratives",
    "jeunes",
    "femmes",
    "familles",
    "seniors",
    "quartier",
    "commune",
    "fleuve",
    "pirogue",
    "rendez-vous",
    "inscription",
    "conseiller",
    "orientation",
    "projet",
    "professionnel",
    "entreprise",
    "immersion",
    "stage",
    "apprentissage",
    "langue",
    "français",
    "écrit",
    "oral",
    "parcours",
    "diagnostic",
    "aide",
    "financière",
    "bourse",
    "microcrédit",
    "réparation",
]


def service(n: int, rng: random.Random) -> dict[str, Any]:
    """A service of the import bench with its own description (60 to 120 words), as the
    national exports carry: the figures then stand for real text, not a repeated one."""
    record = plain_service(n)
    words = rng.choices(WORDS, k=rng.randint(60, 120))
    record["description"] = " ".join(words).capitalize() + "."
    record["nom"] = f"{' '.join(rng.choices(WORDS, k=3)).capitalize()} n°{n}"
    record["telephone"] = f"+594594{rng.randint(0, 999_999):06d}"
    record["latitude"] = round(rng.uniform(3.8, 5.7), 5)
    record["longitude"] = round(rng.uniform(-54.5, -51.7), 5)
    return record


def structure(n: int) -> dict[str, Any]:
    return {
        "source": "dora",
        "id": f"dora--s{n}",
        "nom": f"Structure d'insertion n°{n}",
        "date_maj": "2025-02-14",
        "commune": "Saint-Laurent-du-Maroni",
        "code_insee": "97311",
        "code_postal": "97320",
        "adresse": f"{n % 200} rue Thiers",
        "telephone": "+594594000000",
        "courriel": f"structure{n}@exemple.fr",
        "site_web": f"https://exemple.fr/structures/{n}",
    }


def catalogue_territory(server: Server) -> tuple[int, str, str]:
    """A territory holding the catalogue: (its id, one-time enrolment code, CA fingerprint)."""
    territory = "B" + uuid.uuid4().hex[:8].upper()
    secret = load_or_create_secret(server.settings.data_dir)
    with session_scope(server.engine) as session:
        added = add_territory(session, territory, "Guyane", secret)
        ca, territory_id = added.ca_cert_pem, added.id
    rng = random.Random(16)
    services = [service(n, rng) for n in range(SERVICES)]
    for part in ([structure(n) for n in range(STRUCTURES)], services):
        with session_scope(server.engine) as session:
            report = import_records(session, territory_id, part, None)
        assert not report.rejected, report.rejected[:3]
    with session_scope(server.engine) as session:
        code = create_code(session, territory, "Mission locale", timedelta(hours=1))
    return territory_id, code, certificate_fingerprint(ca)


CODECS: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {
    "gzip": (lambda b: gzip.compress(b, 9, mtime=0), gzip.decompress),
    "bzip2": (lambda b: bz2.compress(b, 9), bz2.decompress),
    "xz": (lambda b: lzma.compress(b, preset=6), lzma.decompress),
}


def page_codecs(server: Server, territory_id: int) -> None:
    """One page of 1,000 services in each layout and coding, measured without the network."""
    limit = 1000
    print(f"page codecs, {limit} services (device CPU: decompress + parse + read back):")
    for layout, codecs in (("records", ("gzip",)), ("columns", ("gzip", "bzip2", "xz"))):
        with session_scope(server.engine) as session:
            page = offer_page(session, territory_id, STRUCTURES, limit, layout)  # type: ignore[arg-type]
        raw = page.model_dump_json(exclude={"columns"} if page.columns is None else None)
        for name in codecs:
            pack, unpack = CODECS[name]
            packed = pack(raw.encode("utf-8"))
            started = time.process_time()
            read = OfferPage.model_validate(json.loads(unpack(packed)))
            if read.columns is not None:
                from_columns(read.columns)
            cpu = time.process_time() - started
            print(
                f"  {layout:7} {name:5}: {len(packed) / 1024:6.1f} KiB ({len(packed) / limit:3.0f} "
                f"B per service, raw {len(raw) / limit:4.0f}), {len(packed) * 8 / BANDWIDTH_BPS:4.1f} s "
                f"at 100 kbit/s, device {cpu * 1000:4.0f} ms"
            )


def page_sizes(session: Session, proxy: FaultProxy) -> None:
    enrolment = require_enrolment(session)
    client = SyncClient(enrolment.server_url, enrolment.token, insecure=True)
    try:
        for limit in (200, 500, 1000):
            before = proxy.stats.bytes_down
            query = OfferChangesQuery(since=STRUCTURES, limit=limit, format="columns")
            client.offer_changes(query)
            wire = proxy.stats.bytes_down - before
            print(
                f"  page of {limit} services: {wire / 1024:.1f} KiB on the wire "
                f"({wire / limit:.0f} B per service), {wire * 8 / BANDWIDTH_BPS:.1f} s at 100 kbit/s"
            )
    finally:
        client.close()


class TimedApply:
    """Wraps the device's page apply to count pages and the time spent applying them."""

    def __init__(self) -> None:
        self.pages = 0
        self.seconds = 0.0
        self.original = catalogue.apply_page

    def __call__(self, *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return self.original(*args)
        finally:
            self.seconds += time.perf_counter() - started
            self.pages += 1


def first_sync(root: Path, server: Server, shape: LinkShape | None, label: str) -> float:
    """Seconds of a new device's first sync (catalogue included); printed with its counts.
    Raises if the sync failed, so no failed run becomes a figure."""
    territory_id, code, fingerprint = catalogue_territory(server)
    proxy = FaultProxy(server.port, shape=None, seed=5)
    session = enrolled_device(root, proxy.url, code, fingerprint)
    applied = TimedApply()
    try:
        if shape is None:
            page_codecs(server, territory_id)
            page_sizes(session, proxy)
        proxy.shape = shape or LinkShape()
        proxy.stats.bytes_up = proxy.stats.bytes_down = proxy.stats.requests = 0
        proxy.requests.clear()
        catalogue.apply_page = applied  # type: ignore[assignment]
        started = time.perf_counter()
        report = sync_now(session, options=SyncOptions(stall_timeout_s=60))
        seconds = time.perf_counter() - started
        asked = sum(r.split(b" ", 2)[1].startswith(b"/v1/offers/") for r in proxy.requests)
        wire = proxy.stats.bytes_up + proxy.stats.bytes_down
        state = "ok" if report.ok else f"FAILED: {report.error_en}"
        with session.uow(read_only=True) as uow:
            held = uow.offer_catalogue.count()
        print(
            f"{label}: {seconds:.1f} s, {wire / 1024:.0f} KiB on the wire "
            f"({proxy.stats.bytes_down / 1024:.0f} down), {proxy.stats.requests} requests, "
            f"{report.catalogue_services} services received, {held} held [{state}]"
        )
        print(
            f"  catalogue: {applied.pages} pages applied, {asked - applied.pages} retried "
            f"requests; device apply (store + index) {applied.seconds:.1f} s"
        )
        print(f"  bytes ÷ 100 kbit/s = {wire * 8 / BANDWIDTH_BPS:.0f} s")
        if not report.ok:
            raise RuntimeError(f"first sync failed: {report.error_en}")
        return seconds
    finally:
        catalogue.apply_page = applied.original
        session.close()
        proxy.close()


MEASURES = ("offer_sync.first_sync_20000_services_2g_s",)


def figures(quick: bool) -> list[Figure]:
    """Loopback (informational), then over the 2G link (about five minutes; not in a quick
    run)."""
    with tempfile.TemporaryDirectory(prefix="spie-bench-offer-sync-") as tmp:
        root = Path(tmp)
        server = Server(root / "server")
        try:
            loop = first_sync(root / "a", server, None, "first catalogue sync, loopback")
            found = [
                figure("offer_sync.first_sync_20000_loopback_s", "s", [loop], informational=True)
            ]
            if not quick:
                slow = first_sync(root / "b", server, SLOW, "first catalogue sync, 2G link")
                found.append(figure("offer_sync.first_sync_20000_services_2g_s", "s", [slow]))
        finally:
            server.stop()
    return found


def main(argv: list[str] | None = None) -> None:
    print_figures(figures(quick="--2g" not in (argv if argv is not None else sys.argv[1:])))


if __name__ == "__main__":
    main()
