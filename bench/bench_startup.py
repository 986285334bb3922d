"""Process start → unlock window shown (target < 0.5 s). Prints figures, asserts nothing.

Sets a device up in a temporary folder (so the unlock window is what appears), then starts
the application several times with ``SPIE_BENCH_EXIT_ON_SHOW=1``: ``run_gui`` prints the
time from the process's start (as the kernel recorded it) to the first paint of its first
window, then quits. The wall-clock time seen from here, spawn included, is printed beside.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.targets import target

RUNS = 7
TARGET_S = target("startup", "unlock_window_shown_s")
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


def measure_once(data_dir: Path) -> tuple[float, float]:
    """(seconds reported by the app, seconds seen from outside)."""
    env = dict(os.environ, SPIE_BENCH_EXIT_ON_SHOW="1")
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


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="spie-bench-startup-") as tmp:
        data_dir = Path(tmp) / "device"
        set_up_device(data_dir)
        measure_once(data_dir)  # warm the bytecode and file caches
        inside, outside = zip(*(measure_once(data_dir) for _ in range(RUNS)), strict=True)
    median = statistics.median(inside)
    print(f"startup: process start → unlock window shown, {RUNS} runs")
    print(
        f"  reported by the app : median {median:.3f} s, min {min(inside):.3f} s, max {max(inside):.3f} s"
    )
    print(f"  seen by the parent  : median {statistics.median(outside):.3f} s (includes exit)")
    print(f"  target < {TARGET_S:.1f} s: {'met' if median < TARGET_S else 'NOT met'}")


if __name__ == "__main__":
    main()
