"""How long ``spie-desktop demo --people 10000`` takes, and how big the store gets.

Runs the real command line in a subprocess against a temporary data dir (set-up included:
one Argon2id derivation to create the account and one to unlock). Prints the wall time, the
child's CPU time (the machine may be shared: CPU time is the steadier figure), the store's
size and its size per person. Asserts nothing. Target (bench/targets.toml): under 60 s and a
store well under 100 MB.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = 10_000
PASSPHRASE = "banc d'essai du Larzac"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env.update(SPIE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(root))
    with tempfile.TemporaryDirectory(prefix="spie-bench-demo-") as tmp:
        data_dir = Path(tmp) / "device"
        command = [sys.executable, "-m", "spie_desktop", "demo", "--people", str(PEOPLE)]
        command += ["--seed", "1", "--territory", "12", "--data-dir", str(data_dir)]
        cpu_before = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if result.returncode != 0:
            print(f"demo --people {PEOPLE}: FAILED ({result.stderr.strip()})")
            return
        store = data_dir / "store.db"
        wal = data_dir / "store.db-wal"
        wal_size = wal.stat().st_size if wal.exists() else 0
        size = store.stat().st_size
        print(
            f"demo --people {PEOPLE}: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
            "(process start to exit, set-up included)"
        )
        print(
            f"store size: {size / 1e6:.1f} MB (store.db), {wal_size / 1e6:.1f} MB (WAL), "
            f"{_size(data_dir) / 1e6:.1f} MB data dir in all; "
            f"{(size + wal_size) / PEOPLE / 1e3:.1f} KB per person"
        )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
