"""``/v1/certificates``: a device's own accounts only, at most 20, one valid certificate each;
what it issues says whose it is; the territory's CRL lists what is no longer valid."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager

import httpx
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from spie_protocol.limits import MAX_COUNSELLORS_PER_DEVICE
from spie_server.db import session_scope
from spie_server.territory.territories import get_territory
from tests.server.helpers import Admin, DeviceClient, make_csr

Enrol = Callable[..., AbstractContextManager[DeviceClient]]


def _ask(
    device: DeviceClient,
    account: str,
    name: str = "Nadia B.",
    field: str = "social",
    csr: str | None = None,
) -> httpx.Response:
    body = {
        "account_id": account,
        "display_name": name,
        "field": field,
        "csr_pem": csr or make_csr(name)[1],
    }
    return device.http.post("/v1/certificates", json=body)


def _certificate(response: httpx.Response) -> x509.Certificate:
    assert response.status_code == 200, response.text
    return x509.load_pem_x509_certificate(response.json()["certificate_pem"].encode())


def _crl(device: DeviceClient, admin: Admin) -> x509.CertificateRevocationList:
    response = device.http.get("/v1/crl")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    with session_scope(admin.engine) as session:
        ca_pem = get_territory(session, device.territory).ca_cert_pem
    ca_key = x509.load_pem_x509_certificate(ca_pem.encode()).public_key()
    assert isinstance(ca_key, ec.EllipticCurvePublicKey) and crl.is_signature_valid(ca_key)
    return crl


def test_the_certificate_names_the_account_and_the_field(device: DeviceClient) -> None:
    account = str(uuid.uuid4())
    cert = _certificate(_ask(device, account, "Julien R.", "emploi"))
    uris = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sorted(uris.get_values_for_type(x509.UniformResourceIdentifier)) == [
        f"urn:spie:account:{account}",
        "urn:spie:field:emploi",
    ]


def test_a_field_other_than_social_or_emploi_is_refused(device: DeviceClient) -> None:
    response = _ask(device, str(uuid.uuid4()), field="préfet")
    assert response.status_code == 422


def test_a_device_gets_no_certificate_beyond_its_counsellor_limit(device: DeviceClient) -> None:
    accounts = [str(uuid.uuid4()) for _ in range(MAX_COUNSELLORS_PER_DEVICE)]
    for number, account in enumerate(accounts):
        _certificate(_ask(device, account, f"Conseiller {number}"))
    refused = _ask(device, str(uuid.uuid4()), "Préfet de l'Aveyron")
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "too_many_accounts"
    _certificate(_ask(device, accounts[0], "Conseiller 0"))  # its own accounts still served


def test_another_devices_account_is_refused_until_that_device_is_revoked(
    enrol: Enrol, territory: str, admin: Admin
) -> None:
    account = str(uuid.uuid4())
    with enrol(territory) as first, enrol(territory) as second:
        _certificate(_ask(first, account))
        refused = _ask(second, account)
        assert refused.status_code == 409, refused.text
        assert refused.json()["error"]["code"] == "account_bound_elsewhere"
        admin.revoke(first.device_id)
        _certificate(_ask(second, account))  # a replacement laptop takes the account over


def test_one_valid_certificate_per_account_the_old_one_revoked(
    device: DeviceClient, admin: Admin
) -> None:
    account = str(uuid.uuid4())
    _, csr = make_csr("Nadia B.")
    first = _certificate(_ask(device, account, csr=csr))
    again = _certificate(_ask(device, account, csr=csr))
    assert again == first  # a retry with the same key: the same certificate
    assert _crl(device, admin).get_revoked_certificate_by_serial_number(first.serial_number) is None
    renewed = _certificate(_ask(device, account))  # a new key (after a recovery)
    crl = _crl(device, admin)
    superseded = crl.get_revoked_certificate_by_serial_number(first.serial_number)
    assert superseded is not None and _reason(superseded) == x509.ReasonFlags.superseded
    assert crl.get_revoked_certificate_by_serial_number(renewed.serial_number) is None


def test_the_crl_lists_every_certificate_of_a_revoked_device(
    enrol: Enrol, territory: str, admin: Admin
) -> None:
    """A stolen laptop: every certificate it held is compromised, even one already superseded
    (dated at its first revocation, the earliest moment)."""
    with enrol(territory) as stolen, enrol(territory) as other:
        account = str(uuid.uuid4())
        older = _certificate(_ask(stolen, account))
        cert = _certificate(_ask(stolen, account))  # a re-issue: ``older`` superseded
        kept = _certificate(_ask(other, str(uuid.uuid4())))
        before = _crl(other, admin).get_revoked_certificate_by_serial_number(older.serial_number)
        admin.revoke(stolen.device_id)
        crl = _crl(other, admin)
    assert before is not None and _reason(before) == x509.ReasonFlags.superseded
    entries = [crl.get_revoked_certificate_by_serial_number(c.serial_number) for c in (older, cert)]
    assert all(e is not None for e in entries)
    assert [_reason(e) for e in entries if e is not None] == [x509.ReasonFlags.key_compromise] * 2
    assert entries[0] is not None and entries[1] is not None
    assert entries[0].revocation_date_utc == before.revocation_date_utc
    assert entries[0].revocation_date_utc <= entries[1].revocation_date_utc
    assert crl.get_revoked_certificate_by_serial_number(kept.serial_number) is None


def _reason(entry: x509.RevokedCertificate) -> x509.ReasonFlags:
    return entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
