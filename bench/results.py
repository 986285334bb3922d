"""A run's result: one row per target or figure, written as JSON and read back by compare.

A row is a plain dict (so the JSON file is the same thing the table prints):
``figure, what, unit, target, better, in_targets, median, low, high, samples, ratio_to_target,
comparison, comparison_ratio, status, note``. ``status`` is one of ``met``, ``missed``,
``info`` (a figure with no target), ``not measured yet`` (no module measures the target),
``not measured`` (its module did not produce it in this run: skipped, failed, --quick).
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.figures import Figure
from bench.targets import Target

RESULTS_DIR = Path(__file__).with_name("results")

MET, MISSED, INFO, PENDING, ABSENT = "met", "missed", "info", "not measured yet", "not measured"


def _figure_row(fig: Figure) -> dict[str, Any]:
    comparison = None
    if fig.comparison is not None:
        comparison = {
            "label": fig.comparison.label,
            "median": fig.comparison.median,
            "samples": list(fig.comparison.samples),
        }
    return {
        "figure": fig.name,
        "unit": fig.unit,
        "median": fig.median,
        "low": fig.low,
        "high": fig.high,
        "samples": list(fig.samples),
        "comparison": comparison,
        "comparison_ratio": fig.comparison_ratio,
        "note": fig.note,
    }


def build_rows(
    targets: list[Target], figures: list[Figure], absent: dict[str, str]
) -> list[dict[str, Any]]:
    """Rows in targets.toml order, then informational figures. ``absent`` maps a target key
    to why its module gave no figure in this run."""
    by_name = {fig.name: fig for fig in figures}
    rows: list[dict[str, Any]] = []
    for tgt in targets:
        base = {
            "figure": tgt.key,
            "what": tgt.what,
            "target": tgt.value,
            "better": tgt.better,
            "in_targets": True,
        }
        fig = by_name.pop(tgt.key, None)
        if fig is None:
            status = PENDING if tgt.pending else ABSENT
            note = tgt.pending or absent.get(tgt.key, f"{tgt.bench} gave no figure")
            rows.append(base | {"status": status, "note": note, "unit": "", "median": None})
            continue
        row = base | _figure_row(fig)
        row["ratio_to_target"] = fig.median / tgt.value if tgt.value else None
        met = tgt.met(fig.median)
        row["status"] = INFO if met is None else MET if met else MISSED
        rows.append(row)
    for fig in by_name.values():
        row = _figure_row(fig) | {
            "what": "",
            "target": None,
            "better": "lower",
            "in_targets": False,
        }
        row["status"] = INFO if fig.informational else MISSED
        if not fig.informational:
            row["note"] = (row["note"] + "; " if row["note"] else "") + "no target in targets.toml"
        rows.append(row)
    return rows


def current_commit(repo: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short=10", "HEAD"], cwd=repo, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def document(
    rows: list[dict[str, Any]],
    machine: dict[str, Any],
    commit: str,
    quick: bool,
    partial: bool = False,
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "quick": quick,
        "partial": partial,
        "machine": machine,
        "rows": rows,
    }


def write_document(doc: dict[str, Any], folder: Path = RESULTS_DIR) -> Path:
    """``<date>-<commit>.json``; ``-quick`` and ``-partial`` (only some modules) mark runs
    that must not overwrite a full one."""
    folder.mkdir(parents=True, exist_ok=True)
    day = doc["date"][:10]
    suffix = ("-quick" if doc.get("quick") else "") + ("-partial" if doc.get("partial") else "")
    path = folder / f"{day}-{doc['commit']}{suffix}.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_document(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if "rows" not in loaded:
        raise ValueError(f"{path}: not a bench result (no rows)")
    return loaded
