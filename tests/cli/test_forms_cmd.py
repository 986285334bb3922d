"""`spie-desktop forms check [FILE]`."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from spie_desktop.cli.forms_cmd import check
from tests.forms.conftest import MINIMAL
from tests.forms.test_extensions import AVEYRON


def run(file: Path | None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = check(file, out, err)
    return status, out.getvalue(), err.getvalue()


def test_builtin_definitions_pass() -> None:
    status, out, err = run(None)
    assert status == 0 and err == ""
    assert "socle-commun v1 : 5 étapes, 2 volets, 16 thèmes, 88 situations, " in out


def test_one_valid_file_and_one_extension(tmp_path: Path) -> None:
    (tmp_path / "essai.yaml").write_text(MINIMAL, encoding="utf-8")
    assert run(tmp_path / "essai.yaml") == (
        0,
        "essai v1 : 4 étapes, 2 volets, 3 thèmes, 2 situations, 7 questions\n",
        "",
    )
    (tmp_path / "aveyron.yaml").write_text(AVEYRON, encoding="utf-8")
    status, out, _ = run(tmp_path / "aveyron.yaml")
    assert status == 0 and out.startswith(
        "aveyron v1 (étend socle-commun v1, 3 question(s) ajoutée(s))"
    )


def test_invalid_file_lists_every_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "essai.yaml"
    path.write_text(
        MINIMAL.replace("type: long_text", "type: essay").replace("field: emploi", "field: x"),
        "utf-8",
    )
    status, out, err = run(path)
    lines = err.splitlines()
    assert status == 1 and out == ""
    assert lines[0].startswith(f"{path}:") and "« field »" in lines[0]
    assert "type de question inconnu « essay »" in lines[1]
    assert lines[2] == f"{path}: 2 erreur(s), fichier refusé"


def test_missing_file(tmp_path: Path) -> None:
    assert run(tmp_path / "absent.yaml") == (
        1,
        "",
        f"{tmp_path / 'absent.yaml'}: fichier introuvable\n",
    )


def test_through_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nid: y\n", encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "spie_desktop",
        "--data-dir",
        str(tmp_path / "device"),
        "forms",
        "check",
    ]
    ok = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "16 thèmes, 88 situations" in ok.stdout
    refused = subprocess.run([*command, str(bad)], capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1
    assert f"{bad}:2: YAML invalide : clé « id » en double" in refused.stderr
