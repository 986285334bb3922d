"""Plain HTTP reaches only this computer unless ``--insecure`` says otherwise, and a refused
address never sees a DNS lookup or a connection attempt (finding: a relay read tokens and
personal data sent to ``http://<another host>``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spie_desktop.cli import main
from spie_desktop.server_address import is_loopback_host
from spie_desktop.services.sync_desk import server_reachable
from spie_desktop.sync.enrolment import KEYS, ca_file, enrolment_of
from spie_desktop.sync.transport_policy import ServerAddressInvalid, check_server_url
from tests.server.helpers import Admin, RunningServer
from tests.sync.conftest import PASSPHRASE, Laptop
from tests.sync.network_guard import NetworkGuard

ROOT = Path(__file__).resolve().parents[2]
REFUSED = "Adresse refusée : « http:// » enverrait vos données sans chiffrement."


@pytest.fixture(autouse=True)
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPIE_PASSPHRASE", PASSPHRASE)


@pytest.mark.parametrize(
    "server", ["http://spie.invalid", "http://192.0.2.10:8750", "http://[2001:db8::1]/"]
)
def test_enroll_over_plain_http_to_another_host_is_refused_before_any_connection(
    make_laptop, network_guard: NetworkGuard, capsys, server: str
) -> None:
    laptop: Laptop = make_laptop("far", enrol=False)
    args = ["enroll", "--data-dir", str(laptop.data_dir), "--server", server, "--code", "X"]
    assert main(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and REFUSED in err[0] and "--insecure" in err[0], err
    assert network_guard.attempts == []
    assert enrolment_of(laptop.session) is None and not ca_file(laptop.data_dir).exists()


def test_the_refusal_holds_in_a_process_without_network(make_laptop) -> None:
    """The real command in a network namespace of its own: nothing could leave anyway, and
    the answer must be the refusal, not "server unreachable"."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        reason = "unshare -n is not permitted here (needs root or user namespaces)"
        if os.environ.get("SPIE_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason + " and SPIE_REQUIRE_ALL_TESTS=1 forbids skipping", pytrace=False)
        pytest.skip(reason)
    laptop: Laptop = make_laptop("isolated", enrol=False)
    laptop.session.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env.update(PYTHONPATH=str(ROOT), SPIE_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "spie_desktop", "enroll"]
        + ["--data-dir", str(laptop.data_dir), "--server", "http://spie.invalid", "--code", "X"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert REFUSED in result.stderr and "injoignable" not in result.stderr, result.stderr


def test_insecure_enrols_over_plain_http_with_a_warning_and_sync_needs_it_again(
    make_laptop,
    network_guard: NetworkGuard,
    sync_server: RunningServer,
    sync_admin: Admin,
    sync_territory: str,
    capsys,
) -> None:
    # "spie-relay.test" is another host as far as the desktop knows; the guard sends it to
    # the test server on 127.0.0.1, so the request really goes out in clear.
    network_guard.aliases["spie-relay.test"] = "127.0.0.1"
    url = sync_server.base_url.replace("127.0.0.1", "spie-relay.test")
    laptop: Laptop = make_laptop("relay", enrol=False)
    args = ["--data-dir", str(laptop.data_dir)]
    code = sync_admin.code(sync_territory)
    fingerprint = ["--ca-fingerprint", sync_admin.ca_fingerprint(sync_territory)]

    assert main(["enroll", *args, "--server", url, "--code", code, *fingerprint]) == 1
    assert REFUSED in capsys.readouterr().err and network_guard.attempts == []

    enrol = ["enroll", *args, "--server", url, "--code", code, *fingerprint, "--insecure"]
    assert main(enrol) == 0
    out, err = capsys.readouterr()
    assert "Appareil inscrit" in out
    assert "spie-desktop : attention : --insecure" in err and "sans chiffrement" in err
    assert network_guard.attempts  # it did go out, through the name standing for 127.0.0.1

    network_guard.attempts.clear()
    assert main(["sync", *args]) == 1  # the stored address is plain http to another host
    assert REFUSED in capsys.readouterr().err and network_guard.attempts == []
    assert main(["sync", *args, "--insecure"]) == 0
    assert "attention : --insecure" in capsys.readouterr().err


def test_a_stored_plain_http_address_is_refused_by_sync_and_never_probed(
    make_laptop, network_guard: NetworkGuard
) -> None:
    laptop: Laptop = make_laptop("tampered")
    with laptop.session.uow() as uow:
        uow.meta.set(KEYS["server_url"], "http://spie.invalid")
    report = laptop.sync()
    assert not report.ok and report.error_kind == "ClearTextRefused"
    assert "sans chiffrement" in report.error_fr
    assert server_reachable("http://spie.invalid", laptop.data_dir) is False
    assert network_guard.attempts == []


def test_loopback_is_this_computer_only() -> None:
    for host in ("127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost", "LOCALHOST"):
        assert is_loopback_host(host), host
    for host in ("10.0.0.1", "localhost.example.org", "127.0.0.1.nip.io", "::ffff:8.8.8.8", ""):
        assert not is_loopback_host(host), host
    assert check_server_url("http://127.0.0.1:8750") is False
    assert check_server_url("https://spie.aveyron.fr") is False
    assert check_server_url("http://spie.aveyron.fr", insecure=True) is True
    for bad in ("ftp://spie.aveyron.fr", "spie.aveyron.fr", "https://"):
        with pytest.raises(ServerAddressInvalid):
            check_server_url(bad)
