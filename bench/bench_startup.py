"""Process start → unlock window shown (bench/targets.toml). Returns figures, asserts nothing.

Sets a device up in a temporary folder (so the unlock window is what appears), then starts
the application several times with ``SPIE_BENCH_EXIT_ON_SHOW=1``: ``run_gui`` prints the
time from the process's start (as the kernel recorded it) to the first paint of its first
window, then quits. The wall-clock time seen from here, spawn included, is printed beside.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, figure, print_figures

RUNS = 7
CHILD = (
    "import sys; from pathlib import Path; from spie_desktop.app import run_gui; "
    "sys.exit(run_gui(Path(sys.argv[1])))"
)


def set_up_device(data_dir: Path) -> None:
    from spie_desktop.domain.organisation import Field, StructureKind
    from spie_desktop.services.device import initialise_device

    initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Banc d'essai",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Banc d'essai",
        field=Field.SOCIAL,
        passphrase="banc essai démarrage rapide",
    )


def measure_once(data_dir: Path, pycache: Path) -> tuple[float, float]:
    """(seconds reported by the app, seconds seen from outside).

    The bytecode is cached in ``pycache`` whatever the caller's PYTHONDONTWRITEBYTECODE says:
    an installed application (and the bundle) starts from compiled modules, and a start that
    compiles every module from source again measures the compiler, not the start-up.
    """
    env = dict(os.environ, SPIE_BENCH_EXIT_ON_SHOW="1", PYTHONPYCACHEPREFIX=str(pycache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outside = time.perf_counter() - started
    line = next(s for s in result.stdout.splitlines() if s.startswith("first window shown after"))
    return float(line.split()[4]), outside


MEASURES = ("startup.unlock_window_shown_s",)


def figures(quick: bool) -> list[Figure]:
    runs = 2 if quick else RUNS
    with tempfile.TemporaryDirectory(prefix="spie-bench-startup-") as tmp:
        data_dir, pycache = Path(tmp) / "device", Path(tmp) / "pycache"
        set_up_device(data_dir)
        measure_once(data_dir, pycache)  # warm the bytecode and file caches
        inside, outside = zip(*(measure_once(data_dir, pycache) for _ in range(runs)), strict=True)
    return [
        figure("startup.unlock_window_shown_s", "s", inside, note="as reported by the app"),
        figure(
            "startup.seen_by_parent_s",
            "s",
            outside,
            informational=True,
            note="spawn to exit, seen from outside",
        ),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
