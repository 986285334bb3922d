"""What one sync request costs PostgreSQL in statements (round trips), counted on a real
server: the authentication reads the device and its territory's data key together, and new
orphans have no earlier rows to replace, so a pull of a page is four statements and a push of
20 new answers (their interview not received yet) ten, whatever their number. Each statement
saved is a round trip and a parse on every request of every device."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from tests.server.helpers import Admin, RunningServer, change, enrolled

#: Authenticate (device + data key), ops and batch seen before, the records' current state,
#: purged ids, the records hidden from the device, claim and draw, the people of the records,
#: insert the records, the orphans noted (new: nothing to replace), history + ops + batch.
PUSH_STATEMENTS = 10
#: Authenticate (device + data key), the watermark, the records, the unshare notices.
PULL_STATEMENTS = 4


def test_a_push_and_a_pull_take_few_statements(postgresql_server: RunningServer) -> None:
    admin = Admin(postgresql_server.engine, postgresql_server.settings)
    territory = admin.territory()
    statements: list[str] = []

    def note(*args: Any) -> None:
        statements.append(str(args[2]))

    with enrolled(postgresql_server.base_url, admin, territory) as device:
        interview = change("interviews")["entity_id"]
        answers = [
            change("answers", fields={"interview_id": interview, "key": f"q{n}", "value": "x"})
            for n in range(20)
        ]
        device.push_ok([change("counsellors", fields={"display_name": "C", "field": "social"})])
        device.pull(0, 50)  # the device's last_seen_at is written at most every 30 s
        event.listen(postgresql_server.engine, "before_cursor_execute", note)
        try:
            results = device.push_ok(answers)
            pushed = list(statements)
            statements.clear()
            page = device.pull(0, 50)
            pulled = list(statements)
        finally:
            event.remove(postgresql_server.engine, "before_cursor_execute", note)
    assert [r["status"] for r in results] == ["applied"] * 20
    assert len(page["changes"]) == 21
    assert len(pushed) <= PUSH_STATEMENTS, "\n".join(pushed)
    assert len(pulled) <= PULL_STATEMENTS, "\n".join(pulled)


def test_a_push_or_a_pull_builds_no_statement_anew(postgresql_server: RunningServer) -> None:
    """Building a SQLAlchemy statement and keying its compiled cache costs more Python than
    PostgreSQL spends on a lookup: a push's and a pull's statements are either built once and
    reused (the same objects request after request) or plain SQL texts sent to the driver."""
    admin = Admin(postgresql_server.engine, postgresql_server.settings)
    territory = admin.territory()
    executed: list[object] = []

    def note(_conn: Any, clause: object, *_args: Any) -> None:
        executed.append(clause)

    def answers() -> list[dict[str, Any]]:
        interview = change("interviews")["entity_id"]
        return [
            change("answers", fields={"interview_id": interview, "key": f"q{n}", "value": "x"})
            for n in range(20)
        ]

    with enrolled(postgresql_server.base_url, admin, territory) as device:
        device.pull(0, 50)  # the device's last_seen_at is written at most every 30 s
        event.listen(postgresql_server.engine, "before_execute", note)
        try:
            device.push_ok(answers())
            first = list(executed)
            executed.clear()
            device.push_ok(answers())
            pushed = list(executed)
            executed.clear()
            device.pull(0, 50)
            pulled = list(executed)
            executed.clear()
            device.pull(0, 50)
            repulled = list(executed)
        finally:
            event.remove(postgresql_server.engine, "before_execute", note)
    built_again = [
        str(clause)
        for again, once in ((pushed, first), (repulled, pulled))
        for clause in again
        if not isinstance(clause, str) and not any(clause is seen for seen in once)
    ]
    assert not built_again, "\n\n".join(built_again)
