"""The one table of figures, as text: what `make bench` prints and the README shows."""

from __future__ import annotations

from typing import Any

from bench.machine import machine_line
from bench.results import ABSENT, INFO, MET, MISSED, PENDING

MARKS = {MET: "✓", MISSED: "✗", INFO: "info", PENDING: "not measured yet", ABSENT: "not measured"}


def number(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _cells(row: dict[str, Any]) -> list[str]:
    unit = row.get("unit") or ""
    if row.get("target") is None:
        goal = "—"
    else:
        goal = ("≥ " if row.get("better") == "higher" else "≤ ") + number(row["target"])
    if row.get("median") is None:
        return [row["figure"], goal, "—", "—", "—", "—", MARKS[row["status"]]]
    spread = f"{number(row['low'])}–{number(row['high'])} (n={len(row['samples'])})"
    ratio = number(row.get("ratio_to_target")) + "×" if row.get("ratio_to_target") else "—"
    comparison = "—"
    if row.get("comparison"):
        comparison = f"{number(row['comparison_ratio'])}× {row['comparison']['label']}"
    return [
        row["figure"],
        goal,
        f"{number(row['median'])} {unit}".strip(),
        spread,
        ratio,
        comparison,
        MARKS[row["status"]],
    ]


HEADER = ["figure", "target", "median", "spread (min–max)", "÷ target", "vs comparison", "✓/✗"]


def _kept(row: dict[str, Any], informational: bool) -> bool:
    """Every row, or (``informational=False``) the targets' rows and the figures that carry
    a comparison: the short table of the README."""
    in_targets = row.get("in_targets", bool(row.get("what")))  # files written before the flag
    return informational or bool(in_targets) or bool(row.get("comparison"))


def render_table(doc: dict[str, Any], informational: bool = True) -> str:
    """A Markdown table (readable as plain text too), the machine above it, notes below."""
    lines = [f"{doc['date']} · commit {doc['commit']}" + (" · quick run" if doc["quick"] else "")]
    lines.append(machine_line(doc["machine"]))
    lines.append("")
    shown = [row for row in doc["rows"] if _kept(row, informational)]
    rows = [_cells(row) for row in shown]
    widths = [max(len(c[i]) for c in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    lines.append(line(HEADER))
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    lines.extend(line(cells) for cells in rows)
    notes = [f"- {row['figure']}: {row['note']}" for row in shown if row.get("note")]
    if notes:
        lines += ["", *notes]
    counts = {status: sum(r["status"] == status for r in doc["rows"]) for status in MARKS}
    lines += [
        "",
        f"{counts[MET]} met, {counts[MISSED]} missed, {counts[ABSENT]} not measured in this run, "
        f"{counts[PENDING]} not measured yet, {counts[INFO]} informational"
        + (
            ""
            if len(shown) == len(doc["rows"])
            else f" ({len(doc['rows']) - len(shown)} not shown)"
        ),
    ]
    return "\n".join(lines)
