"""Two devices over the emulated 2G link: one pushes new interviews, the other pulls them.

The link is the fault proxy of the sync tests (tests/sync/fault_proxy.py): ~100 kbit/s each
way, 600 ms per round trip, 2 % of exchanges cut part-way, and — as on a real link — two more
round trips to open a connection (TCP, then TLS 1.3), which HTTP keep-alive saves: the proxy
keeps the client's connection between requests. Both devices are enrolled in one territory
and structure and have synced once before (their own set-up records are through), so what is
measured is the new interviews crossing the link, up then down.

Not a benchmark itself: bench_sync reads it. The bound the target states is
``time ≤ 1.3 × (bytes ÷ bandwidth) + RTT × requests``; the figure is its ratio,
``(time − RTT × requests) ÷ (bytes ÷ bandwidth)``, with the bytes both ways (HTTP heads
included) and every request of both syncs, retries and cut ones included.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.sync_devices import BANDWIDTH_BPS, Server, fill, new_device
from spie_desktop.storage.session import Session
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.progress import SyncReport
from spie_desktop.sync.retry import RetryPolicy
from tests.sync.fault_proxy import FaultProxy, LinkShape

RTT_S = 0.6
LINK_2G = LinkShape(bandwidth_bps=BANDWIDTH_BPS, rtt_s=RTT_S, cut_share=0.02, handshake_rtts=2)


@dataclass
class Leg:
    """One device's sync over the link."""

    seconds: float
    bytes_up: int
    bytes_down: int
    requests: int
    connections: int
    retries: int
    cuts: int
    by_path: Counter[str] = field(default_factory=Counter)
    error: str = ""

    @property
    def bytes(self) -> int:
        return self.bytes_up + self.bytes_down


@dataclass
class Trip:
    """New interviews pushed by one device, then pulled by another."""

    push: Leg
    pull: Leg

    @property
    def legs(self) -> tuple[Leg, Leg]:
        return self.push, self.pull

    @property
    def seconds(self) -> float:
        return sum(leg.seconds for leg in self.legs)

    @property
    def requests(self) -> int:
        return sum(leg.requests for leg in self.legs)

    def over_ideal(self) -> float:
        return over_ideal(self.seconds, sum(leg.bytes for leg in self.legs), self.requests)


def over_ideal(seconds: float, wire_bytes: int, requests: int) -> float:
    """(time − RTT × requests) ÷ (bytes ÷ bandwidth): the target's bound, as a ratio."""
    return (seconds - requests * RTT_S) / (wire_bytes * 8 / BANDWIDTH_BPS)


def requests_by_path(requests: list[bytes]) -> Counter[str]:
    """``METHOD /path`` of each request (query left out, a blob's hash as ``{sha256}``)."""
    counted: Counter[str] = Counter()
    for request in requests:
        method, target = request.split(b" ", 2)[:2]
        parts = target.decode("latin-1").split("?")[0].split("/")
        path = "/".join("{sha256}" if len(p) == 64 else p for p in parts)
        counted[f"{method.decode()} {path}"] += 1
    return counted


def push_then_pull(
    server: Server, root: Path, count: int, seed: int, link: LinkShape = LINK_2G
) -> Trip:
    """Device A records ``count`` signed interviews offline and syncs over ``link``; device B
    then syncs over it too."""
    proxy = FaultProxy(server.port, shape=LinkShape(), seed=seed, keep_alive=True)
    territory = server.territory()
    a = new_device(root / "a", server, proxy.url, territory)
    b = new_device(root / "b", server, proxy.url, territory)
    try:
        for device in (a, b):  # their own set-up records, over an ideal link
            _sync(device)
        fill(a, signed=True, count=count)
        proxy.shape = link
        return Trip(_leg(a, proxy), _leg(b, proxy))
    finally:
        a.close()
        b.close()
        proxy.close()


def _leg(session: Session, proxy: FaultProxy) -> Leg:
    stats = proxy.stats
    before = (
        stats.bytes_up,
        stats.bytes_down,
        stats.requests,
        stats.connections,
        len(proxy.requests),
    )
    cuts_before = sum(stats.faults.values())
    retry = RetryPolicy()
    report, seconds = _sync(session, retry)
    return Leg(
        seconds=seconds,
        bytes_up=stats.bytes_up - before[0],
        bytes_down=stats.bytes_down - before[1],
        requests=stats.requests - before[2],
        connections=stats.connections - before[3],
        retries=retry.used,
        cuts=sum(stats.faults.values()) - cuts_before,
        by_path=requests_by_path(proxy.requests[before[4] :]),
        error="" if report.ok else str(report.error_en),
    )


def _sync(session: Session, retry: RetryPolicy | None = None) -> tuple[SyncReport, float]:
    options = SyncOptions(stall_timeout_s=30, retry=retry or RetryPolicy())
    started = time.perf_counter()
    report = sync_now(session, options=options)
    return report, time.perf_counter() - started
