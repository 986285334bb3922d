"""The page as the server wires it: figures computed from the territory's own records
(``spie_server.indicators.table_for_territory``), suppressed, and nothing of another territory."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest

from spie_server.settings import RateLimit, Settings
from tests.server.dashboard.helpers import Dashboard, login, push_evaluations, start_dashboard
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


def test_the_page_shows_the_territorys_own_computed_figures(served: Dashboard) -> None:
    admin = Admin(served.engine, served.settings)
    a, b = admin.territory(), admin.territory()
    push_evaluations(served, a, "Maison de A", 6)
    push_evaluations(served, b, "Maison de B", 7)
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
    push_evaluations(served, territory, "Grande maison", 6)
    push_evaluations(served, territory, "Petite maison", 3)
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
