"""Run the benchmark modules and gather their figures.

A module that returns figures as data has ``figures(quick: bool) -> list[Figure]``; one that
still only prints has ``main()``, and its targets show as « not measured » in the table
(it is run for its printout on a full run, skipped in a quick one). Every module lists the
targets it measures in ``MEASURES``; tests/bench checks that list against targets.toml.
"""

from __future__ import annotations

import importlib
import pkgutil
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from bench.figures import Figure

HERE = Path(__file__).parent


def module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))


@dataclass
class Gathered:
    figures: list[Figure] = field(default_factory=list)
    absent: dict[str, str] = field(default_factory=dict)  # target key → why no figure


def gather(wanted: set[str], quick: bool) -> Gathered:
    gathered = Gathered()
    for name in module_names():
        if wanted and name not in wanted and name.removeprefix("bench_") not in wanted:
            continue
        module = importlib.import_module(f"bench.{name}")
        measures: tuple[str, ...] = getattr(module, "MEASURES", ())
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        why = ""
        produced: list[Figure] = []
        try:
            if hasattr(module, "figures"):
                produced = list(module.figures(quick))
            elif quick:
                why = f"{name} only prints figures; skipped in a quick run"
            else:
                module.main()
                why = f"{name} prints its figures above but does not return them as data yet"
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            why = f"{name} failed: {type(exc).__name__}: {exc}"
        print(f"   ({time.perf_counter() - started:.1f} s)\n", flush=True)
        gathered.figures.extend(produced)
        names = {fig.name for fig in produced}
        for key in measures:
            if key not in names:
                gathered.absent[key] = why or (
                    f"{name} gave no figure for it" + (" in a quick run" if quick else "")
                )
    return gathered
