"""The local offer: searches over a catalogue of 20,000 data·inclusion services on the device.

A typical mix of searches (words only, words with filters, a thématique near a commune, and
the worst case: every service measured from a commune), each run many times against a real
SQLCipher store filled through ``load_catalogue``. Returns figures (bench/figures.py);
asserts nothing. Target (bench/targets.toml): p95 under 100 ms.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import Figure, figure, percentile, print_figures

SERVICES = 20_000
ROUNDS = 30
PASSPHRASE = "banc d'essai de l'offre locale"
TERRITORY = "12"  # bench.devices.bench_device's territory: its demo communes hold the offers


def catalogue(count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The demo catalogue of bench_device's territory, refused when it comes back empty (a
    territory without demo communes gives none, and searching nothing measures nothing)."""
    from spie_desktop.services.demo_offers import demo_catalogue

    structures, services = demo_catalogue(TERRITORY, 16, services=count)
    if not services:
        raise RuntimeError(f"no demo catalogue for territory {TERRITORY}")
    return structures, services


MEASURES = ("offers.search_20000_p95_ms",)


def figures(quick: bool) -> list[Figure]:
    """One sample per round: the p95 of one pass over every kind of search."""
    from bench.devices import bench_device
    from spie_desktop.domain.offers import OfferQuery
    from spie_desktop.services.demo_offers import DEMO_COMMUNES
    from spie_desktop.services.offer_catalogue import load_catalogue
    from spie_desktop.services.offer_search import commune_position, search_offers

    rounds = 3 if quick else ROUNDS
    with tempfile.TemporaryDirectory(prefix="spie-bench-offers-") as tmp:
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        structures, services = catalogue(SERVICES)
        started = time.perf_counter()
        load_catalogue(session, structures, services)
        load_s = time.perf_counter() - started
        origin = commune_position(session, code_insee=DEMO_COMMUNES[TERRITORY][0][0])
        queries = (
            OfferQuery(text="mobilite"),
            OfferQuery(text="formations qualifiantes"),
            OfferQuery(text="atelier", types=("atelier",), frais=("gratuit",), publics=("jeunes",)),
            OfferQuery(thematiques=("mobilite",), origin=origin),
            OfferQuery(text="permis", origin=origin, within_km=50),
            OfferQuery(origin=origin),  # every service measured from a commune: the worst
        )
        per_round: list[float] = []
        for _ in range(rounds):
            samples = []
            for query in queries:
                t0 = time.perf_counter()
                search_offers(session, query)
                samples.append((time.perf_counter() - t0) * 1000)
            per_round.append(percentile(samples, 95))
        session.close()
    return [
        figure("offers.search_20000_p95_ms", "ms", per_round, note="p95 of each round of 6 kinds"),
        figure("offers.load_20000_services_s", "s", [load_s], informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
