"""``spie-server retention run``: due files are purged and their tombstones pulled; a dry run
writes nothing; the territory's own months apply."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import update

from spie_server.admin.cli import main as server_cli
from spie_server.db import session_scope
from spie_server.models import Record
from spie_server.retention.run import run_retention
from spie_server.territory.territory_settings import set_retention_rules
from tests.server.dump import plain_tables_dump
from tests.server.helpers import Admin, DeviceClient, RunningServer, change

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
NAMES: dict[uuid.UUID, str] = {}


def event(person: uuid.UUID, kind: str, occurred_at: str) -> dict[str, Any]:
    return change(
        "follow_up_events",
        fields={"person_id": str(person), "kind": kind, "occurred_at": occurred_at},
    )


def person(
    first: str, created_at: str = "2026-11-27T10:00:00+00:00"
) -> tuple[uuid.UUID, dict[str, Any]]:
    pid = uuid.uuid4()
    # The server lives for the whole session: names say which test made them.
    name = f"{first}-{pid.hex[:8]}"
    NAMES[pid] = name
    return pid, change("people", pid, fields={"first_name": name, "created_at": created_at})


@pytest.fixture
def files(device: DeviceClient) -> dict[str, uuid.UUID]:
    """ended: support ended in January 2024; reopened: ended then reopened; active: seen last
    week; quiet: nothing since June 2023."""
    ended, p1 = person("Ended-Oksana")
    reopened, p2 = person("Reopened-Bertille")
    active, p3 = person("Active-Ibrahima")
    quiet, p4 = person("Quiet-Philomene", created_at="2023-01-01T10:00:00+00:00")
    results = device.push_ok(
        [
            p1,
            event(ended, "end_of_support", "2024-01-10T12:00:00+00:00"),
            p2,
            event(reopened, "end_of_support", "2024-01-10T12:00:00+00:00"),
            event(reopened, "support_reopened", "2024-02-01T12:00:00+00:00"),
            p3,
            event(active, "contact", "2026-11-28T09:00:00+00:00"),
            p4,
            event(quiet, "contact", "2023-06-01T09:00:00+00:00"),
        ]
    )
    assert {r["status"] for r in results} == {"applied"}
    return {"ended": ended, "reopened": reopened, "active": active, "quiet": quiet}


def test_a_dry_run_lists_the_due_files_and_writes_nothing(
    admin: Admin, territory: str, files: dict[str, uuid.UUID]
) -> None:
    before = plain_tables_dump(admin.engine)
    with session_scope(admin.engine) as session:
        report = run_retention(session, territory, dry_run=True, now=NOW)
    assert {(d.person_id, d.reason) for d in report.due} == {
        (files["ended"], "end_of_support"),
        (files["quiet"], "no_activity"),
    }
    assert report.records == 0
    assert plain_tables_dump(admin.engine) == before


def test_a_run_purges_the_due_files_and_every_device_pulls_the_tombstones(
    admin: Admin, territory: str, device: DeviceClient, files: dict[str, uuid.UUID]
) -> None:
    with session_scope(admin.engine) as session:
        report = run_retention(session, territory, now=NOW)
    assert report.records == 4  # two people and their follow-up events

    pulled = device.pull_all()
    people = {c["entity_id"] for c in pulled if c["entity"] == "people"}
    assert people == {str(files["reopened"]), str(files["active"])}
    tombstones = {c["fields"]["person_id"]: c["fields"] for c in pulled if c["entity"] == "purges"}
    assert set(tombstones) == {str(files["ended"]), str(files["quiet"])}
    assert {t["reason"] for t in tombstones.values()} == {"retention"}
    assert {t["purged_on"] for t in tombstones.values()} == {"2026-12-05"}
    dump = plain_tables_dump(admin.engine)
    assert NAMES[files["ended"]] not in dump and NAMES[files["quiet"]] not in dump
    assert NAMES[files["active"]] in dump and NAMES[files["reopened"]] in dump
    # Nothing more is due: a second run purges nothing.
    with session_scope(admin.engine) as session:
        assert run_retention(session, territory, now=NOW).due == []


def test_the_territory_s_own_months_apply(
    admin: Admin, territory: str, files: dict[str, uuid.UUID]
) -> None:
    with session_scope(admin.engine) as session:
        set_retention_rules(
            session,
            territory,
            {"after_end_of_support_months": 36, "after_last_activity_months": 48},
        )
        report = run_retention(session, territory, dry_run=True, now=NOW)
    assert report.due == []


def test_the_command_prints_person_ids_never_names(
    server: RunningServer,
    territory: str,
    files: dict[str, uuid.UUID],
    capsys: pytest.CaptureFixture[str],
) -> None:
    where = [
        "--data-dir",
        str(server.settings.data_dir),
        "--database-url",
        server.settings.database_url,
    ]
    assert server_cli(["retention", "run", "--territory", territory, "--dry-run", *where]) == 0
    dry = capsys.readouterr().out
    assert server_cli(["retention", "run", "--territory", territory, *where]) == 0
    done = capsys.readouterr().out
    for printed in (dry, done):
        assert "Oksana" not in printed and "Philomene" not in printed
    assert str(files["ended"]) in dry and str(files["quiet"]) in dry
    assert dry.splitlines()[-1] == "2 file(s) due; nothing written (dry run)"
    assert f"{territory}\t{files['ended']}\tpurged\tend_of_support" in done.splitlines()
    assert done.splitlines()[-1] == "2 file(s) purged, 4 record(s) removed"


def test_a_deleted_person_s_history_is_purged_once_due(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    """A person deleted by a device still has every version in the history: the deletion is
    the file's last activity, and the run purges it when due."""
    pid, created = person("Deleted-Anselme")
    device.push_ok([created])
    device.push_ok([change("people", pid, base=1, deleted=True)])
    with session_scope(admin.engine) as session:
        session.execute(
            update(Record).where(Record.entity_id == pid).values(updated_at=datetime(2023, 1, 1))
        )
        report = run_retention(session, territory, now=NOW)
    assert [(d.person_id, d.reason) for d in report.due] == [(pid, "no_activity")]
    assert NAMES[pid] not in plain_tables_dump(admin.engine)


def test_an_instant_later_than_its_receipt_does_not_keep_a_file(
    admin: Admin, territory: str, device: DeviceClient
) -> None:
    """A device clock set years ahead: the server's receipt time caps the instant."""
    pid, created = person("Future-Clothilde", created_at="2031-01-01T10:00:00+00:00")
    device.push_ok([created])
    with session_scope(admin.engine) as session:
        session.execute(
            update(Record).where(Record.entity_id == pid).values(updated_at=datetime(2023, 1, 1))
        )
        report = run_retention(session, territory, dry_run=True, now=NOW)
    assert [d.person_id for d in report.due] == [pid]
