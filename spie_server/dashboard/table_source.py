"""Where the page gets its figures: one provider function held in the app's state, so that the
page never computes figures itself and a test can hand it a table of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import Engine
from starlette.requests import Request

from spie_protocol.indicators.table import IndicatorTable

#: (engine, territory code, first day, last day) → the territory's suppressed table.
TableProvider = Callable[[Engine, str, date, date], IndicatorTable]


def table_provider(request: Request) -> TableProvider:
    provider: TableProvider = request.app.state.indicator_table
    return provider


def today() -> date:
    return datetime.now(UTC).date()


def empty_table(_engine: Engine, territory: str, start: date, end: date) -> IndicatorTable:
    """A table with no cells: the page then says there is no data for the period."""
    return IndicatorTable(territory, start, end)
