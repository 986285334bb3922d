"""What one sync cycle costs the server in CPU, not in wall time.

The machine is shared (a load generator, other work): a latency says how long a request
waited, not what it cost. Here one device pushes and pulls on its own, back to back, and the
CPU time (user + system, from ``/proc``) of the server's processes and of PostgreSQL's is
read before and after: their difference over a few hundred requests is the cost of one.
Linux only (``/proc``); the figures are then left out.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

PROC = Path("/proc")
#: Clock ticks per second of ``/proc/<pid>/stat``'s utime and stime.
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of ``pid``, or None if it is gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces: the fields after it follow its last ')'.
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu_s(roots: Iterable[int]) -> float:
    """CPU seconds used so far by ``roots`` and every process below them."""
    parent_of: dict[int, int] = {}
    cpu_of: dict[int, float] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            found = _stat(int(entry.name))
            if found is not None:
                parent_of[int(entry.name)], cpu_of[int(entry.name)] = found
    wanted = set(roots)
    grown = True
    while grown:
        below = {pid for pid, parent in parent_of.items() if parent in wanted} - wanted
        wanted |= below
        grown = bool(below)
    return sum(cpu_of.get(pid, 0.0) for pid in wanted)


def postmaster_pid(data_dir: Path) -> int:
    """The PostgreSQL cluster's postmaster (first line of ``postmaster.pid``)."""
    return int((data_dir / "postmaster.pid").read_text().split()[0])


@dataclass(frozen=True)
class CycleCost:
    """CPU milliseconds per request: the server's processes, PostgreSQL's."""

    push_server_ms: float
    push_database_ms: float
    pull_server_ms: float
    pull_database_ms: float


def measure_cpu(
    server: int, database: int, requests: int, send: Callable[[int], None]
) -> tuple[float, float]:
    """CPU ms per request of the server's tree and the database's, over ``requests`` calls
    of ``send`` (one request each, answered before it returns)."""
    before = tree_cpu_s([server]), tree_cpu_s([database])
    for n in range(requests):
        send(n)
    after = tree_cpu_s([server]), tree_cpu_s([database])
    return (
        (after[0] - before[0]) * 1000 / requests,
        (after[1] - before[1]) * 1000 / requests,
    )


def cycle_cost(
    base: str,
    headers: dict[str, str],
    pids: tuple[int, int],
    make_changes: Callable[[int], list[dict[str, Any]]],
    cycles: int = 300,
) -> CycleCost:
    """One device, alone: ``cycles`` pushes of ``make_changes(n)``, then ``cycles`` pulls
    of the first page of 50 (the crowd's cycle, bench_server), each timed in CPU."""
    server, database = pids
    with httpx.Client(base_url=base, timeout=120, headers=headers) as client:

        def push(n: int) -> None:
            body = {"batch_id": str(uuid.uuid4()), "changes": make_changes(n)}
            client.post("/v1/push", json=body).raise_for_status()

        def pull(_n: int) -> None:
            client.get("/v1/changes", params={"since": 0, "limit": 50}).raise_for_status()

        for n in range(10):  # warm: compiled statements, the pool's connections, the keys
            push(10**7 + n)
            pull(n)
        time.sleep(0.2)
        push_cost = measure_cpu(server, database, cycles, push)
        pull_cost = measure_cpu(server, database, cycles, pull)
    return CycleCost(*push_cost, *pull_cost)
