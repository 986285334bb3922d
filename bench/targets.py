"""The targets of bench/targets.toml: read by the benchmarks and by the table."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

TARGETS_FILE = Path(__file__).with_name("targets.toml")


@dataclass(frozen=True)
class Target:
    """One target: ``key`` is ``"section.name"``; ``bench`` the module that measures it, or
    ``pending`` says why nothing measures it yet (the table shows « not measured yet »)."""

    key: str
    value: float | None  # None: tracked, no number agreed yet
    what: str
    bench: str
    better: str  # "lower" (the figure must stay at or under the value) or "higher"
    pending: str

    def met(self, measured: float) -> bool | None:
        if self.value is None:
            return None
        return measured >= self.value if self.better == "higher" else measured <= self.value


@cache
def _table() -> dict[str, Any]:
    with TARGETS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def target(section: str, name: str) -> float:
    """The target value of ``name`` in ``[section]`` (a KeyError names a typo at once)."""
    return float(_table()[section][name]["target"])


def parse_targets(table: dict[str, Any]) -> list[Target]:
    """Every target of a parsed targets.toml, in file order."""
    found = []
    for section, entries in table.items():
        bench = str(entries.get("bench", ""))
        for name, entry in entries.items():
            if not isinstance(entry, dict):
                continue
            found.append(
                Target(
                    key=f"{section}.{name}",
                    value=float(entry["target"]) if "target" in entry else None,
                    what=str(entry.get("what", "")),
                    bench=str(entry.get("bench", bench)),
                    better=str(entry.get("better", "lower")),
                    pending=str(entry.get("pending", "")),
                )
            )
    return found


def all_targets() -> list[Target]:
    return parse_targets(_table())
