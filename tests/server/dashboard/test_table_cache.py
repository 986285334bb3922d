"""The page's tables are kept until the territory's records change: a second visit with
nothing pushed computes nothing, a push in between shows its figures on the next visit."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, select

from spie_protocol.indicators.table import IndicatorTable
from spie_server.app import create_app
from spie_server.dashboard.table_cache import CachedTables
from spie_server.dashboard.table_source import territory_table
from spie_server.db import session_scope
from spie_server.models import OfferCounter, Territory
from spie_server.settings import RateLimit, Settings
from tests.server.dashboard.helpers import Dashboard, login, push_evaluations, start_dashboard
from tests.server.helpers import Admin


class CountingTables:
    """The server's own computation, counting the tables it computes per territory."""

    def __init__(self) -> None:
        self.computed: list[str] = []

    def __call__(self, engine: Engine, territory: str, start: date, end: date) -> IndicatorTable:
        self.computed.append(territory)
        return territory_table(engine, territory, start, end)


@pytest.fixture(scope="module")
def counting() -> CountingTables:
    return CountingTables()


@pytest.fixture(scope="module")
def served(
    backend: str,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
    counting: CountingTables,
) -> Iterator[Dashboard]:
    data_dir = tmp_path_factory.mktemp(f"dashboard-cache-{backend}")
    settings = Settings(data_dir, database_url_factory(backend), RateLimit(1000, 1000))
    running = start_dashboard(
        settings, data_dir, fake=False, indicator_table=CachedTables(counting)
    )
    try:
        yield running
    finally:
        running.stop()


def _evaluations_row(page: str) -> str:
    return page.split("Évaluations remplies</th>", 1)[1].split("</tr>", 1)[0]


def test_a_visit_with_nothing_pushed_is_served_from_the_cache_and_a_push_is_seen(
    served: Dashboard, counting: CountingTables
) -> None:
    admin = Admin(served.engine, served.settings)
    territory, other = admin.territory(), admin.territory()
    push_evaluations(served, territory, "Maison du cache", 6)
    manager = served.manager(territory, "m-" + uuid.uuid4().hex[:10])
    with served.client() as client:
        assert login(client, manager).status_code == 303
        first = client.get("/indicators").text
        assert counting.computed.count(territory) == 1
        assert "<td>6</td>" in _evaluations_row(first)

        second = client.get("/indicators").text
        assert counting.computed.count(territory) == 1  # nothing pushed: nothing computed
        assert _evaluations_row(second) == _evaluations_row(first)

        push_evaluations(served, other, "Ailleurs", 5)  # another territory's push
        client.get("/indicators")
        assert counting.computed.count(territory) == 1

        push_evaluations(served, territory, "Maison du cache", 2)
        third = client.get("/indicators").text
        assert counting.computed.count(territory) == 2
        assert "<td>8</td>" in _evaluations_row(third)

        client.get("/indicators?periode=annee")  # another period: a table of its own
        assert counting.computed.count(territory) == 3
        client.get("/indicators")
        assert counting.computed.count(territory) == 3


def test_a_change_of_the_offer_catalogue_or_of_the_day_computes_again(
    served: Dashboard, counting: CountingTables, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = Admin(served.engine, served.settings)
    territory = admin.territory()
    push_evaluations(served, territory, "Maison", 5)
    tables = CachedTables(counting)
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    tables(served.engine, territory, start, end)
    tables(served.engine, territory, start, end)
    assert counting.computed.count(territory) == 1
    with session_scope(served.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == territory))
        assert territory_id is not None
        counter = session.get(OfferCounter, territory_id)
        if counter is None:
            session.add(OfferCounter(territory_id=territory_id, value=1))
        else:
            counter.value += 1
    tables(served.engine, territory, start, end)
    assert counting.computed.count(territory) == 2

    import spie_server.dashboard.table_cache as table_cache

    real_day = table_cache.local_day
    monkeypatch.setattr(
        table_cache,
        "local_day",
        lambda instant, zone: date.fromordinal(real_day(instant, zone).toordinal() + 1),
    )
    tables(served.engine, territory, start, end)
    assert counting.computed.count(territory) == 3


def test_the_server_keeps_its_tables_by_default(served: Dashboard) -> None:
    app = create_app(served.settings, engine=served.engine)
    assert isinstance(app.state.indicator_table, CachedTables)
