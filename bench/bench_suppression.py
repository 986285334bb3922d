"""Suppression, export and the national merge over synthetic territories.

One territory of 100,000 people in 20 structures (suppress, write JSON and CSV, read back),
then three territories of 20,000 people in 150 structures each (many small cells) merged into
the national table. Returns figures (all informational); asserts nothing.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench import bench_indicators
from bench.figures import Figure, figure, print_figures

if TYPE_CHECKING:
    from spie_protocol.indicators.table import IndicatorTable


def _territory(code: str, people: int, structures: int, seed: int) -> IndicatorTable:
    from spie_protocol.indicators.compute import compute

    bench_indicators.STRUCTURES = structures
    rng = random.Random(seed)
    facts = [bench_indicators._person(rng) for _ in range(people)]
    return compute(code, bench_indicators.START, bench_indicators.END, facts)


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def figures(quick: bool) -> list[Figure]:
    """Suppression of one territory, its JSON and CSV written and read back, then the
    national merge of three (not in a quick run). All informational."""
    from spie_protocol.indicators.export import merge, read, write_csv, write_json
    from spie_protocol.indicators.suppression import suppress

    found: list[Figure] = []
    table = _territory("973", 100_000, 20, 17)
    started = time.perf_counter()
    published = suppress(table)
    hidden = sum(cell.suppressed for cell in published.cells)
    found.append(
        figure(
            "suppression.suppress_100000_people_s",
            "s",
            [time.perf_counter() - started],
            informational=True,
            note=f"{len(table.cells):,} cells, {hidden:,} hidden",
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        for suffix, write in ((".json", write_json), (".csv", write_csv)):
            path = Path(folder) / f"973{suffix}"
            started = time.perf_counter()
            write(published, path)
            written = time.perf_counter() - started
            started = time.perf_counter()
            read(path)
            again = time.perf_counter() - started
            kind = suffix[1:]
            found += [
                figure(f"suppression.write_{kind}_s", "s", [written], informational=True),
                figure(f"suppression.read_{kind}_s", "s", [again], informational=True),
            ]
    if quick:
        return found
    territories = [
        suppress(_territory(code, 20_000, 150, seed))
        for seed, code in enumerate(("971", "972", "974"))
    ]
    started = time.perf_counter()
    merge(territories)
    found.append(
        figure(
            "suppression.merge_3_territories_s",
            "s",
            [time.perf_counter() - started],
            informational=True,
        )
    )
    return found


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
