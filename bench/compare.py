"""``python -m bench compare A.json B.json``: what got slower or faster beyond the spread.

A figure changed only when B's whole range (min–max over repeats) lies outside A's and its
median moved by at least MIN_CHANGE: a median that moved inside the noise of either run is
not a change, nor is a 1 % move of a figure measured once (its range is a point).
"""

from __future__ import annotations

from typing import Any

from bench.table import number

MIN_CHANGE = 0.05


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, "worse"/"better", description) for every figure measured in both runs whose
    ranges do not overlap."""
    before = {r["figure"]: r for r in old["rows"] if r.get("median") is not None}
    found = []
    for row in new["rows"]:
        was = before.get(row["figure"])
        if was is None or row.get("median") is None:
            continue
        if row["low"] > was["high"]:
            up = True
        elif row["high"] < was["low"]:
            up = False
        else:
            continue
        ratio = row["median"] / was["median"] if was["median"] else float("inf")
        if abs(ratio - 1) < MIN_CHANGE:
            continue
        worse = up != (row.get("better") == "higher")
        found.append(
            (
                row["figure"],
                "worse" if worse else "better",
                f"{number(was['median'])} → {number(row['median'])} {row.get('unit', '')}"
                f" ({number(ratio)}×)",
            )
        )
    return found


def render_comparison(old: dict[str, Any], new: dict[str, Any]) -> str:
    found = changes(old, new)
    lines = [f"{old['commit']} ({old['date']}) → {new['commit']} ({new['date']})"]
    for label, title in (("worse", "worse (slower, bigger)"), ("better", "better")):
        picked = [c for c in found if c[1] == label]
        lines.append(f"{title}: {len(picked)}")
        lines.extend(f"  {name}: {text}" for name, _, text in picked)
    shared = {r["figure"] for r in old["rows"] if r.get("median") is not None} & {
        r["figure"] for r in new["rows"] if r.get("median") is not None
    }
    lines.append(f"within the spread: {len(shared) - len(found)}")
    return "\n".join(lines)
