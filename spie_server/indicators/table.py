"""``table_for_territory``: a territory's indicator table for a period, ready to publish.

The facts come from the territory's records (:mod:`.facts`), the figures from the shared
computation (``spie_protocol.indicators.compute``, the one the devices run), and every table
goes through :func:`publishable` before it leaves the server: small-cell and secondary
suppression (``spie_protocol.indicators.suppression``, the rules the national merge applies
again).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from spie_protocol.indicators.compute import compute
from spie_protocol.indicators.suppression import suppress
from spie_protocol.indicators.table import IndicatorTable
from spie_server.territory.territories import get_territory

from .facts import facts_for_territory


def computed_table(
    db: Session, territory_code: str, start: date, end: date, *, today: date | None = None
) -> IndicatorTable:
    """The territory's figures for [start, end] as computed, before suppression (never to
    be shown or written as is). An unknown code raises ``ApiError`` (unknown_territory)."""
    territory = get_territory(db, territory_code)
    people, evaluations = facts_for_territory(db, territory.id, start, end, today=today)
    return compute(territory.code, start, end, people, evaluations)


def table_for_territory(
    db: Session, territory_code: str, start: date, end: date, *, today: date | None = None
) -> IndicatorTable:
    """The territory's figures for [start, end], suppressed: what may be published."""
    return publishable(computed_table(db, territory_code, start, end, today=today))


def publishable(table: IndicatorTable) -> IndicatorTable:
    """The one place a computed table is made fit to leave the server (small cells and the
    cells that would give them away suppressed)."""
    return suppress(table)
