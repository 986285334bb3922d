"""The offer search benchmark searches a filled catalogue, not an empty one."""

from __future__ import annotations

from bench import bench_offers


def test_the_benchmark_catalogue_is_not_empty() -> None:
    structures, services = bench_offers.catalogue(50)
    assert structures and len(services) == 50
