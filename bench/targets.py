"""The targets of bench/targets.toml, for the benchmarks to print beside their figures."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

TARGETS_FILE = Path(__file__).with_name("targets.toml")


@cache
def _table() -> dict[str, Any]:
    with TARGETS_FILE.open("rb") as handle:
        return tomllib.load(handle)


def target(section: str, name: str) -> float:
    """The target value of ``name`` in ``[section]`` (a KeyError names a typo at once)."""
    return float(_table()[section][name]["target"])
