"""The territory CA returned at enrolment is checked before anything is stored: against the
provisioned CA, or against the fingerprint the administrator gives (finding: the CA that got
pinned arrived unauthenticated)."""

from __future__ import annotations

import io

import pytest

from spie_desktop.cli import main
from spie_desktop.provisioning import TerritoryCaMismatch, make_provisioning, write_file
from spie_desktop.sync.ca_trust import CaFingerprintMismatch, CaFingerprintRequired
from spie_desktop.sync.enrolment import ca_file, enroll, enrolment_of
from spie_server.db import session_scope
from spie_server.territory.territories import ca_cert_pem
from tests.installer.conftest import territory_ca_pem
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import PASSPHRASE, Laptop

OTHER_CA = territory_ca_pem("12")  # a genuine territory CA, but not the test server's


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIE_PASSPHRASE", PASSPHRASE)


class Terminal(io.StringIO):
    """Standard input as a person at a terminal types it."""

    def isatty(self) -> bool:
        return True


def assert_nothing_stored(laptop: Laptop) -> None:
    assert enrolment_of(laptop.session) is None
    assert not ca_file(laptop.data_dir).exists()
    with laptop.session.uow(read_only=True) as uow:
        current = uow.signing_keys.current_for(laptop.session.counsellor.id)
    assert current is not None and current.chain_pem == ""  # still the self-signed identity
    assert 'server_url = ""' in (laptop.data_dir / "config.toml").read_text()


def _enroll_cli(laptop: Laptop, server: RunningServer, code: str, *extra: str) -> int:
    args = ["enroll", "--data-dir", str(laptop.data_dir), "--server", server.base_url]
    return main([*args, "--code", code, *extra])


def test_the_administrators_fingerprint_enrols(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str
) -> None:
    laptop: Laptop = make_laptop("right", enrol=False)
    fingerprint = sync_admin.ca_fingerprint(sync_territory).replace(":", "").lower()
    code = sync_admin.code(sync_territory)
    assert _enroll_cli(laptop, sync_server, code, "--ca-fingerprint", fingerprint) == 0
    assert enrolment_of(laptop.session) is not None and ca_file(laptop.data_dir).exists()


def test_another_fingerprint_refuses_and_stores_nothing(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str, capsys
) -> None:
    laptop: Laptop = make_laptop("wrong", enrol=False)
    code = sync_admin.code(sync_territory)
    wrong = "AB:" * 31 + "AB"
    with pytest.raises(CaFingerprintMismatch):
        enroll(laptop.session, sync_server.base_url, code, PASSPHRASE, ca_fingerprint=wrong)
    assert_nothing_stored(laptop)
    assert _enroll_cli(laptop, sync_server, "X", "--ca-fingerprint", "not hex") == 1
    assert "64 chiffres hexadécimaux" in capsys.readouterr().err


def test_without_a_fingerprint_nor_a_terminal_the_code_is_not_even_sent(
    make_laptop, sync_server: RunningServer, sync_admin: Admin, sync_territory: str, capsys
) -> None:
    laptop: Laptop = make_laptop("missing", enrol=False)
    code = sync_admin.code(sync_territory)
    with pytest.raises(CaFingerprintRequired):
        enroll(laptop.session, sync_server.base_url, code, PASSPHRASE)
    assert _enroll_cli(laptop, sync_server, code) == 1  # pytest's stdin is no terminal
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--ca-fingerprint HEX" in err[0], err
    assert err[0].startswith("spie-desktop : erreur : Cette installation ne connaît pas")
    assert "spie-server territory ca-cert" in err[0]
    assert_nothing_stored(laptop)
    # The code was never spent: it still enrols once the fingerprint is known.
    fingerprint = sync_admin.ca_fingerprint(sync_territory)
    assert _enroll_cli(laptop, sync_server, code, "--ca-fingerprint", fingerprint) == 0


@pytest.mark.parametrize(("answer", "enrolled"), [("oui\n", True), ("n\n", False), ("", False)])
def test_at_a_terminal_the_fingerprint_is_shown_and_confirmed(
    make_laptop,
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    capsys,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    enrolled: bool,
) -> None:
    laptop: Laptop = make_laptop("terminal", enrol=False)
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    status = _enroll_cli(laptop, sync_server, sync_admin.code(sync_territory))
    err = capsys.readouterr().err
    assert sync_admin.ca_fingerprint(sync_territory) in err
    assert status == (0 if enrolled else 1)
    if enrolled:
        assert enrolment_of(laptop.session) is not None
    else:
        assert "pas été confirmée" in err.splitlines()[-1]
        assert_nothing_stored(laptop)


def test_a_provisioned_installation_checks_the_provisioned_ca_and_stores_nothing_else(
    make_laptop,
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop: Laptop = make_laptop("pinned", enrol=False)
    provisioning_file = tmp_path / "provisioning.json"
    monkeypatch.setenv("SPIE_PROVISIONING_FILE", str(provisioning_file))
    write_file(provisioning_file, make_provisioning("12", sync_server.base_url, OTHER_CA))
    code = sync_admin.code(sync_territory)
    with pytest.raises(TerritoryCaMismatch):
        # Even with the right fingerprint: the provisioned CA is the one that counts.
        enroll(
            laptop.session,
            sync_server.base_url,
            code,
            PASSPHRASE,
            ca_fingerprint=sync_admin.ca_fingerprint(sync_territory),
        )
    assert_nothing_stored(laptop)

    with session_scope(sync_admin.engine) as session:
        real_ca = ca_cert_pem(session, sync_territory)
    write_file(provisioning_file, make_provisioning("12", sync_server.base_url, real_ca))
    # Provisioned with the server's CA: no fingerprint to give.
    enroll(laptop.session, sync_server.base_url, sync_admin.code(sync_territory), PASSPHRASE)
    assert ca_file(laptop.data_dir).read_text() == real_ca
