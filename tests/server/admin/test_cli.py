"""``spie-server`` end to end, as an administrator runs it: subprocesses only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from spie_server.db import make_engine, upgrade
from spie_server.settings import Settings
from tests.server.helpers import PROTOCOL, Admin, change, make_csr
from tests.server.pg import free_port

SPIE_SERVER = str(Path(sys.executable).with_name("spie-server"))


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SPIE_SERVER, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


#: A start-up slower than this is a failure. Generous: on a loaded 2-core machine with the
#: suite's workers beside it, two uvicorn workers took more than 30 s to answer.
START_WITHIN_S = 180.0


@contextmanager
def running(
    *args: str, command: tuple[str, ...] = (SPIE_SERVER,), start_within_s: float = START_WITHIN_S
) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [*command, "run", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + start_within_s
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            # Ended first: a server still starting would never close its output.
            process.kill()
            _, stderr = process.communicate()
            raise AssertionError(f"server did not start: {stderr[-2000:]}")
        time.sleep(0.1)
    try:
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            _, stderr = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        # uvicorn exits 0 or 143 after a clean shutdown on SIGTERM.
        assert process.returncode in (0, 143, -signal.SIGTERM), stderr[-2000:]
        for line in stderr.splitlines():
            assert "Nadia" not in line and "Rodez" not in line  # no personal data in logs


def test_a_server_that_does_not_start_in_time_is_a_failure_not_a_hang() -> None:
    """Past its start-up time, a server still starting is ended and the test fails with its
    output (before, reading that output waited for the server to exit: the run hung)."""
    never = (
        sys.executable,
        "-c",
        "import sys, time; print('lent', file=sys.stderr); time.sleep(600)",
    )
    failed = pytest.raises(AssertionError, match="server did not start: lent")
    with failed, running(command=never, start_within_s=1):
        pass


def _enrol(base: str, code: str, name: str) -> tuple[httpx.Client, dict[str, object]]:
    _, csr = make_csr(name)
    body = {
        "code": code,
        "counsellors": [
            {
                "account_id": str(uuid.uuid4()),
                "display_name": name,
                "field": "social",
                "csr_pem": csr,
            }
        ],
    }
    response = httpx.post(base + "/v1/enroll", json=body, headers=PROTOCOL, timeout=30)
    assert response.status_code == 200, response.text
    enrolment = response.json()
    headers = {**PROTOCOL, "Authorization": f"Bearer {enrolment['token']}"}
    return httpx.Client(base_url=base, headers=headers, timeout=30), enrolment


def _codes_by_cli(options: list[str]) -> tuple[str, list[str]]:
    assert cli("territory", "add", "12", "--name", "Aveyron", *options).returncode == 0
    codes = []
    for _ in range(2):
        made = cli(
            "enrolment-code",
            "--territory",
            "12",
            "--structure",
            "CD Aveyron",
            "--expires",
            "2h",
            *options,
        )
        assert made.returncode == 0, made.stderr
        codes.append(made.stdout.strip())
    return "12", codes


def _two_devices_sync(
    options: list[str], run_options: list[str], territory: str, codes: list[str], *, full: bool
) -> None:
    """Two devices enrolled by code sync a record through a ``spie-server run`` process."""
    assert all(len(code) == 12 and code.count("-") == 2 for code in codes)
    with running(*options, *run_options) as base:
        laptop, first = _enrol(base, codes[0], "Nadia B.")
        other, second = _enrol(base, codes[1], "Julien R.")
        record = uuid.uuid4()
        pushed = laptop.post(
            "/v1/push",
            json={
                "batch_id": str(uuid.uuid4()),
                "changes": [change("people", record, fields={"city": "Rodez"})],
            },
        )
        assert pushed.json()["results"][0]["status"] == "applied"
        pulled = other.get("/v1/changes", params={"since": 0}).json()["changes"]
        assert [(c["entity_id"], c["fields"]["city"]) for c in pulled] == [(str(record), "Rodez")]
        assert cli("device", "revoke", str(first["device_id"]), *options).returncode == 0
        refused = laptop.get("/v1/changes")
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "device_revoked"
        assert other.get("/v1/changes").status_code == 200
        laptop.close()
        other.close()
    if not full:
        return
    listed = cli("device", "list", *options).stdout.splitlines()
    row = next(line for line in listed if line.startswith(str(first["device_id"])))
    assert row.split("\t")[1:3] == ["CD Aveyron", territory] and row.split("\t")[-1] != "no"
    ca_file = Path(options[options.index("--data-dir") + 1]) / "ca.pem"
    assert cli("territory", "ca-cert", territory, "--out", str(ca_file), *options).returncode == 0
    ca = x509.load_pem_x509_certificate(ca_file.read_bytes())
    certificates = second["certificates"]
    assert isinstance(certificates, list)
    cert = x509.load_pem_x509_certificate(certificates[0]["certificate_pem"].encode())
    cert.verify_directly_issued_by(ca)
    crl_file = ca_file.with_name("territory.crl")
    assert cli("territory", "crl", territory, "--out", str(crl_file), *options).returncode == 0
    crl = x509.load_der_x509_crl(crl_file.read_bytes())
    assert crl.issuer == ca.subject and crl.is_signature_valid(ca.public_key())  # type: ignore[arg-type]
    revoked = first["certificates"]  # the revoked device's certificate is listed
    assert isinstance(revoked, list)
    gone = x509.load_pem_x509_certificate(revoked[0]["certificate_pem"].encode())
    assert crl.get_revoked_certificate_by_serial_number(gone.serial_number) is not None
    assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is None


def test_run_on_sqlite_serves_two_devices_that_sync(tmp_path: Path) -> None:
    data_dir = tmp_path / "srv"
    options = ["--data-dir", str(data_dir)]
    territory, codes = _codes_by_cli(options)
    _two_devices_sync(options, [], territory, codes, full=True)
    assert (data_dir / "server.db").exists()
    assert (data_dir / "server-secret.key").stat().st_mode & 0o077 == 0


def test_run_with_workers_sharing_postgresql(
    tmp_path: Path, database_url_factory: Callable[[str], str], request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue("pg_cluster")
    url = database_url_factory("postgresql")
    settings = Settings(tmp_path / "srv", url)
    engine = make_engine(url)
    upgrade(engine)
    # In-process admin keeps this test short; the SQLite test drives the CLI.
    admin = Admin(engine, settings)
    territory = admin.territory()
    codes = [admin.code(territory, "CD Aveyron") for _ in range(2)]
    engine.dispose()
    options = ["--data-dir", str(settings.data_dir), "--database-url", url]
    _two_devices_sync(options, ["--workers", "2"], territory, codes, full=False)


def test_the_data_dir_comes_from_the_environment(tmp_path: Path) -> None:
    env = {"SPIE_SERVER_DATA_DIR": str(tmp_path / "env-dir")}
    assert cli("territory", "add", "973", env=env).returncode == 0
    assert "CTG" in cli("territory", "list", env=env).stdout  # 973 is CTG now
    assert (tmp_path / "env-dir" / "server.db").exists()


@pytest.fixture(scope="module")
def admin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("admin")
    assert cli("territory", "add", "12", "--data-dir", str(directory)).returncode == 0
    return directory


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["enrolment-code", "--territory", "99", "--structure", "X"], "no territory '99'"),
        (
            ["enrolment-code", "--territory", "12", "--structure", "X", "--expires", "soon"],
            "expiry",
        ),
        (["device", "revoke", "not-a-uuid"], "not a device id"),
        (["device", "revoke", str(uuid.UUID(int=1))], "no device"),
        (["territory", "add", "12"], "already exists"),
        (["territory", "add", "bad code!"], "territory code"),
        (["territory", "ca-cert", "99", "--out", "x.pem"], "no territory"),
        (["territory", "list", "--database-url", "mysql://x/y"], "unsupported database"),
    ],
)
def test_failures_exit_non_zero_with_one_line(
    admin_dir: Path, args: list[str], message: str
) -> None:
    result = cli(*args, "--data-dir", str(admin_dir))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr


def test_ca_cert_prints_the_pem_and_its_fingerprint(admin_dir: Path) -> None:
    shown = cli("territory", "ca-cert", "12", "--data-dir", str(admin_dir))
    assert shown.returncode == 0, shown.stderr
    ca = x509.load_pem_x509_certificate(shown.stdout.encode())
    expected = ":".join(f"{b:02X}" for b in ca.fingerprint(hashes.SHA256()))
    assert f"SHA-256 fingerprint: {expected}" in shown.stderr
    written = cli(
        "territory",
        "ca-cert",
        "12",
        "--out",
        str(admin_dir / "ca.pem"),
        "--data-dir",
        str(admin_dir),
    )
    assert expected in written.stderr and (admin_dir / "ca.pem").read_text() == shown.stdout
