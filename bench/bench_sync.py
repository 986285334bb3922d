"""Sync over loopback and over an emulated 2G link: time, bytes and requests on the wire.

A real spie-server (SQLite, in a thread) on 127.0.0.1, real enrolled device stores, and the
fault proxy of the sync tests as the link: ~100 kbit/s each way, 600 ms per round trip, 2 %
of exchanges cut part-way. Twenty new interviews (realistic answers from the form engine),
each with its action plan:

1. *structured data*: interviews and draft plans, no PDF — bytes per interview on the wire,
   time over loopback and over the 2G link;
2. *push and pull over 2G* (bench/sync_link.py): the same twenty with every plan signed
   (handwritten signatures, PAdES PDF) pushed by one device and pulled by another — time,
   bytes each way, requests, connections, retries; and 200 interviews queued after a week
   offline, the same way. Each against ``1.3 × (bytes ÷ bandwidth) + RTT × requests``.

Returns figures (bench/figures.py); asserts nothing. Targets: bench/targets.toml [sync]; the
bytes on the wire are compared with the raw JSON of the same records in the same run.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.figures import Figure, figure, print_figures
from bench.sync_apply import measure_apply
from bench.sync_devices import (
    BANDWIDTH_BPS,
    INTERVIEWS,
    PASSPHRASE,
    SLOW,
    Server,
    fill,
    new_device,
    raw_json_bytes,
)
from bench.sync_link import Leg, Trip, over_ideal, push_then_pull
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.progress import SyncReport
from tests.sync.fault_proxy import FaultProxy, LinkShape

__all__ = ["BANDWIDTH_BPS", "PASSPHRASE", "SLOW", "Server", "figures"]

WEEK_OFFLINE = 200  # interviews queued after a week offline
WEEK_OFFLINE_QUICK = 40
RATIO_NOTE = "(time − RTT × requests) ÷ (bytes ÷ bandwidth), push + pull"


def run(
    server: Server,
    root: Path,
    *,
    signed: bool,
    shape: LinkShape | None,
    count: int = INTERVIEWS,
) -> tuple[SyncReport, FaultProxy, float, int]:
    """One device's first sync of ``count`` new interviews: the report, the proxy's counts,
    the seconds it took and the raw JSON bytes of the records it pushed."""
    proxy = FaultProxy(server.port, shape=shape, seed=3)
    session = new_device(root, server, proxy.url)
    try:
        fill(session, signed, count=count)
        raw = raw_json_bytes(session)
        proxy.stats.bytes_up = proxy.stats.bytes_down = proxy.stats.requests = 0
        started = time.perf_counter()
        report = sync_now(session, options=SyncOptions(stall_timeout_s=30))
        return report, proxy, time.perf_counter() - started, raw
    finally:
        session.close()
        proxy.close()


MEASURES = (
    "sync.push_20_interviews_2g_s",
    "sync.wire_kb_per_interview",
    "sync.link_time_over_ideal",
    "sync.apply_records_per_s",
    "sync.sync_20_interviews_2g_over_ideal",
    "sync.week_offline_200_interviews_2g_over_ideal",
)


def _over_ideal(seconds: float, proxy: FaultProxy) -> float:
    """(time − one RTT per request) ÷ (bytes ÷ bandwidth): the target's bound, as a ratio."""
    wire = proxy.stats.bytes_up + proxy.stats.bytes_down
    return (seconds - proxy.stats.requests * SLOW.rtt_s) / (wire * 8 / BANDWIDTH_BPS)


def figures(quick: bool) -> list[Figure]:
    """Loopback (bytes on the wire vs the raw JSON of the same records), the structured push
    over 2G, and the two push-then-pull trips over 2G (bench/sync_link.py). A quick run
    queues 40 interviews for the week offline, not 200."""
    loops, slow, trips = (1, 1, 1) if quick else (3, 3, 2)
    week = WEEK_OFFLINE_QUICK if quick else WEEK_OFFLINE
    wire_kb: list[float] = []
    raw_kb: list[float] = []
    loop_s: list[float] = []
    slow_s: list[float] = []
    requests: list[float] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-sync-") as tmp:
        root = Path(tmp)
        server = Server(root / "server")
        try:
            for n in range(loops):
                report, proxy, seconds, raw = run(server, root / f"l{n}", signed=False, shape=None)
                failures += [] if report.ok else [str(report.error_en)]
                wire = proxy.stats.bytes_up + proxy.stats.bytes_down
                wire_kb.append(wire / INTERVIEWS / 1024)
                raw_kb.append(raw / INTERVIEWS / 1024)
                loop_s.append(seconds)
            for n in range(slow):
                report, proxy, seconds, _ = run(server, root / f"s{n}", signed=False, shape=SLOW)
                failures += [] if report.ok else [str(report.error_en)]
                slow_s.append(seconds)
                requests.append(proxy.stats.requests)
            twenty = [
                push_then_pull(server, root / f"t{n}", INTERVIEWS, 3 + n) for n in range(trips)
            ]
            offline = [push_then_pull(server, root / "week", week, 11)]
        finally:
            server.stop()
    failures += [leg.error for trip in twenty + offline for leg in trip.legs if leg.error]
    note = f"{len(failures)} failed syncs: {failures[0]}" if failures else ""
    push_legs = [trip.push for trip in twenty]
    return [
        figure(
            "sync.wire_kb_per_interview",
            "KB",
            wire_kb,
            comparison=("raw JSON", raw_kb),
            note="both directions, loopback; comparison: the same records as plain JSON",
        ),
        figure("sync.push_20_interviews_2g_s", "s", slow_s, note=note),
        figure(
            "sync.link_time_over_ideal",
            "×",
            [_leg_over_ideal(leg) for leg in push_legs],
            note="push of 20 interviews with signed plans, (time − RTT × requests) ÷ "
            "(bytes ÷ bandwidth)",
        ),
        figure("sync.push_20_interviews_loopback_s", "s", loop_s, informational=True),
        figure("sync.push_20_interviews_2g_requests", "", requests, informational=True),
        apply_figure(quick),
        figure(
            "sync.sync_20_interviews_2g_over_ideal",
            "×",
            [trip.over_ideal() for trip in twenty],
            note=RATIO_NOTE + (f"; {note}" if note else ""),
        ),
        *_trip_figures("sync.sync_20_interviews_2g", twenty, note),
        figure(
            "sync.week_offline_200_interviews_2g_over_ideal",
            "×",
            [trip.over_ideal() for trip in offline],
            note=RATIO_NOTE
            + (f"; quick run: {week} interviews, not {WEEK_OFFLINE}" if quick else ""),
        ),
        *_trip_figures("sync.week_offline_200_interviews_2g", offline, note),
    ]


def apply_figure(quick: bool) -> Figure:
    """Pulled records applied per second of CPU (bench/sync_apply.py): the work is CPU-bound;
    the wall clock of a shared machine mostly measures waiting for a core, given in the note."""
    run = measure_apply(quick)
    wall = run.per_wall_s
    return figure(
        "sync.apply_records_per_s",
        "records/s",
        run.per_cpu_s,
        note=f"{run.records} records in pages of 500 (20 interviews, signed plans), per second "
        f"of the process's CPU; wall clock {min(wall):.0f}–{max(wall):.0f}/s on a shared machine",
    )


def _leg_over_ideal(leg: Leg) -> float:
    return over_ideal(leg.seconds, leg.bytes, leg.requests)


def _trip_figures(name: str, trips: list[Trip], note: str) -> list[Figure]:
    """What a trip's ratio to the bound is made of (informational)."""
    last = trips[-1]
    paths = "; ".join(
        f"{which} " + ", ".join(f"{path} ×{n}" for path, n in sorted(leg.by_path.items()))
        for which, leg in (("push:", last.push), ("pull:", last.pull))
    )
    return [
        figure(f"{name}_s", "s", [t.seconds for t in trips], informational=True, note=note),
        figure(
            f"{name}_kb_up",
            "KB",
            [sum(leg.bytes_up for leg in t.legs) / 1024 for t in trips],
            informational=True,
            note="device → server, both syncs, HTTP heads included",
        ),
        figure(
            f"{name}_kb_down",
            "KB",
            [sum(leg.bytes_down for leg in t.legs) / 1024 for t in trips],
            informational=True,
        ),
        figure(f"{name}_requests", "", [t.requests for t in trips], informational=True, note=paths),
        figure(
            f"{name}_connections",
            "",
            [sum(leg.connections for leg in t.legs) for t in trips],
            informational=True,
            note="each costs two more round trips (TCP, TLS)",
        ),
        figure(
            f"{name}_retries",
            "",
            [sum(leg.retries for leg in t.legs) for t in trips],
            informational=True,
            note="cut exchanges: " + ", ".join(str(sum(leg.cuts for leg in t.legs)) for t in trips),
        ),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
