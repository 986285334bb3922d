"""The table, the JSON file and compare, on two tiny fake runs (no benchmark runs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bench.__main__ as bench_main
from bench.compare import changes
from bench.figures import figure
from bench.results import build_rows, document, read_document
from bench.runner import Gathered
from bench.table import render_table
from bench.targets import parse_targets

TARGETS = parse_targets(
    {
        "x": {
            "bench": "bench_x",
            "save_ms": {"target": 2, "what": "a save"},
            "rate": {"target": 100, "better": "higher", "what": "records/s"},
            "errors": {"target": 0, "what": "failed requests"},
            "tracked": {"what": "no number agreed yet"},
            "later": {"target": 5, "what": "not built", "pending": "its module comes later"},
            "skipped": {"target": 5, "what": "skipped in this run"},
        }
    }
)
MACHINE = {
    "cpu": "Test CPU",
    "cores": 2,
    "ram_gib": 4.0,
    "python": "3.11",
    "os": "Linux",
    "load_average_at_start": [9.5, 8.0, 7.0],
}


def fake_run(save: list[float], rate: list[float], commit: str) -> dict[str, object]:
    figures = [
        figure("x.save_ms", "ms", save, comparison=("plain", [s / 2 for s in save])),
        figure("x.rate", "rec/s", rate),
        figure("x.errors", "", [0]),
        figure("x.tracked", "B", [1500]),
        figure("x.extra_ms", "ms", [3.0], informational=True),
    ]
    rows = build_rows(TARGETS, figures, {"x.skipped": "bench_x skipped it"})
    return document(rows, MACHINE, commit, quick=True)


def test_rows_say_met_missed_info_and_not_measured() -> None:
    doc = fake_run([1.0, 1.5, 3.0], [50, 60, 70], "aaa")
    status = {row["figure"]: row["status"] for row in doc["rows"]}  # type: ignore[attr-defined]
    assert status == {
        "x.save_ms": "met",
        "x.rate": "missed",
        "x.errors": "met",
        "x.tracked": "info",
        "x.later": "not measured yet",
        "x.skipped": "not measured",
        "x.extra_ms": "info",
    }
    save = doc["rows"][0]  # type: ignore[index]
    assert (save["median"], save["low"], save["high"]) == (1.5, 1.0, 3.0)
    assert save["comparison_ratio"] == pytest.approx(2.0)
    assert save["ratio_to_target"] == pytest.approx(0.75)


def test_table_shows_every_row_the_machine_and_the_load() -> None:
    text = render_table(fake_run([1.0, 1.5, 3.0], [50, 60, 70], "aaa"))  # type: ignore[arg-type]
    assert "Test CPU, 2 cores, 4.0 GiB RAM" in text and "load average at start 9.50" in text
    lines = {
        line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| x.")
    }
    assert "✓" in lines["x.save_ms"] and "2.00× plain" in lines["x.save_ms"]
    assert "1.00–3.00 (n=3)" in lines["x.save_ms"]
    assert "✗" in lines["x.rate"] and "≥ 100" in lines["x.rate"]
    assert "not measured yet" in lines["x.later"]
    assert "its module comes later" in text and "bench_x skipped it" in text


def test_compare_names_what_moved_beyond_the_spread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = fake_run([1.0, 1.1, 1.2], [100, 110, 120], "aaa")
    new = fake_run([1.5, 1.6, 1.7], [50, 55, 60], "bbb")
    same = fake_run([1.1, 1.15, 1.3], [105, 130, 140], "ccc")
    assert changes(old, new) == [  # type: ignore[arg-type]
        ("x.save_ms", "worse", "1.10 → 1.60 ms (1.45×)"),
        ("x.rate", "worse", "110 → 55.0 rec/s (0.500×)"),
    ]
    assert changes(new, old) == [  # type: ignore[arg-type]
        ("x.save_ms", "better", "1.60 → 1.10 ms (0.688×)"),
        ("x.rate", "better", "55.0 → 110 rec/s (2.00×)"),
    ]
    assert changes(old, same) == []  # type: ignore[arg-type]
    once = fake_run([1.20], [100], "ddd")
    assert changes(once, fake_run([1.21], [100], "eee")) == []  # type: ignore[arg-type]
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(old))
    b.write_text(json.dumps(new))
    assert bench_main.main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "worse (slower, bigger): 2" in out and "x.save_ms: 1.10 → 1.60 ms" in out


def test_compare_refuses_a_file_that_is_not_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.json"
    other.write_text("{}")
    assert bench_main.main(["compare", str(other), str(other)]) == 1
    assert "not a bench result" in capsys.readouterr().err


def test_a_run_prints_the_table_and_writes_the_same_as_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []

    def gather(wanted: set[str], quick: bool) -> Gathered:
        seen.append(quick)
        return Gathered([figure("storage.autosave_p95_ms", "ms", [1.0, 2.0])], {})

    monkeypatch.setattr(bench_main, "gather", gather)
    assert bench_main.main(["--quick", "--out", str(tmp_path)]) == 0
    assert seen == [True]
    written = list(tmp_path.glob("*-quick.json"))
    assert len(written) == 1
    doc = read_document(written[0])
    assert doc["quick"] is True and doc["machine"]["cores"]
    rows = {row["figure"]: row for row in doc["rows"]}
    assert rows["storage.autosave_p95_ms"]["samples"] == [1.0, 2.0]
    assert rows["server.burst_200_devices_p95_push_ms"]["status"] == "not measured"
    assert {row["status"] for row in doc["rows"]} <= {"met", "missed", "not measured"}
    out = capsys.readouterr().out
    assert "storage.autosave_p95_ms" in out and str(written[0]) in out


def test_the_short_table_keeps_targets_and_comparisons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "run.json"
    path.write_text(json.dumps(fake_run([1.0, 1.5, 3.0], [50, 60, 70], "aaa")))
    assert bench_main.main(["table", str(path), "--short"]) == 0
    short = capsys.readouterr().out
    assert "| x.save_ms" in short and "| x.later" in short
    assert "| x.tracked" in short  # in targets.toml without a number: an issue's figure
    assert "| x.extra_ms" not in short and "(1 not shown)" in short
    assert bench_main.main(["table", str(path)]) == 0
    assert "| x.extra_ms" in capsys.readouterr().out
