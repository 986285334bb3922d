"""Enrolment of this device with its territory server, and the territory certificates.

``enroll`` posts the one-time code with a certificate request (CSR) for the counsellor who
enrols, signed by their own signing key — which only their passphrase unwraps. The answer
gives the device id, the bearer token (kept in the encrypted store's meta, never in clear on
disk), the territory CA certificate (pinned in ``territory-ca.pem`` for HTTPS, and chained
to every issued certificate) and the counsellor's territory certificate, which replaces the
self-signed one for future signatures (the old one is kept, so plans signed before stay
verifiable). The other accounts of the device cannot sign a CSR without their own
passphrase: each gets its territory certificate through
:func:`.certificate_requests.ensure_certificate`, called
once their passphrase is known (``spie-desktop sync`` as that account), or through a request
prepared while their key is unwrapped (when they sign, or unlock an enrolled device) and sent
by the next sync (:mod:`.certificate_requests`).

Nothing is stored before the territory CA in the answer is checked (:mod:`.ca_trust`):
:func:`enroll` does both steps; the window calls :func:`request_enrolment`, shows the
fingerprint, then :func:`accept_enrolment`. The server address obeys
:mod:`.transport_policy` (no plain ``http://`` to another host) before any connection.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pydantic import ValidationError

from spie_desktop.config import load_config, save_config
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.signing_key import SigningKey
from spie_desktop.plan.keys import unwrap_private_key
from spie_protocol.messages import CounsellorCsr, EnrolRequest, EnrolResponse, IssuedCertificate

from .ca_trust import (
    CaFingerprintRequired,
    CaNotConfirmed,
    fingerprint_of,
    is_provisioned,
    parse_fingerprint,
    verify_territory_ca,
)
from .client import SyncClient
from .errors import CorruptResponse, DemoStoreRefused, MalformedCode, NotEnrolled, SyncError
from .transport_policy import check_server_url

if TYPE_CHECKING:
    from spie_desktop.storage.session import Session

log = logging.getLogger(__name__)

CA_FILE = "territory-ca.pem"
KEYS = {
    "server_url": "sync_server_url",
    "device_id": "sync_device_id",
    "token": "sync_token",
    "territory": "sync_territory",
    "structure": "sync_structure",
}


@dataclass(frozen=True)
class Enrolment:
    server_url: str
    device_id: uuid.UUID
    token: str
    territory: str
    structure: str


class OtherTerritory(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say("Cet appareil est déjà inscrit auprès d'un autre territoire."),
            "this device is already enrolled with another territory",
        )


def ca_file(data_dir: Path) -> Path:
    return data_dir / CA_FILE


def enrolment_of(session: Session) -> Enrolment | None:
    with session.uow(read_only=True) as uow:
        values = {name: uow.meta.get(key) for name, key in KEYS.items()}
    if not values["token"] or not values["device_id"] or not values["server_url"]:
        return None
    return Enrolment(
        server_url=str(values["server_url"]),
        device_id=uuid.UUID(str(values["device_id"])),
        token=str(values["token"]),
        territory=str(values["territory"] or ""),
        structure=str(values["structure"] or ""),
    )


def require_enrolment(session: Session) -> Enrolment:
    if session.store.is_demo:
        raise DemoStoreRefused()
    enrolment = enrolment_of(session)
    if enrolment is None:
        raise NotEnrolled()
    return enrolment


@dataclass(frozen=True)
class EnrolmentOffer:
    """The server's answer to an enrolment code: neither trusted nor stored yet."""

    server_url: str
    answer: EnrolResponse
    ca_fingerprint: str  # SHA-256 of the territory CA the server returned
    provisioned: bool  # the CA is checked against the provisioned one, not a person


def enroll(
    session: Session,
    server_url: str,
    code: str,
    passphrase: str = "",
    *,
    key: ec.EllipticCurvePrivateKey | None = None,
    stall_timeout: float = 30,
    insecure: bool = False,
    ca_fingerprint: str | None = None,
    confirm_ca: Callable[[str], bool] | None = None,
) -> Enrolment:
    """Enrol the device with the code an administrator gave; ``passphrase`` is the unlocking
    counsellor's (it unwraps their signing key to sign the certificate request), unless the
    caller already holds that ``key`` unwrapped.

    The territory CA the server returns is checked (:mod:`.ca_trust`): against the
    provisioned one, else against ``ca_fingerprint`` (the administrator's), else shown to
    ``confirm_ca``; with none of these the code is not even sent. ``insecure`` lets plain
    ``http://`` reach another host (:mod:`.transport_policy`)."""
    if session.store.is_demo:
        raise DemoStoreRefused()
    check_server_url(server_url, insecure=insecure)
    expected = parse_fingerprint(ca_fingerprint) if ca_fingerprint else None
    if expected is None and confirm_ca is None and not is_provisioned():
        raise CaFingerprintRequired()  # before the code is spent on an answer nobody can check
    offer = request_enrolment(
        session,
        server_url,
        code,
        passphrase,
        key=key,
        stall_timeout=stall_timeout,
        insecure=insecure,
    )
    if expected is None and not offer.provisioned:
        if confirm_ca is None or not confirm_ca(offer.ca_fingerprint):
            raise CaNotConfirmed()
        expected = offer.ca_fingerprint
    return accept_enrolment(session, offer, expected)


def request_enrolment(
    session: Session,
    server_url: str,
    code: str,
    passphrase: str = "",
    *,
    key: ec.EllipticCurvePrivateKey | None = None,
    stall_timeout: float = 30,
    insecure: bool = False,
) -> EnrolmentOffer:
    """Send the code and the CSR; return the answer without storing anything."""
    if session.store.is_demo:
        raise DemoStoreRefused()
    server_url = server_url.strip().rstrip("/")
    check_server_url(server_url, insecure=insecure)  # before the CSR: nothing to undo
    try:
        code = EnrolRequest(code=code.strip()).code
    except ValidationError:
        raise MalformedCode() from None  # before the CSR: nothing sent, nothing to undo
    me = session.counsellor
    csr = csr_for(session, me.id, me.display_name, passphrase, key)
    mine = CounsellorCsr(
        account_id=me.id, display_name=me.display_name, field=me.field.value, csr_pem=csr
    )
    pinned = ca_file(session.data_dir)
    client = SyncClient(server_url, ca_file=pinned, stall_timeout=stall_timeout, insecure=insecure)
    try:
        answer = client.enroll(EnrolRequest(code=code, counsellors=[mine]))
    finally:
        client.close()
    return EnrolmentOffer(
        server_url, answer, fingerprint_of(answer.ca_certificate_pem), is_provisioned()
    )


def accept_enrolment(
    session: Session, offer: EnrolmentOffer, ca_fingerprint: str | None
) -> Enrolment:
    """Check the offer's territory CA (:func:`.ca_trust.verify_territory_ca`), then store the
    enrolment; on any refusal nothing is stored."""
    answer, server_url = offer.answer, offer.server_url
    verify_territory_ca(answer.ca_certificate_pem, ca_fingerprint)
    previous = enrolment_of(session)
    if previous is not None and previous.territory and previous.territory != answer.territory:
        raise OtherTerritory()
    with session.uow() as uow:
        for name, value in (
            ("server_url", server_url),
            ("device_id", str(answer.device_id)),
            ("token", answer.token),
            ("territory", answer.territory),
            ("structure", answer.structure),
        ):
            uow.meta.set(KEYS[name], value)
        for issued in answer.certificates:
            install_certificate(uow, issued, answer.ca_certificate_pem)
        uow.audit.record(AuditAction.SYNCED, "device", answer.device_id)
    _pin_ca(session.data_dir, answer.ca_certificate_pem)
    config = load_config(session.data_dir)
    if config is not None:
        config.server_url = server_url
        save_config(session.data_dir, config)
    log.info("device enrolled as %s", answer.device_id)
    result = enrolment_of(session)
    assert result is not None
    return result


def csr_for(
    session: Session,
    account_id: uuid.UUID,
    name: str,
    passphrase: str,
    key: ec.EllipticCurvePrivateKey | None = None,
) -> str:
    if key is None:
        with session.uow(read_only=True) as uow:
            current = uow.signing_keys.current_for(account_id)
        if current is None:
            raise NotEnrolled()  # no signing identity yet: made at the account's first signing
        key = unwrap_private_key(current.wrapped_key, passphrase)
    return csr_pem(name, key)


def csr_pem(name: str, key: ec.EllipticCurvePrivateKey) -> str:
    """A certificate signing request for ``name``, signed by its own key."""
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def install_certificate(uow: Any, issued: IssuedCertificate, ca_pem: str) -> None:
    """The territory certificate becomes the account's current identity (same key); the
    self-signed one is kept, replaced, so earlier signatures stay verifiable."""
    current = uow.signing_keys.current_for(issued.account_id)
    if current is None:
        return
    certificate = x509.load_pem_x509_certificate(issued.certificate_pem.encode("ascii"))
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    mine = x509.load_pem_x509_certificate(current.certificate_pem.encode("ascii"))
    if certificate.public_key().public_bytes(*raw) != mine.public_key().public_bytes(*raw):
        raise CorruptResponse("the issued certificate is not for this account's key")
    uow.signing_keys.add(
        SigningKey(
            counsellor_id=issued.account_id,
            wrapped_key=current.wrapped_key,
            certificate_pem=issued.certificate_pem,
            chain_pem=ca_pem,
        )
    )


def _pin_ca(data_dir: Path, pem: str) -> None:
    path = ca_file(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(pem, encoding="ascii")
    tmp.replace(path)
