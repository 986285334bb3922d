"""The page as the server wires it: figures computed from the territory's own records
(``spie_server.indicators.table_for_territory``), suppressed, and nothing of another territory."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import select

from spie_server.dashboard.periods import choose_period, months_of
from spie_server.dashboard.table_source import today
from spie_server.db import session_scope
from spie_server.models import Record, Territory, utc_now
from spie_server.sealing import keys_for
from spie_server.settings import RateLimit, Settings
from tests.server.dashboard.helpers import Dashboard, login, start_dashboard
from tests.server.helpers import Admin


@pytest.fixture(scope="module")
def served(
    backend: str,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Dashboard]:
    data_dir = tmp_path_factory.mktemp(f"dashboard-real-{backend}")
    settings = Settings(data_dir, database_url_factory(backend), RateLimit(1000, 1000))
    running = start_dashboard(settings, data_dir, fake=False)
    try:
        yield running
    finally:
        running.stop()


_SEQ = iter(range(2_000_000, 3_000_000))


def _push_evaluations(served: Dashboard, code: str, structure: str, count: int) -> None:
    """``count`` people's evaluations this month, stored sealed as a device's push leaves them."""
    period = choose_period(None, today())
    assert period is not None
    month = months_of(period)[0]
    with session_scope(served.engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == code))
        assert territory_id is not None
        key = keys_for(session, territory_id)
        for n in range(count):
            entity_id = uuid.uuid4()
            doc: dict[str, Any] = {
                "structure": structure,
                "month": month,
                "step": "interview",
                "token": secrets.token_urlsafe(16),
                "answers": {"clear": 4, "listened": 3, "agree": 4, "useful": 3},
                "wants_groups": n % 2 == 0,
            }
            session.add(
                Record(
                    territory_id=territory_id,
                    entity="evaluations",
                    entity_id=entity_id,
                    version=1,
                    doc=key.seal_doc("evaluations", entity_id, 1, doc),
                    deleted=False,
                    hlc=f"h{n}",
                    seq=next(_SEQ),
                    updated_at=utc_now(),
                    owner_structure=structure,
                )
            )


def test_the_page_shows_the_territorys_own_computed_figures(served: Dashboard) -> None:
    admin = Admin(served.engine, served.settings)
    a, b = admin.territory(), admin.territory()
    _push_evaluations(served, a, "Maison de A", 6)
    _push_evaluations(served, b, "Maison de B", 7)
    manager = served.manager(a, "m-" + uuid.uuid4().hex[:10])
    with served.client() as client:
        assert login(client, manager).status_code == 303
        page = client.get("/indicators").text
    assert "Aucune donnée" not in page
    assert "Maison de A" in page and "Maison de B" not in page and b not in page
    evaluations_row = page.split("Évaluations remplies</th>", 1)[1].split("</tr>", 1)[0]
    assert "<td>6</td>" in evaluations_row and "<td>7</td>" not in evaluations_row


def test_a_small_structure_is_masked_with_the_cell_that_would_give_it_away(
    served: Dashboard,
) -> None:
    admin = Admin(served.engine, served.settings)
    territory = admin.territory()
    _push_evaluations(served, territory, "Grande maison", 6)
    _push_evaluations(served, territory, "Petite maison", 3)
    manager = served.manager(territory, "m-" + uuid.uuid4().hex[:10])
    with served.client() as client:
        assert login(client, manager).status_code == 303
        page = client.get("/indicators").text
    evaluations_row = page.split("Évaluations remplies</th>", 1)[1].split("</tr>", 1)[0]
    assert "<td>9</td>" in evaluations_row  # the territory's total stays published
    by_structure = page.split("L&#x27;évaluation par les personnes — par structure", 1)[1]
    for structure in ("Grande maison", "Petite maison"):
        row = by_structure.split(f"{structure}</th>", 1)[1].split("</tr>", 1)[0]
        assert row.startswith('<td><span class="secret">secret</span></td>')
