"""A command opening a store the previous release made says how its conversion goes, on
standard error, in French, then does its work: nothing on standard output changes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from spie_desktop.cli import main
from spie_desktop.cli.upgrade_lines import UpgradeLines
from spie_desktop.services.device import UpgradeProgress
from tests.fixtures.store_0012_content import PASSPHRASE, copy_device


@pytest.mark.real_kdf  # the fixture's key slots were made at the real cost
def test_listing_people_from_a_0012_store_says_its_upgrade_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_device(tmp_path / "device")
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n", "utf-8")
    status = main(
        ["people", "list", "--data-dir", str(folder), "--passphrase-file", str(passphrase_file)]
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert len(out.splitlines()) == 3
    lines = err.splitlines()
    assert lines and all(
        line.startswith("Mise à jour du dossier chiffré (3 personnes) — étape ") for line in lines
    ), lines
    steps = [line.split(" — étape ")[1][:1] for line in lines]
    assert steps == sorted(steps) and steps[0] == "1" and steps[-1] == "4"
    assert (
        main(
            ["people", "list", "--data-dir", str(folder), "--passphrase-file", str(passphrase_file)]
        )
        == 0
    )
    assert capsys.readouterr().err == ""  # converted once: the next command says nothing


def test_one_line_per_step_and_per_tenth_of_a_step() -> None:
    stream = io.StringIO()
    say = UpgradeLines(stream)
    say(UpgradeProgress("copying", 4000))
    for done in range(0, 1001, 5):
        say(UpgradeProgress("converting", 4000, done, 1000))
    say(UpgradeProgress("swapping", 4000))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1 + 11 + 1
    assert lines[0] == (
        "Mise à jour du dossier chiffré (4\u202f000 personnes) — étape 1 sur 4 : copie de sécurité…"
    )
    assert lines[5].endswith("étape 2 sur 4 : conversion des données… 40\u00a0%")
    assert lines[-1].endswith("étape 4 sur 4 : mise en service…")
