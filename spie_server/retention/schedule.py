"""The daily retention run while the server runs: a background task of the app's lifespan.

Off unless the settings give an interval (``SPIE_SERVER_RETENTION_EVERY_HOURS``, default 24
for ``spie-server run``; tests leave it unset). Each run logs counts only, never an id or a
name; a failed run is logged and the next one tries again.

Every server process (each uvicorn worker, each host on the same database) has this task, so
a run is claimed in the database first (table ``scheduled_runs``): the process that finds no
run started within the interval takes it and the others skip theirs, and N processes run
retention once a period instead of N times at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from sqlalchemy import Engine, update
from sqlalchemy.exc import IntegrityError

from spie_server.db import session_scope
from spie_server.logs import log_event
from spie_server.models import ScheduledRun, utc_now
from spie_server.retention.run import RetentionReport, run_retention

RETENTION_JOB = "retention"
#: Another host's clock may run a little ahead: a run started this share of the interval ago
#: counts as due, so no period is skipped for a few minutes of skew.
_SKEW = 0.01


def run_once(engine: Engine) -> RetentionReport:
    with session_scope(engine) as session:
        report = run_retention(session)
    log_event("retention_run", people=len(report.due), records=report.records)
    return report


def claim_run(engine: Engine, job: str, interval: timedelta) -> bool:
    """True for the one process that may start ``job`` now: none started it within
    ``interval`` (the row is updated only if older, which one transaction at a time wins)."""
    now = utc_now()
    with session_scope(engine) as session:
        taken = session.execute(
            update(ScheduledRun)
            .where(
                ScheduledRun.name == job, ScheduledRun.started_at <= now - interval * (1 - _SKEW)
            )
            .values(started_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return True
        if session.get(ScheduledRun, job) is not None:
            return False
    try:
        with session_scope(engine) as session:
            session.add(ScheduledRun(name=job, started_at=now))
    except IntegrityError:
        return False  # another process wrote the first row just now: its run
    return True


def run_if_due(engine: Engine, hours: float) -> RetentionReport | None:
    """Run retention unless another process started it less than ``hours`` ago."""
    if not claim_run(engine, RETENTION_JOB, timedelta(hours=hours)):
        log_event("retention_run_skipped")
        return None
    return run_once(engine)


async def every(
    hours: float, engine: Engine, run: Callable[[Engine], object] | None = None
) -> None:
    """Run retention now, then every ``hours``, until cancelled (once among all processes)."""
    job = run or partial(run_if_due, hours=hours)
    while True:
        try:
            await asyncio.to_thread(job, engine)
        except Exception as error:  # noqa: BLE001 - the server goes on; the next run retries
            log_event("retention_run_failed", error=type(error).__name__)
        await asyncio.sleep(hours * 3600)
