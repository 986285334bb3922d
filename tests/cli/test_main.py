"""In-process checks of the entry point: unexpected errors and argument positions."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from spie_desktop.cli import build_parser, main, people_cmd
from spie_desktop.logging_setup import LOG_FILE


def test_unexpected_error_is_one_line_and_logged_without_its_message(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(args: argparse.Namespace) -> int:
        raise RuntimeError("Hélène Zéphyrine-Quenouille dépend du bus de 7h10")

    monkeypatch.setattr(people_cmd, "run_people_list", explode)
    status = main(["people", "list", "--data-dir", str(data_dir)])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.splitlines() == [
        f"spie-desktop : erreur : erreur interne inattendue (RuntimeError) ; détails dans le "
        f"journal, sous {data_dir / 'logs'}"
    ]
    log = (data_dir / "logs" / LOG_FILE).read_text("utf-8")
    assert "RuntimeError" in log and "test_main.py" in log
    assert "Quenouille" not in log and "7h10" not in log


def test_common_options_before_or_after_the_command() -> None:
    parser = build_parser()
    before = parser.parse_args(["--data-dir", "/a", "--account", "Nadia", "people", "list"])
    after = parser.parse_args(["people", "list", "--data-dir", "/b", "--passphrase-file", "p"])
    assert before.data_dir == Path("/a") and before.account == "Nadia"
    assert after.data_dir == Path("/b") and after.passphrase_file == "p"
