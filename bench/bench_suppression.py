"""Suppression, export and the national merge over synthetic territories.

One territory of 100,000 people in 20 structures (suppress, write JSON and CSV, read back),
then three territories of 20,000 people in 150 structures each (many small cells) merged into
the national table. Prints times and the number of cells hidden; asserts nothing.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench import bench_indicators

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


def main() -> None:
    from spie_protocol.indicators.export import merge, read, write_csv, write_json
    from spie_protocol.indicators.suppression import suppress

    table = _territory("973", 100_000, 20, 17)
    started = time.perf_counter()
    published = suppress(table)
    elapsed = time.perf_counter() - started
    hidden = sum(cell.suppressed for cell in published.cells)
    print(f"suppress: {len(table.cells):,} cells, {hidden:,} hidden: {elapsed:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for suffix, write in ((".json", write_json), (".csv", write_csv)):
            path = Path(folder) / f"973{suffix}"
            started = time.perf_counter()
            write(published, path)
            written = time.perf_counter() - started
            started = time.perf_counter()
            read(path)
            print(
                f"{suffix[1:]}: write {written:.2f} s, read {time.perf_counter() - started:.2f} s,"
                f" {path.stat().st_size / 1e6:.1f} MB"
            )

    territories = []
    for seed, code in enumerate(("971", "972", "974")):
        territories.append(suppress(_territory(code, 20_000, 150, seed)))
    started = time.perf_counter()
    national = merge(territories)
    elapsed = time.perf_counter() - started
    hidden = sum(cell.suppressed for cell in national.cells)
    print(
        f"merge: 3 territories, {len(national.cells):,} cells, {hidden:,} hidden: {elapsed:.2f} s"
    )
