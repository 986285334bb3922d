"""One passphrase policy: the set-up window and the command line refuse the same passphrases
with the same French sentence (the one :mod:`spie_desktop.domain.passphrase` states)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from spie_desktop.cli import main as cli_main
from spie_desktop.cli import passphrases
from spie_desktop.config import keyslots_path, store_path
from spie_desktop.domain.passphrase import new_passphrase_problem
from spie_desktop.ui.tasks import TaskRunner

from .test_setup_window import fill_identity, open_wizard, type_passphrases

GOOD = "la pirogue remonte le fleuve"

#: (passphrase, confirmation): each is refused, for one reason or another.
REFUSED = [
    pytest.param("", "", id="empty"),
    pytest.param("court", "court", id="too-short"),
    pytest.param("motdepasse", "motdepasse", id="common"),
    pytest.param("azertyuiop12", "azertyuiop12", id="keyboard-row"),
    pytest.param("abababababab", "abababababab", id="repeated"),
    pytest.param(GOOD, GOOD + " ", id="confirmation-differs"),
    pytest.param("motdepasse", "autre chose", id="weak-and-differs"),
]


def refused_by_the_window(qtbot: QtBot, data_dir: Path, passphrase: str, confirmation: str) -> str:
    runner = TaskRunner()
    try:
        model, window = open_wizard(qtbot, runner, data_dir)
        model.choose(model.form.mode)
        fill_identity(window)
        window.next_button.click()
        type_passphrases(window, passphrase, confirmation)
        window.next_button.click()
        assert not model.busy  # refused before any key derivation
        return window.passphrase.fields.error.text()
    finally:
        runner.shutdown(wait=True)


@pytest.fixture
def typed_at_the_prompt(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at the CLI's passphrase prompts, in order (a real terminal)."""
    typed: list[str] = []
    monkeypatch.setattr(passphrases.sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(passphrases.getpass, "getpass", lambda prompt="": typed.pop(0))
    monkeypatch.delenv(passphrases.PASSPHRASE_ENV, raising=False)
    yield typed


def refused_by_the_cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status = cli_main(
        ["init", "--data-dir", str(data_dir), "--territory", "973", "--structure", "ML"]
        + ["--counsellor", "Kévin T.", "--field", "emploi"]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("spie-desktop : erreur : ") and err.count("\n") == 1, err
    return err.removeprefix("spie-desktop : erreur : ").rstrip("\n")


@pytest.mark.parametrize(("passphrase", "confirmation"), REFUSED)
def test_the_window_and_the_cli_refuse_the_same_passphrases_with_the_same_sentence(
    qtbot: QtBot,
    tmp_path: Path,
    typed_at_the_prompt: list[str],
    capsys: pytest.CaptureFixture[str],
    passphrase: str,
    confirmation: str,
) -> None:
    problem = new_passphrase_problem(passphrase, confirmation)
    assert problem is not None

    shown = refused_by_the_window(qtbot, tmp_path / "gui", passphrase, confirmation)
    typed_at_the_prompt.extend([passphrase, confirmation])
    printed = refused_by_the_cli(tmp_path / "cli", capsys)

    assert shown == printed == problem.message_fr
    for data_dir in (tmp_path / "gui", tmp_path / "cli"):
        assert not store_path(data_dir).exists() and not keyslots_path(data_dir).exists()


def test_a_passphrase_from_the_environment_is_held_to_the_same_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(passphrases.PASSPHRASE_ENV, "azerty2024")
    problem = new_passphrase_problem("azerty2024")
    assert problem is not None
    assert refused_by_the_cli(tmp_path, capsys) == problem.message_fr
