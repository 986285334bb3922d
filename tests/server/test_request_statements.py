"""What one sync request costs PostgreSQL in statements (round trips), counted on a real
server: the authentication reads the device and its territory's data key together, and new
orphans have no earlier rows to replace, so a pull of a page is four statements and a push of
20 new answers (their interview not received yet) ten, whatever their number. Each statement
saved is a round trip and a parse on every request of every device."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event

from spie_server.settings import Settings
from tests.server.conftest import GENEROUS
from tests.server.helpers import Admin, RunningServer, change, enrolled, start_server

#: Authenticate (device + data key), ops and batch seen before, the records' current state,
#: purged ids, the records hidden from the device, claim and draw, the people of the records,
#: insert the records, the orphans noted (new: nothing to replace), history + ops + batch.
PUSH_STATEMENTS = 10
#: Authenticate (device + data key), the watermark, the records, the unshare notices.
PULL_STATEMENTS = 4


@pytest.fixture(scope="module")
def pg_server(
    database_url_factory: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    settings = Settings(
        tmp_path_factory.mktemp("server-statements"), database_url_factory("postgresql"), GENEROUS
    )
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()


def test_a_push_and_a_pull_take_few_statements(pg_server: RunningServer) -> None:
    admin = Admin(pg_server.engine, pg_server.settings)
    territory = admin.territory()
    statements: list[str] = []

    def note(*args: Any) -> None:
        statements.append(str(args[2]))

    with enrolled(pg_server.base_url, admin, territory) as device:
        interview = change("interviews")["entity_id"]
        answers = [
            change("answers", fields={"interview_id": interview, "key": f"q{n}", "value": "x"})
            for n in range(20)
        ]
        device.push_ok([change("counsellors", fields={"display_name": "C", "field": "social"})])
        device.pull(0, 50)  # the device's last_seen_at is written at most every 30 s
        event.listen(pg_server.engine, "before_cursor_execute", note)
        try:
            results = device.push_ok(answers)
            pushed = list(statements)
            statements.clear()
            page = device.pull(0, 50)
            pulled = list(statements)
        finally:
            event.remove(pg_server.engine, "before_cursor_execute", note)
    assert [r["status"] for r in results] == ["applied"] * 20
    assert len(page["changes"]) == 21
    assert len(pushed) <= PUSH_STATEMENTS, "\n".join(pushed)
    assert len(pulled) <= PULL_STATEMENTS, "\n".join(pulled)
