"""targets.toml and the benchmark modules agree: every target is measured by the module it
names (or marked pending), and every figure a module builds has a target or is
informational. Read from source: no benchmark runs."""

from __future__ import annotations

import tomllib

from bench.targets import all_targets, parse_targets
from tests.bench.declarations import declared, module_sources, problems


def test_targets_file_and_modules_agree() -> None:
    assert problems(all_targets(), module_sources()) == []


def test_every_target_has_a_number_or_says_it_is_tracked_only() -> None:
    for tgt in all_targets():
        assert tgt.what, tgt.key
        assert tgt.better in {"lower", "higher"}, tgt.key


def test_issue_19_figures_are_in_the_targets_file() -> None:
    keys = {t.key for t in all_targets()}
    assert {
        "server.burst_200_devices_p95_push_ms",
        "server.burst_200_devices_errors",
        "server.every_10s_200_devices_p95_push_ms",
        "server.every_10s_200_devices_errors",
        "server.push_changes_per_s",
        "server.pull_changes_per_s",
        "sync.sync_20_interviews_2g_over_ideal",
        "bundle.unpacked_mb",
        "bundle.compressed_mb",
        "bundle.startup_s",
        "store_size.bytes_per_person_on_disk",
    } <= keys


MODULE = """
MEASURES = ("a.x",)
def figures(quick):
    return [figure("a.x", "ms", [1.0]), figure("a.y", "ms", [1.0])]
"""


def test_a_figure_without_target_is_caught() -> None:
    targets = parse_targets({"a": {"bench": "bench_a", "x": {"target": 1, "what": "x"}}})
    assert problems(targets, {"bench_a": MODULE}) == [
        "bench_a builds figure a.y with no target: add it or informational"
    ]
    fixed = MODULE.replace(
        'figure("a.y", "ms", [1.0])', 'figure("a.y", "ms", [1.0], informational=True)'
    )
    assert problems(targets, {"bench_a": fixed}) == []


def test_a_target_nobody_measures_is_caught_unless_pending() -> None:
    table = tomllib.loads(
        '[a]\nbench = "bench_a"\nx = { target = 1, what = "x" }\nz = { target = 2, what = "z" }\n'
    )
    module = MODULE.replace(', figure("a.y", "ms", [1.0])', "")
    assert problems(parse_targets(table), {"bench_a": module}) == [
        "a.z: no module measures it (mark it pending, with why)"
    ]
    table["a"]["z"]["pending"] = "not built yet"
    assert problems(parse_targets(table), {"bench_a": module}) == []
    table["a"]["x"]["pending"] = "stale"
    assert problems(parse_targets(table), {"bench_a": module}) == [
        "a.x is pending in targets.toml but bench_a measures it"
    ]


def test_a_module_without_measures_is_caught() -> None:
    assert declared("def main():\n    pass\n").measures is None
    assert problems([], {"bench_b": "def main():\n    pass\n"}) == ["bench_b has no MEASURES"]
