"""The retention rules among the territory settings: set, shown, sent to devices, cleared."""

from __future__ import annotations

import pytest

from spie_server.admin.cli import main as server_cli
from tests.server.helpers import DeviceClient, RunningServer


def run(server: RunningServer, *args: str) -> int:
    where = ["--data-dir", str(server.settings.data_dir)]
    return server_cli([*args, *where, "--database-url", server.settings.database_url])


def shown(
    server: RunningServer, territory: str, capsys: pytest.CaptureFixture[str]
) -> dict[str, tuple[str, str]]:
    assert run(server, "territory", "settings", "show", territory) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    return {row[0]: (row[1], row[2]) for row in rows}


def test_retention_months_are_set_shown_and_sent_to_devices(
    server: RunningServer,
    device: DeviceClient,
    territory: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = shown(server, territory, capsys)
    assert before["retention_after_end_of_support_months"] == ("24", "default")
    assert before["retention_after_last_activity_months"] == ("24", "default")
    assert device.http.get("/v1/territory/settings").json()["retention"] is None

    assert run(server, "territory", "settings", "set", territory, "--retention-after-end", "6") == 0
    capsys.readouterr()
    after = shown(server, territory, capsys)
    assert after["retention_after_end_of_support_months"] == ("6", "territory")
    assert after["retention_after_last_activity_months"] == ("24", "territory")
    assert after["no_contact_days"] == ("45", "default")  # thresholds untouched
    sent = device.http.get("/v1/territory/settings").json()
    assert sent["retention"] == {"after_end_of_support_months": 6, "after_last_activity_months": 24}
    assert sent["alert_rules"] is None

    assert run(server, "territory", "settings", "clear", territory) == 0
    assert "retention rules cleared" in capsys.readouterr().out
    assert device.http.get("/v1/territory/settings").json()["retention"] is None


@pytest.mark.parametrize("months", ["0", "241", "1.5", "deux"])
def test_months_out_of_bounds_are_refused_in_one_line(
    server: RunningServer, territory: str, months: str, capsys: pytest.CaptureFixture[str]
) -> None:
    option = "--retention-after-activity"
    assert run(server, "territory", "settings", "set", territory, option, months) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--retention-after-activity" in err and "1 to 240" in err
