"""What laptops sync is sealed on the server: its database file holds none of the names."""

from __future__ import annotations

from tests.server.dump import database_dump, readable_in
from tests.server.helpers import RunningServer
from tests.sync.conftest import Laptop, converged


def test_a_synced_interview_leaves_no_name_in_the_server_database(
    make_laptop, sync_server: RunningServer
) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    a.add_interview("Zorglubine", "Quillebeufaz")
    assert a.sync().ok
    report = b.sync()
    assert report.ok, report.error_en
    assert report.pulled["people"] == 1
    assert converged(a, b)

    dump = database_dump(sync_server.settings.database_url)

    for secret in (b"Zorglubine", b"Quillebeufaz", "réponse 0 de Zorglubine".encode()):
        assert not readable_in(dump, secret)
