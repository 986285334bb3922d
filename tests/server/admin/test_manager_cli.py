"""``spie-server manager add|disable|list``, as an administrator runs it: the password comes
from stdin or a prompt, never the command line, and is stored only as an Argon2id hash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from spie_server.db import make_engine
from spie_server.models import Manager
from spie_server.settings import sqlite_url

SPIE_SERVER = str(Path(sys.executable).with_name("spie-server"))
PASSWORD = "un mot de passe assez long"


def cli(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_SERVER_")}
    return subprocess.run(
        [SPIE_SERVER, *args, "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    made = cli(tmp_path, "territory", "add", "973", "--name", "Guyane")
    assert made.returncode == 0, made.stderr
    return tmp_path


def test_add_list_disable(data_dir: Path) -> None:
    added = cli(data_dir, "manager", "add", "--territory", "973", "Chef.973",
                "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "manager chef.973 added for territory 973" in added.stdout
    engine = make_engine(sqlite_url(data_dir))
    with engine.connect() as connection:
        stored = connection.execute(select(Manager.password_hash)).scalar_one()
    engine.dispose()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    listed = cli(data_dir, "manager", "list")
    # `territory add 973` made the CTG
    assert listed.stdout.startswith("chef.973\tCTG\tcreated ") and "\tactive" in listed.stdout
    assert cli(data_dir, "manager", "disable", "chef.973").returncode == 0
    assert "\tdisabled 20" in cli(data_dir, "manager", "list").stdout


def test_the_password_is_never_taken_from_the_command_line(data_dir: Path) -> None:
    done = cli(data_dir, "manager", "add", "--territory", "973", "chef", "--password", PASSWORD)
    assert done.returncode != 0
    assert "manager" not in cli(data_dir, "manager", "list").stdout


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("--territory", "973", "chef"), "court\n", "at least 12 characters"),
        (("--territory", "999", "chef"), PASSWORD + "\n", "no territory '999'"),
        (("--territory", "973", "a b"), PASSWORD + "\n", "login must be"),
    ],
)
def test_bad_input_fails_with_one_line(
    data_dir: Path, args: tuple[str, ...], stdin: str, message: str
) -> None:
    done = cli(data_dir, "manager", "add", *args, "--password-stdin", stdin=stdin)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and message in done.stderr


def test_a_login_is_added_once(data_dir: Path) -> None:
    for expected in (0, 1):
        done = cli(data_dir, "manager", "add", "--territory", "973", "chef",
                   "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
        assert done.returncode == expected
    assert "already exists" in done.stderr
