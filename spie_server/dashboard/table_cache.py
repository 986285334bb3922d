"""The dashboard's published tables, kept per (territory, period) until the territory's
records change.

Reading a territory's records takes tens of seconds for 100,000 people (README, « Tableau de
bord »); the page must not pay it on every visit. A table is kept with the **stamp** it was
computed at — the territory's highest record sequence number (every push, administrator's
restore and purge takes a new one: ``sync/sequence.py``), its offer catalogue's sequence
(thématiques come from it) and the territory's day (a period ends today; an action starts on a
day) — and served as long as the stamp read at the visit is the same. Reading the stamp is two
index look-ups (``ix_records_territory_seq``, the offer counter's primary key).

The cache lives in the process's memory: each server process (each uvicorn worker) keeps its
own, and computes a table the first time one of its visitors asks for it after a change. Only
published (suppressed) tables are kept, never facts. Visitors asking for the same table while
it is computed wait for that one computation instead of starting their own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from spie_protocol.indicators.table import IndicatorTable
from spie_server.db import session_scope
from spie_server.models import OfferCounter, Record, Territory
from spie_server.retention.local_calendar import local_day, territory_zone

#: Tables kept at most (3 periods of every territory of a large server fit).
MAX_TABLES = 256

#: (engine, territory code, first day, last day) → the territory's suppressed table.
Compute = Callable[[Engine, str, date, date], IndicatorTable]


@dataclass(frozen=True)
class Stamp:
    """What a territory's figures depend on besides the period."""

    records_seq: int
    offers_seq: int
    day: date


def read_stamp(session: Session, territory: str) -> Stamp | None:
    """The territory's stamp now; None for an unknown territory (nothing to keep)."""
    territory_id = session.scalar(select(Territory.id).where(Territory.code == territory))
    if territory_id is None:
        return None
    records_seq = session.scalar(
        select(func.max(Record.seq)).where(Record.territory_id == territory_id)
    )
    offers_seq = session.scalar(
        select(OfferCounter.value).where(OfferCounter.territory_id == territory_id)
    )
    day = local_day(datetime.now(UTC), territory_zone(territory))
    return Stamp(records_seq or 0, offers_seq or 0, day)


@dataclass
class _Kept:
    stamp: Stamp
    table: IndicatorTable


class CachedTables:
    """A table provider (``create_app``'s ``indicator_table``) that computes with ``compute``
    only when the territory's stamp changed since the table it keeps."""

    def __init__(self, compute: Compute) -> None:
        self._compute = compute
        self._kept: OrderedDict[tuple[str, date, date], _Kept] = OrderedDict()
        self._guard = threading.Lock()  # held briefly: the dict and the per-key locks
        self._computing: dict[tuple[str, date, date], threading.Lock] = {}
        self.computed = 0  # how many tables were computed (the bench and tests read it)

    def __call__(self, engine: Engine, territory: str, start: date, end: date) -> IndicatorTable:
        key = (territory, start, end)
        with self._guard:
            lock = self._computing.setdefault(key, threading.Lock())
        with lock:  # one computation per key at a time; the others wait and reuse it
            with session_scope(engine) as session:
                stamp = read_stamp(session, territory)
            with self._guard:
                kept = self._kept.get(key)
                if kept is not None and stamp is not None and kept.stamp == stamp:
                    self._kept.move_to_end(key)
                    return kept.table
            table = self._compute(engine, territory, start, end)
            with self._guard:
                self.computed += 1
                if stamp is not None:
                    self._kept[key] = _Kept(stamp, table)
                    self._kept.move_to_end(key)
                    while len(self._kept) > MAX_TABLES:
                        self._kept.popitem(last=False)
            return table
