"""The daily retention run while the server runs: a background task of the app's lifespan.

Off unless the settings give an interval (``SPIE_SERVER_RETENTION_EVERY_HOURS``, default 24
for ``spie-server run``; tests leave it unset). Each run logs counts only, never an id or a
name; a failed run is logged and the next one tries again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import Engine

from spie_server.db import session_scope
from spie_server.logs import log_event
from spie_server.retention.run import RetentionReport, run_retention


def run_once(engine: Engine) -> RetentionReport:
    with session_scope(engine) as session:
        report = run_retention(session)
    log_event("retention_run", people=len(report.due), records=report.records)
    return report


async def every(hours: float, engine: Engine, run: Callable[[Engine], object] = run_once) -> None:
    """Run retention now, then every ``hours``, until cancelled."""
    while True:
        try:
            await asyncio.to_thread(run, engine)
        except Exception as error:  # noqa: BLE001 - the server goes on; the next run retries
            log_event("retention_run_failed", error=type(error).__name__)
        await asyncio.sleep(hours * 3600)
