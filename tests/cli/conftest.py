"""Run ``python -m spie_desktop`` in a subprocess, against a temporary data dir.

The child runs through tests/child_launcher.py: it derives keys at the suite's cheap cost, as
the devices these tests set up in-process do (tests/cli/test_real_derivation.py runs the real
command once, at the application's full cost)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.child_launcher import command as launched

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "lune rousse sur le Larzac"

Run = Callable[..., subprocess.CompletedProcess[str]]


def run_cli(
    *args: str, passphrase: str | None = PASSPHRASE, **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    environ["PYTHONPATH"] = str(ROOT)
    environ["QT_QPA_PLATFORM"] = "offscreen"
    if passphrase is not None:
        environ["SPIE_PASSPHRASE"] = passphrase
    environ.update(env)
    return subprocess.run(
        launched("-m", "spie_desktop", *args),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=environ,
        timeout=240,
        cwd=ROOT,
    )


@pytest.fixture
def cli() -> Run:
    return run_cli


@pytest.fixture
def initialised(data_dir: Path) -> Path:
    result = run_cli(
        "init",
        "--data-dir",
        str(data_dir),
        "--territory",
        "12",
        "--structure",
        "CCAS de Rodez",
        "--structure-kind",
        "ccas",
        "--counsellor",
        "Nadia B.",
        "--field",
        "social",
    )
    assert result.returncode == 0, result.stderr
    return data_dir


def assert_one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    """Non-zero status, exactly one line on stderr, no traceback; returns that line."""
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("spie-desktop : erreur : "), line
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for fragment in fragments:
        assert fragment in line, line
    return line
