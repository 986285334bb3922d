"""The local offer: searches over a catalogue of 20,000 data·inclusion services on the device.

A typical mix of searches (words only, words with filters, a thématique near a commune, and
the worst case: every service measured from a commune), each run many times against a real
SQLCipher store filled through ``load_catalogue``. Prints p50/p95 per kind and overall, and
the load time; asserts nothing. Target (bench/targets.toml): p95 under 100 ms.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SERVICES = 20_000
ROUNDS = 30
PASSPHRASE = "banc d'essai de l'offre locale"


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


MEASURES = ("offers.search_20000_p95_ms",)


def main() -> None:
    from bench.devices import bench_device
    from bench.targets import target
    from spie_desktop.domain.offers import OfferQuery
    from spie_desktop.services.demo_offers import demo_catalogue
    from spie_desktop.services.offer_catalogue import load_catalogue
    from spie_desktop.services.offer_search import commune_position, search_offers

    with tempfile.TemporaryDirectory(prefix="spie-bench-offers-") as tmp:
        _setup, session = bench_device(Path(tmp), PASSPHRASE)
        structures, services = demo_catalogue("973", 16, services=SERVICES)
        started = time.perf_counter()
        load_catalogue(session, structures, services)
        print(
            f"load: {len(structures)} structures, {SERVICES} services "
            f"in {time.perf_counter() - started:.1f} s"
        )
        origin = commune_position(session, code_insee="97311")
        queries = {
            "words": OfferQuery(text="mobilite"),
            "plural words": OfferQuery(text="formations qualifiantes"),
            "words + filters": OfferQuery(
                text="atelier", types=("atelier",), frais=("gratuit",), publics=("jeunes",)
            ),
            "thématique near": OfferQuery(thematiques=("mobilite",), origin=origin),
            "words near": OfferQuery(text="permis", origin=origin, within_km=50),
            "all near (worst)": OfferQuery(origin=origin),
        }
        everything: list[float] = []
        for name, query in queries.items():
            samples = []
            found = 0
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                found = len(search_offers(session, query))
                samples.append((time.perf_counter() - t0) * 1000)
            everything += samples
            p50, p95 = _percentiles(samples)
            print(f"{name:>18}: {found:3d} shown, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        p50, p95 = _percentiles(everything)
        goal = target("offers", "search_20000_p95_ms")
        print(
            f"search on {SERVICES} services: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target {goal:.0f})"
        )
        session.close()


if __name__ == "__main__":
    main()
