"""How long ``spie-desktop demo --people 10000`` takes, and how big the store gets.

Runs the real command line in a subprocess against a temporary data dir (set-up included:
one Argon2id derivation to create the account and one to unlock). Returns the wall time, the
child's CPU time (the machine may be shared: CPU time is the steadier figure) and the store's
bytes per person (bench/targets.toml [store_size]), with what the answers take of it and
the largest tables (``store_breakdown``). Asserts nothing.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, figure, print_figures
from bench.store_breakdown import bytes_by_table, largest

PEOPLE = 10_000
PASSPHRASE = "banc d'essai du Larzac"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


MEASURES = ("store_size.bytes_per_person_on_disk",)


def figures(quick: bool) -> list[Figure]:
    """One demo store (10,000 people; 1,000 in a quick run): the command's time and CPU, and
    the store's bytes per person (store.db + WAL, as left by the command)."""
    people = 1_000 if quick else PEOPLE
    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env.update(SPIE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(root))
    with tempfile.TemporaryDirectory(prefix="spie-bench-demo-") as tmp:
        data_dir = Path(tmp) / "device"
        command = [sys.executable, "-m", "spie_desktop", "demo", "--people", str(people)]
        command += ["--seed", "1", "--territory", "12", "--data-dir", str(data_dir)]
        cpu_before = _children_cpu()
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=root)
        elapsed = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if result.returncode != 0:
            raise RuntimeError(f"demo --people {people} failed (exit {result.returncode})")
        wal = data_dir / "store.db-wal"
        size = (data_dir / "store.db").stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        everything = _size(data_dir)
        tables = _breakdown(data_dir)
    how = f"demo store of {people:,} people, store.db + WAL"
    parts = []
    if tables:
        parts.append(
            figure(
                "store_size.answers_bytes_per_person",
                "B",
                [tables.get("answers", 0) / people],
                informational=True,
                note="answers and their indexes; largest tables: " + largest(tables, people),
            )
        )
    return [
        figure("store_size.bytes_per_person_on_disk", "B", [size / people], note=how),
        *parts,
        figure(
            "store_size.data_dir_bytes_per_person", "B", [everything / people], informational=True
        ),
        figure(f"demo.build_{people}_people_s", "s", [elapsed], informational=True),
        figure(f"demo.build_{people}_people_cpu_s", "s", [cpu], informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


def _breakdown(data_dir: Path) -> dict[str, int] | None:
    """Bytes by table of the demo store (one more Argon2id derivation to get its key)."""
    from spie_desktop.storage.keyslots import KeySlots

    slots = KeySlots.load(data_dir / "keyslots.json")
    key = slots.unlock(slots.accounts()[0].account_id, PASSPHRASE)
    return bytes_by_table(data_dir / "store.db", key)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
