"""``spie-desktop enroll`` and ``spie-desktop sync`` as a scheduler runs them."""

from __future__ import annotations

import pytest

from spie_desktop.cli import main
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import PASSPHRASE, Laptop


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIE_PASSPHRASE", PASSPHRASE)


def test_enroll_then_sync_exits_0_with_progress_on_stderr(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str, capsys
) -> None:
    laptop: Laptop = make_laptop("cli", enrol=False)
    laptop.add_interview("Kévin", "Moreau", answers=3)
    code = sync_admin.code(sync_territory)
    args = ["--data-dir", str(laptop.data_dir)]
    fingerprint = ["--ca-fingerprint", sync_admin.ca_fingerprint(sync_territory)]
    assert (
        main(["enroll", *args, "--server", sync_server.base_url, "--code", code, *fingerprint]) == 0
    )
    assert "Appareil inscrit" in capsys.readouterr().out
    assert main(["sync", *args]) == 0
    err = capsys.readouterr().err
    assert "Envoi des modifications" in err
    assert "1 entretien envoyé" in err
    assert laptop.pending() == 0
    assert (laptop.data_dir / "territory-ca.pem").read_text().startswith("-----BEGIN CERTIFICATE")
    assert "token" not in (laptop.data_dir / "config.toml").read_text()


def test_sync_of_a_device_never_enrolled_fails_with_one_line(make_laptop, capsys) -> None:
    laptop: Laptop = make_laptop("lonely", enrol=False)
    assert main(["sync", "--data-dir", str(laptop.data_dir)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (
        "spie-desktop : erreur : Cet appareil n'est pas encore inscrit auprès d'un serveur de "
        "territoire : utilisez « spie-desktop enroll »."
    )


def test_a_reused_enrolment_code_is_refused(
    make_laptop, sync_server, sync_admin, sync_territory, capsys
) -> None:
    first: Laptop = make_laptop("first", enrol=False)
    second: Laptop = make_laptop("second", enrol=False)
    code = sync_admin.code(sync_territory)
    assert (
        main(
            [
                "enroll",
                "--data-dir",
                str(first.data_dir),
                "--server",
                sync_server.base_url,
                "--code",
                code,
                "--ca-fingerprint",
                sync_admin.ca_fingerprint(sync_territory),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert (
        main(
            [
                "enroll",
                "--data-dir",
                str(second.data_dir),
                "--server",
                sync_server.base_url,
                "--code",
                code,
                "--ca-fingerprint",
                sync_admin.ca_fingerprint(sync_territory),
            ]
        )
        == 1
    )
    assert "enrolment_code_used" in capsys.readouterr().err
