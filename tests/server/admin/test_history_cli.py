"""``spie-server record|deletions|device undo`` as an administrator runs them (subprocesses),
on the database of a running server."""

from __future__ import annotations

import uuid

from tests.server.admin.test_cli import cli
from tests.server.helpers import DeviceClient, RunningServer, change
from tests.server.sync.test_history import person


def admin_cli(server: RunningServer, *args: str) -> tuple[int, str, str]:
    settings = server.settings
    done = cli(*args, "--data-dir", str(settings.data_dir), "--database-url", settings.database_url)
    return done.returncode, done.stdout, done.stderr


def test_record_history_and_restore_by_command(
    server: RunningServer, device: DeviceClient, territory: str
) -> None:
    pid = uuid.uuid4()
    device.push_ok([change("people", pid, fields=person())])
    device.push_ok([change("people", pid, base=1, fields={"commune": "Rodez"})])
    device.push_ok([change("people", pid, base=2, deleted=True)])

    code, out, err = admin_cli(server, "record", "history", territory, "people", str(pid))
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("1", "no", device.device_id),
        ("2", "no", device.device_id),
        ("3", "yes", device.device_id),
    ]
    assert "Ana" not in out and "Rodez" not in out  # versions, never content

    code, out, err = admin_cli(server, "record", "restore", territory, "people", str(pid))
    assert code == 0, err
    assert out.strip() == f"people {pid} restored from version 2 as version 4"
    pulled = [c for c in device.pull_all() if c["entity_id"] == str(pid)]
    assert pulled[0]["fields"] == {**person(), "commune": "Rodez"}
    assert pulled[0]["deleted"] is False


def test_held_deletions_are_listed_rejected_and_approved_by_command(
    server: RunningServer, device: DeviceClient, territory: str
) -> None:
    limit = server.settings.deletions_per_hour
    ids = [uuid.uuid4() for _ in range(limit + 2)]
    device.push_ok([change("people", i, fields=person(n)) for n, i in enumerate(ids)])
    results = device.push_ok([change("people", i, base=1, deleted=True) for i in ids])
    assert [r["status"] for r in results[limit:]] == ["rejected", "rejected"]

    code, out, err = admin_cli(server, "deletions", "list", "--territory", territory)
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert [(r[2], r[4], r[6]) for r in rows] == [
        (device.device_id, str(i), "held") for i in ids[limit:]
    ]
    code, out, err = admin_cli(server, "deletions", "reject", rows[0][0])
    assert (code, out.strip()) == (0, "1 held deletions rejected; 0 records deleted"), err
    code, out, err = admin_cli(server, "deletions", "approve", "--device", device.device_id)
    assert (code, out.strip()) == (0, "1 held deletions approved; 1 records deleted"), err
    states = {c["entity_id"]: c["deleted"] for c in device.pull_all()}
    assert (states[str(ids[limit])], states[str(ids[limit + 1])]) == (False, True)


def test_history_commands_fail_with_one_line(server: RunningServer, territory: str) -> None:
    for args, message in (
        (["record", "restore", territory, "people", "nope"], "not a record id"),
        (["record", "restore", territory, "people", str(uuid.uuid4())], "has no people"),
        (["deletions", "approve"], "by id or with --device"),
        (["deletions", "reject", "999999"], "no waiting deletion 999999"),
        (["device", "undo", str(uuid.uuid4())], "no device"),
    ):
        code, out, err = admin_cli(server, *args)
        assert code == 1 and out == "", args
        assert err.count("\n") == 1 and message in err, err
    code, _, err = admin_cli(server, "device", "undo", str(uuid.uuid4()), "--since", "soon")
    assert code == 2 and "neither a time" in err
