"""``spie-server territory settings show|set|clear``, as an administrator runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SPIE_SERVER = str(Path(sys.executable).with_name("spie-server"))


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_SERVER_")}
    return subprocess.run(
        [SPIE_SERVER, *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def shown(data_dir: Path, code: str) -> dict[str, tuple[int, str]]:
    """``show``'s table of alert thresholds: threshold -> (days, "territory" or "default")
    (the retention rows that follow are tests/server/retention's)."""
    done = cli(data_dir, "territory", "settings", "show", code)
    assert done.returncode == 0, done.stderr
    rows = [line.split("\t") for line in done.stdout.splitlines()[1:]]
    return {
        name: (int(days), origin)
        for name, days, origin, _meaning in rows
        if not name.startswith("retention_")
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    made = cli(tmp_path, "territory", "add", "973", "--name", "Guyane")
    assert made.returncode == 0, made.stderr
    return tmp_path


def test_set_changes_only_the_thresholds_given_and_show_says_whose_they_are(
    data_dir: Path,
) -> None:
    before = shown(data_dir, "973")
    assert before == {
        "not_seen_after_orientation_days": (30, "default"),
        "no_contact_days": (45, "default"),
        "action_overdue_days": (15, "default"),
        "gap_between_steps_days": (30, "default"),
    }
    done = cli(data_dir, "territory", "settings", "set", "973", "--no-contact-days", "60")
    assert done.returncode == 0, done.stderr
    assert "no_contact_days\t60\tterritory" in done.stdout
    again = cli(data_dir, "territory", "settings", "set", "973", "--action-overdue-days", "7")
    assert again.returncode == 0, again.stderr
    assert shown(data_dir, "973") == {
        "not_seen_after_orientation_days": (30, "territory"),
        "no_contact_days": (60, "territory"),  # kept from the first set
        "action_overdue_days": (7, "territory"),
        "gap_between_steps_days": (30, "territory"),
    }


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--no-contact-days", "0"], "--no-contact-days must be a whole number of days from 1"),
        (["--gap-between-steps-days", "366"], "from 1 to 365"),
        (["--action-overdue-days", "abc"], "'abc'"),
        (["--not-seen-after-orientation-days", "-5"], "'-5'"),
        (["--no-contact-days", "4.5"], "'4.5'"),
        ([], "nothing to set"),
    ],
)
def test_a_bad_threshold_is_refused_in_one_line_and_changes_nothing(
    data_dir: Path, args: list[str], says: str
) -> None:
    first = cli(data_dir, "territory", "settings", "set", "973", "--no-contact-days", "50")
    assert first.returncode == 0, first.stderr
    refused = cli(data_dir, "territory", "settings", "set", "973", *args)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and refused.stderr.startswith("spie-server: error: ")
    assert says in refused.stderr and "Traceback" not in refused.stderr
    assert shown(data_dir, "973")["no_contact_days"] == (50, "territory")


def test_an_unknown_territory_is_named_in_one_line(data_dir: Path) -> None:
    for action in (["show", "974"], ["set", "974", "--no-contact-days", "10"]):
        refused = cli(data_dir, "territory", "settings", *action)
        assert refused.returncode == 1
        assert refused.stderr == "spie-server: error: no territory '974'\n"


def test_clear_gives_the_devices_back_their_own_thresholds(data_dir: Path) -> None:
    cli(data_dir, "territory", "settings", "set", "973", "--no-contact-days", "60")
    cleared = cli(data_dir, "territory", "settings", "clear", "973")
    assert cleared.returncode == 0 and "cleared" in cleared.stdout
    assert shown(data_dir, "973")["no_contact_days"] == (45, "default")
    again = cli(data_dir, "territory", "settings", "clear", "973")
    assert again.returncode == 0 and "no alert thresholds were set" in again.stdout
