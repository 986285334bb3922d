"""Two ``spie-server run`` processes on one PostgreSQL, each with its own data dir (two hosts
behind one reverse proxy, docs/deployment.md): every guarantee holds across them.

Each request goes to one host or the other, alternately; a guarantee kept in a process's own
memory would hold per host only, and each test would then see twice the allowance, a code
used twice, a session unknown to the other host or a certificate from another CA.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from sqlalchemy import text

from spie_server.db import make_engine, session_scope
from spie_server.server_key import SECRET_FILE
from tests.server.helpers import PROTOCOL, change, make_csr
from tests.server.hosts import Host, admin_cli, copy_secret, serving, start_refused

TERRITORY = "12"
STRUCTURE = "CD Aveyron"
PASSWORD = "un mot de passe assez long"
ENV = {
    "SPIE_SERVER_ENROL_RATE": "3/0.01",  # three guesses per address, none refilled in a test
    "SPIE_SERVER_DELETIONS_PER_HOUR": "2",
    "SPIE_SERVER_RETENTION_EVERY_HOURS": "24",
}


@dataclass
class Cluster:
    a: Host
    b: Host
    url: str

    def code(self) -> str:
        made = admin_cli(
            self.a.data_dir,
            self.url,
            "enrolment-code",
            "--territory",
            TERRITORY,
            "--structure",
            STRUCTURE,
        )
        assert made.returncode == 0, made.stderr
        return made.stdout.strip()


@pytest.fixture(scope="module")
def hosts(
    request: pytest.FixtureRequest,
    database_url_factory: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Cluster]:
    request.getfixturevalue("pg_cluster")
    url = database_url_factory("postgresql")
    first, second = tmp_path_factory.mktemp("host-a"), tmp_path_factory.mktemp("host-b")
    added = admin_cli(first, url, "territory", "add", TERRITORY)
    assert added.returncode == 0, added.stderr
    for login in ("chef.aveyron", "adjoint.aveyron"):
        made = admin_cli(
            first,
            url,
            "manager",
            "add",
            "--territory",
            TERRITORY,
            login,
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        assert made.returncode == 0, made.stderr
    copy_secret(first, second)
    with serving("host A", first, url, ENV) as a, serving("host B", second, url, ENV) as b:
        yield Cluster(a, b, url)


def _enrol(host: Host, code: str, client: str, name: str = "Nadia B.") -> httpx.Response:
    _, csr = make_csr(name)
    counsellor = {
        "account_id": str(uuid.uuid4()),
        "display_name": name,
        "field": "social",
        "csr_pem": csr,
    }
    return host.post("/v1/enroll", client, json={"code": code, "counsellors": [counsellor]})


def _device(host: Host, enrolment: dict[str, Any]) -> httpx.Client:
    headers = {**PROTOCOL, "Authorization": f"Bearer {enrolment['token']}"}
    return httpx.Client(base_url=host.base, headers=headers, timeout=30)


def _certificate(pem: str) -> x509.Certificate:
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def test_a_device_enrolled_on_one_host_syncs_and_is_certified_on_the_other(
    hosts: Cluster,
) -> None:
    a, b = hosts.a, hosts.b
    first = _enrol(a, hosts.code(), "203.0.113.1")
    second = _enrol(b, hosts.code(), "203.0.113.2", "Julien R.")
    assert first.status_code == second.status_code == 200, first.text + second.text
    ca_of_a = _certificate(first.json()["ca_certificate_pem"])
    ca_of_b = _certificate(second.json()["ca_certificate_pem"])
    assert ca_of_a == ca_of_b  # one territory CA, whichever host answers
    _certificate(second.json()["certificates"][0]["certificate_pem"]).verify_directly_issued_by(
        ca_of_a
    )
    _certificate(first.json()["certificates"][0]["certificate_pem"]).verify_directly_issued_by(
        ca_of_b
    )
    laptop_a, laptop_b = _device(a, first.json()), _device(b, second.json())
    laptop_on_b = _device(b, first.json())
    with laptop_a, laptop_b, laptop_on_b:
        # A counsellor added later on the laptop enrolled on A gets a certificate from B.
        _, csr = make_csr("Léa M.")
        later = laptop_on_b.post(
            "/v1/certificates",
            json={
                "account_id": str(uuid.uuid4()),
                "display_name": "Léa M.",
                "field": "emploi",
                "csr_pem": csr,
            },
        )
        assert later.status_code == 200, later.text
        _certificate(later.json()["certificate_pem"]).verify_directly_issued_by(ca_of_a)
        for host_client in (laptop_a, laptop_b):
            crl = x509.load_der_x509_crl(host_client.get("/v1/crl").content)
            assert crl.is_signature_valid(ca_of_a.public_key())  # type: ignore[arg-type]
        # A push on one host, a pull on the other: the change is there.
        person = uuid.uuid4()
        pushed = laptop_a.post(
            "/v1/push", json={"batch_id": str(uuid.uuid4()), "changes": [change("people", person)]}
        )
        assert pushed.json()["results"][0]["status"] == "applied", pushed.text
        pulled = laptop_b.get("/v1/changes", params={"since": 0}).json()["changes"]
        assert [c["entity_id"] for c in pulled] == [str(person)]
        edited = laptop_b.post(
            "/v1/push",
            json={
                "batch_id": str(uuid.uuid4()),
                "changes": [change("people", person, base=1, fields={"commune": "Rodez"})],
            },
        )
        assert edited.json()["results"][0]["status"] == "applied", edited.text
        again = laptop_a.get("/v1/changes", params={"since": 0}).json()["changes"]
        assert [(c["version"], c["fields"]["commune"]) for c in again] == [(2, "Rodez")]
        # Revoked through the administrator's command: refused by both hosts at once.
        revoked = admin_cli(a.data_dir, hosts.url, "device", "revoke", first.json()["device_id"])
        assert revoked.returncode == 0, revoked.stderr
        assert laptop_a.get("/v1/changes").status_code == 403
        assert laptop_on_b.get("/v1/changes").status_code == 403


def test_enrolment_guesses_are_counted_across_both_hosts(hosts: Cluster) -> None:
    guess = {"code": "AAAA-AAAA-AA", "counsellors": []}
    statuses = [
        host.post("/v1/enroll", "198.51.100.7", json=guess).status_code
        for host in (hosts.a, hosts.b) * 3
    ]
    # Three guesses for the address in all, as one process allows: not three per host.
    assert statuses == [404, 404, 404, 429, 429, 429]


def test_a_one_time_code_enrols_one_device_whichever_hosts_race_for_it(hosts: Cluster) -> None:
    code = hosts.code()
    with ThreadPoolExecutor(2) as pool:
        answers = list(
            pool.map(lambda n: _enrol((hosts.a, hosts.b)[n], code, f"192.0.2.{n}"), range(2))
        )
    assert sorted(a.status_code for a in answers) == [200, 409]


def test_the_hourly_deletion_allowance_is_counted_across_both_hosts(hosts: Cluster) -> None:
    enrolled = _enrol(hosts.a, hosts.code(), "203.0.113.3")
    assert enrolled.status_code == 200, enrolled.text
    people = [uuid.uuid4() for _ in range(4)]
    with _device(hosts.a, enrolled.json()) as on_a, _device(hosts.b, enrolled.json()) as on_b:
        created = on_a.post(
            "/v1/push",
            json={"batch_id": str(uuid.uuid4()), "changes": [change("people", p) for p in people]},
        )
        assert {r["status"] for r in created.json()["results"]} == {"applied"}
        outcomes = []
        for person, device in zip(people, (on_a, on_b) * 2, strict=True):
            deletion = change("people", person, base=1, deleted=True)
            answer = device.post(
                "/v1/push", json={"batch_id": str(uuid.uuid4()), "changes": [deletion]}
            )
            result = answer.json()["results"][0]
            outcomes.append((result.get("reason") or {}).get("code", result["status"]))
    assert outcomes == ["applied", "applied", "deletion_held", "deletion_held"]


def _login(host: Host, login: str, password: str, client: str) -> httpx.Response:
    token = "t" * 43  # double submit: the form's token and the cookie's agree
    return httpx.post(
        host.base + "/indicators/login",
        data={"csrf_token": token, "login": login, "password": password},
        headers={"Cookie": f"__Secure-spie_connexion={token}", "X-Forwarded-For": client},
        timeout=60,
    )


def test_wrong_dashboard_passwords_are_counted_across_both_hosts(hosts: Cluster) -> None:
    tries = [
        _login(host, "chef.aveyron", "pas le bon", "192.0.2.60").status_code
        for host in (hosts.a, hosts.b) * 3
    ]
    assert tries == [401, 401, 401, 401, 401, 429]  # five wrong in all, then refused
    # The right password is refused too now, from either host: the count is the login's.
    assert _login(hosts.a, "chef.aveyron", PASSWORD, "192.0.2.61").status_code == 429


def test_a_dashboard_session_opened_on_one_host_is_known_to_the_other(hosts: Cluster) -> None:
    signed_in = _login(hosts.a, "adjoint.aveyron", PASSWORD, "192.0.2.70")
    assert signed_in.status_code == 303, signed_in.text
    found = re.search(r"(__Secure-spie_indicateurs=[^;]+)", signed_in.headers["set-cookie"])
    assert found
    cookie = {"Cookie": found.group(1)}
    page = httpx.get(hosts.b.base + "/indicators", headers=cookie, timeout=60)
    assert page.status_code == 200 and "adjoint.aveyron" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    out = httpx.post(
        hosts.b.base + "/indicators/logout",
        data={"csrf_token": token.group(1)},
        headers=cookie,
        timeout=60,
    )
    assert out.status_code == 303
    after = httpx.get(hosts.a.base + "/indicators", headers=cookie, timeout=60)
    assert after.status_code == 303 and after.headers["location"] == "/indicators/login"


def test_the_daily_retention_runs_on_one_host_only(hosts: Cluster) -> None:
    decisions = {"retention_run", "retention_run_skipped", "retention_run_failed"}
    deadline = time.monotonic() + 60  # both took their decision at start; wait for their logs

    def decided() -> list[str]:
        return [e for h in (hosts.a, hosts.b) for e in h.events() if e in decisions]

    while len(decided()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(decided()) == ["retention_run", "retention_run_skipped"]
    engine = make_engine(hosts.url)
    try:
        with session_scope(engine) as session:
            claimed = session.execute(text("SELECT name FROM scheduled_runs")).scalars().all()
        assert claimed == ["retention"]
    finally:
        engine.dispose()


def test_a_host_without_the_secret_or_with_another_refuses_to_serve(
    hosts: Cluster, tmp_path: Path
) -> None:
    bare = tmp_path / "host-c"
    said = start_refused(bare, hosts.url)
    assert f"copy {SECRET_FILE}" in said and len(said.strip().splitlines()) == 1
    assert not (bare / SECRET_FILE).exists()  # no secret of its own made up
    other = tmp_path / "host-d"
    other.mkdir()
    (other / SECRET_FILE).write_text("ab" * 32 + "\n")
    (other / SECRET_FILE).chmod(0o600)
    assert "not the server secret" in start_refused(other, hosts.url)
    refused = admin_cli(other, hosts.url, "territory", "add", "13")
    assert refused.returncode == 1 and "not the server secret" in refused.stderr
