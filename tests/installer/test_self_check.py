"""``spie-desktop --self-check`` from a checkout: one line per check, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spie_desktop.provisioning import ENV_VAR
from spie_desktop.self_check import CheckResult, check_provisioning, run_self_check

ROOT = Path(__file__).resolve().parents[2]


def test_the_command_passes_and_writes_nothing_in_the_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SPIE_", "XDG_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(home / "data"))
    env.pop("QT_QPA_PLATFORM", None)  # the check forces offscreen by itself
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "spie_desktop", "--self-check"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("spie-desktop ") and "self-check (source" in lines[0]
    assert [line.split(" ", 1)[0] for line in lines[1:]] == [
        "SQLCipher", "Qt", "Fonts", "Text", "Reference", "PDF", "Provisioning:",
    ]  # fmt: skip
    assert all(line.endswith(": OK") for line in lines[1:])
    assert "Provisioning: none (unprovisioned bundle): OK" in lines
    assert not (home / "data" / "spie-desktop").exists()


def test_the_flag_is_listed_in_the_help() -> None:
    from spie_desktop.cli import build_parser

    assert "--self-check" in build_parser().format_help()


def test_a_provisioned_checkout_reports_its_territory(provisioned: Path) -> None:
    result = check_provisioning()
    assert result.ok
    assert result.line() == (
        "Provisioning (SPIE Aveyron): territory 12, server https://spie.aveyron.fr: OK"
    )


def test_a_tampered_file_fails_the_check(
    provisioned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads(provisioned.read_text(encoding="utf-8"))
    document["server_url"] = "https://evil.example"
    provisioned.write_text(json.dumps(document), encoding="utf-8")
    result = check_provisioning()
    assert not result.ok
    assert result.line() == ("Provisioning: REFUSED — checksum mismatch (the file was altered)")


def test_any_failed_check_fails_the_whole_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import spie_desktop.self_check as self_check

    def broken() -> CheckResult:
        raise ImportError("libxcb-cursor.so.0: cannot open shared object file")

    monkeypatch.setattr(
        self_check,
        "CHECKS",
        (("Provisioning", check_provisioning), ("Qt platform plugins", broken)),
    )
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert run_self_check() == 1
    out = capsys.readouterr().out
    assert "Qt platform plugins: FAILED — ImportError: libxcb-cursor.so.0" in out


def test_a_theme_whose_pictogram_is_not_shipped_fails_the_reference_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bundle built without resources/pictograms would draw plans without them."""
    import spie_desktop.domain.pictograms as pictograms
    from spie_desktop.self_check import CheckFailed, check_reference_data

    assert "pictograms" in check_reference_data().line()
    shipped = pictograms.pictogram_files()
    monkeypatch.setattr(
        pictograms, "pictogram_files", lambda: {**shipped, "logement": "not-shipped.svg"}
    )
    with pytest.raises(CheckFailed, match="logement"):
        check_reference_data()
