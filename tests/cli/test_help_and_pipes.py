"""``--help`` speaks French, and a reader that stops reading (``| head``) is no failure."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from spie_desktop.cli import build_parser
from tests.child_launcher import command as launched

from .conftest import PASSPHRASE, ROOT, Run

ENGLISH = re.compile(r"\b(show|help|positional|the|of|to|and|default|file|with|from)\b")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["init"],
        ["demo"],
        ["counsellor", "add"],
        ["people", "list"],
        ["export"],
        ["plan", "export"],
        ["enroll"],
        ["sync"],
        ["discard-setup"],
    ],
)
def test_help_is_in_french(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([*argv, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("utilisation : spie-desktop"), text
    assert "afficher cette aide et quitter" in text
    # Option names and metavars are code; the sentences around them are French.
    words = re.sub(r"(--?[\w-]+|\b[A-Z_.]+\b|\{[^}]*\}|\$\w+|`[^`]*`)", " ", text)
    assert not ENGLISH.search(words), ENGLISH.findall(words)


def test_people_list_into_a_reader_gone_away_ends_quietly(initialised: Path, cli: Run) -> None:
    """``people list | head``: once the reader has gone, writing fails with a broken pipe,
    which is the reader's right, not the command's failure. ``head -n 0`` reads nothing and
    exits at once, long before the command has unlocked the store: every write of the list
    then meets the closed pipe, whatever its length."""
    data = ["--data-dir", str(initialised)]
    demo = cli("demo", "--people", "30", "--signed-plans", "0", "--force", *data)
    assert demo.returncode == 0, demo.stderr
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    environ.update(PYTHONPATH=str(ROOT), SPIE_PASSPHRASE=PASSPHRASE)
    command = (
        f"{shlex.join(launched('-m', 'spie_desktop'))} people list --data-dir {initialised}"
        " | head -n 0; "
        "echo status=${PIPESTATUS[0]}"
    )
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=environ, cwd=ROOT, timeout=240
    )
    assert result.stdout == "status=0\n", result.stdout + result.stderr
    assert result.stderr == ""
