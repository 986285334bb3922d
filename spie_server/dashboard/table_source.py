"""Where the page gets its figures: one provider function held in the app's state —
:func:`territory_table` behind a :class:`~.table_cache.CachedTables` unless ``create_app``
is given another — so that the page never
computes figures itself and a test can hand it a table of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from starlette.requests import Request

from spie_protocol.indicators.table import IndicatorTable
from spie_server.db import session_scope
from spie_server.indicators.table import table_for_territory

#: (engine, territory code, first day, last day) → the territory's suppressed table.
TableProvider = Callable[[Engine, str, date, date], IndicatorTable]


def table_provider(request: Request) -> TableProvider:
    provider: TableProvider = request.app.state.indicator_table
    return provider


def today() -> date:
    return datetime.now(UTC).date()


def territory_table(engine: Engine, territory: str, start: date, end: date) -> IndicatorTable:
    """The territory's figures computed from its records, suppressed (the server's one
    way to a publishable table, as ``spie-server indicators export`` writes it)."""
    with session_scope(engine) as session:
        return table_for_territory(session, territory, start, end)
