"""What a benchmark returns: figures as data, one sample per repeat, summarised once here.

A benchmark module declares the targets it measures (``MEASURES``, keys of
bench/targets.toml as ``"section.name"``) and returns ``Figure`` objects from
``figures(quick)``; the table, the JSON file and ``compare`` all read these, so the median,
the spread and the ratio to a comparison are computed in one place.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0–100) of a non-empty list."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass(frozen=True)
class Comparison:
    """The same figure measured on a reference in the same run (plain SQLite, WeasyPrint…)."""

    label: str
    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


@dataclass(frozen=True)
class Figure:
    """One measured figure. ``name`` is its key in targets.toml (``"section.name"``), or any
    dotted name with ``informational=True`` when no target applies."""

    name: str
    unit: str
    samples: tuple[float, ...]
    comparison: Comparison | None = None
    informational: bool = False
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.samples:
            raise ValueError(f"figure {self.name} has no samples")

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def low(self) -> float:
        return min(self.samples)

    @property
    def high(self) -> float:
        return max(self.samples)

    @property
    def comparison_ratio(self) -> float | None:
        if self.comparison is None or not self.comparison.median:
            return None
        return self.median / self.comparison.median


def figure(
    name: str,
    unit: str,
    samples: list[float] | tuple[float, ...],
    *,
    comparison: tuple[str, list[float] | tuple[float, ...]] | None = None,
    informational: bool = False,
    note: str = "",
) -> Figure:
    """A ``Figure`` from plain lists (the shape benchmarks produce)."""
    return Figure(
        name,
        unit,
        tuple(float(s) for s in samples),
        Comparison(comparison[0], tuple(float(s) for s in comparison[1])) if comparison else None,
        informational,
        note,
    )


def print_figures(figures: list[Figure]) -> None:
    """A module run on its own (``python -m bench.bench_plan``) prints its figures so."""
    for fig in figures:
        line = f"{fig.name}: median {fig.median:.3f} {fig.unit}  ({fig.low:.3f}–{fig.high:.3f})"
        if fig.comparison_ratio is not None and fig.comparison is not None:
            line += f"  {fig.comparison_ratio:.2f}× {fig.comparison.label}"
        print(line + (f"  [{fig.note}]" if fig.note else ""))
