"""Enrolment: codes are one-time and expire, certificates come from the territory CA."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from spie_server.db import session_scope
from spie_server.models import AdminEvent, Device, EnrolmentCode, Territory
from spie_server.settings import RateLimit, Settings
from tests.server.helpers import PROTOCOL, Admin, DeviceClient, enroll_raw, make_csr, start_server


def _ca_cert(admin: Admin, code: str) -> x509.Certificate:
    with session_scope(admin.engine) as session:
        pem = session.scalar(select(Territory.ca_cert_pem).where(Territory.code == code))
    assert pem
    return x509.load_pem_x509_certificate(pem.encode())


def test_enrolment_gives_a_token_and_a_certificate_per_counsellor(
    server, admin: Admin, territory: str
) -> None:
    keys = [make_csr("Nadia B."), make_csr("Julien R.")]
    accounts = [str(uuid.uuid4()) for _ in keys]
    counsellors = [
        {"account_id": a, "display_name": n, "field": f, "csr_pem": pem}
        for a, n, f, (_, pem) in zip(
            accounts, ["Nadia B.", "Julien R."], ["social", "emploi"], keys, strict=True
        )
    ]
    response = enroll_raw(
        server.base_url, admin.code(territory, "France Travail Rodez"), counsellors
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["territory"] == territory and body["structure"] == "France Travail Rodez"
    assert len(body["token"]) >= 40 and body["protocol_version"].startswith("1.")
    ca = _ca_cert(admin, territory)
    assert body["ca_certificate_pem"].strip() == ca.public_bytes(Encoding.PEM).decode().strip()
    issued = {
        c["account_id"]: x509.load_pem_x509_certificate(c["certificate_pem"].encode())
        for c in body["certificates"]
    }
    assert set(issued) == set(accounts)
    for (key, _), account, name in zip(keys, accounts, ["Nadia B.", "Julien R."], strict=True):
        cert = issued[account]
        assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == name
        assert (
            cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
            == "France Travail Rodez"
        )
        assert cert.issuer == ca.subject
        cert.verify_directly_issued_by(ca)
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
        assert cert.public_key() == key.public_key()
    with session_scope(admin.engine) as session:
        stored = session.get_one(Device, uuid.UUID(body["device_id"]))
        assert body["token"] not in stored.token_hash and len(stored.token_hash) == 64
        kinds = session.scalars(
            select(AdminEvent.kind).where(AdminEvent.device_id == stored.id)
        ).all()
    assert "device_enrolled" in kinds and kinds.count("certificate_issued") == 2


def test_a_code_works_once(server, admin: Admin, territory: str) -> None:
    code = admin.code(territory)
    assert enroll_raw(server.base_url, code).status_code == 200
    again = enroll_raw(server.base_url, code)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "enrolment_code_used"


def test_a_code_is_read_without_dashes_or_case(server, admin: Admin, territory: str) -> None:
    code = admin.code(territory)
    assert enroll_raw(server.base_url, code.replace("-", " ").lower()).status_code == 200


def test_an_expired_code_is_refused_and_stays_unused(server, admin: Admin, territory: str) -> None:
    code = admin.code(territory, expires=timedelta(seconds=-1))
    response = enroll_raw(server.base_url, code)
    assert response.status_code == 410
    assert response.json()["error"]["code"] == "enrolment_code_expired"
    with session_scope(admin.engine) as session:
        assert (
            session.scalar(select(Device).where(Device.territory_id == _tid(admin, territory)))
            is None
        )


def _tid(admin: Admin, code: str) -> int:
    with session_scope(admin.engine) as session:
        tid = session.scalar(select(Territory.id).where(Territory.code == code))
    assert tid is not None
    return tid


def test_an_unknown_code_is_refused(server) -> None:
    response = enroll_raw(server.base_url, "AAAA-AAAA-AA")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "enrolment_code_unknown"


def test_a_bad_csr_refuses_the_enrolment_and_leaves_the_code_usable(
    server, admin: Admin, territory: str
) -> None:
    code = admin.code(territory)
    rsa_like = {
        "account_id": str(uuid.uuid4()),
        "display_name": "X",
        "field": "social",
        "csr_pem": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    }
    response = enroll_raw(server.base_url, code, [rsa_like])
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "bad_csr"
    with session_scope(admin.engine) as session:
        row = session.scalar(
            select(EnrolmentCode).where(EnrolmentCode.territory_id == _tid(admin, territory))
        )
        assert row is not None and row.used_at is None
    assert enroll_raw(server.base_url, code).status_code == 200


def test_a_csr_with_another_curve_is_refused(server, admin: Admin, territory: str) -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "X")]))
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
        .decode()
    )
    response = enroll_raw(
        server.base_url,
        admin.code(territory),
        [{"account_id": str(uuid.uuid4()), "display_name": "X", "field": "emploi", "csr_pem": csr}],
    )
    assert response.status_code == 422 and "P-256" in response.json()["error"]["message"]


def test_racing_enrolments_use_a_code_once(server, admin: Admin, territory: str) -> None:
    code = admin.code(territory)
    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(
            pool.map(lambda _: enroll_raw(server.base_url, code).status_code, range(8))
        )
    assert statuses == [200] + [409] * 7


def test_a_counsellor_added_later_gets_a_certificate(device: DeviceClient, admin: Admin) -> None:
    key, csr = make_csr("Chloé M.")
    account = str(uuid.uuid4())
    response = device.http.post(
        "/v1/certificates",
        json={
            "account_id": account,
            "display_name": "Chloé M.",
            "field": "social",
            "csr_pem": csr,
        },
    )
    assert response.status_code == 200, response.text
    cert = x509.load_pem_x509_certificate(response.json()["certificate_pem"].encode())
    cert.verify_directly_issued_by(_ca_cert(admin, device.territory))
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Chloé M."
    assert response.json()["account_id"] == account


def test_device_info_names_the_territory_from_the_token(device: DeviceClient) -> None:
    info = device.http.get("/v1/device").json()
    assert info["device_id"] == device.device_id and info["territory"] == device.territory


def test_enrolment_is_rate_limited_per_address(backend, database_url_factory, tmp_path) -> None:
    # A database of its own: buckets live in the database, shared with any server on it.
    settings = Settings(tmp_path, database_url_factory(backend), RateLimit(burst=3, per_minute=1))
    limited = start_server(settings)
    try:
        statuses = [enroll_raw(limited.base_url, "AAAA-AAAA-AA").status_code for _ in range(5)]
        last = httpx.post(limited.base_url + "/v1/enroll", json={"code": "X"}, headers=PROTOCOL)
    finally:
        limited.stop()
    assert statuses == [404, 404, 404, 429, 429]
    assert last.status_code == 429 and int(last.headers["Retry-After"]) > 0
    assert last.json()["error"]["code"] == "rate_limited"
