"""Each territory's certificate authority (ECDSA P-256) and the counsellor certificates it issues.

Counsellor certificates sign plan PDFs (PAdES): key usage digitalSignature + nonRepudiation,
subject CN from the CSR, O = the device's structure, and in subjectAltName the account id and
the counsellor's field as URIs (``urn:spie:account:<uuid>``, ``urn:spie:field:social|emploi``,
see :mod:`spie_protocol.certificates`): that is what ``plan verify`` reads to know which half
of the plan a signature stands for.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from spie_protocol.certificates import account_urn, field_urn

CA_VALIDITY = timedelta(days=3650)
CERT_VALIDITY = timedelta(days=3 * 365)


class CsrError(ValueError):
    """A certificate signing request the CA will not sign (message names the reason)."""


@dataclass(frozen=True)
class NewCa:
    cert_pem: str
    encrypted_key_pem: bytes


def create_ca(territory_code: str, territory_name: str, secret: bytes) -> NewCa:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"SPIE {territory_code} CA"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, territory_name[:64] or territory_code),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + CA_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encrypted = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(secret),
    )
    return NewCa(cert.public_bytes(serialization.Encoding.PEM).decode("ascii"), encrypted)


def load_csr(csr_pem: str) -> x509.CertificateSigningRequest:
    """Parse and check a CSR: valid PEM, self-signature valid, ECDSA P-256 key, a CN."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("utf-8"))
    except (ValueError, UnicodeEncodeError):
        raise CsrError("not a PEM certificate signing request") from None
    try:
        valid = csr.is_signature_valid
    except (ValueError, InvalidSignature):
        valid = False
    if not valid:
        raise CsrError("the request's signature does not match its key")
    key = csr.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise CsrError("the key must be ECDSA P-256")
    if not csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME):
        raise CsrError("the request has no common name (CN)")
    return csr


@dataclass(frozen=True)
class Holder:
    """Whose certificate: written into the subject (O) and subjectAltName (account, field)."""

    account_id: uuid.UUID
    field: str
    structure: str


def load_ca_key(encrypted_key_pem: bytes, secret: bytes) -> ec.EllipticCurvePrivateKey:
    ca_key = serialization.load_pem_private_key(encrypted_key_pem, password=secret)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise TypeError("territory CA key is not an EC key")
    return ca_key


def issue_certificate(
    csr: x509.CertificateSigningRequest,
    holder: Holder,
    ca_cert_pem: str,
    encrypted_key_pem: bytes,
    secret: bytes,
) -> tuple[str, str]:
    """Sign ``csr`` with the territory CA; return (serial as hex, certificate PEM)."""
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem.encode("ascii"))
    ca_key = load_ca_key(encrypted_key_pem, secret)
    structure = holder.structure
    common_name = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, str(common_name)),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, structure[:64]),
        ]
    )
    serial = int.from_bytes(secrets.token_bytes(16), "big") >> 1
    now = datetime.now(UTC)
    public_key = csr.public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise CsrError("the key must be ECDSA P-256")
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(serial)
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + CERT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.UniformResourceIdentifier(account_urn(holder.account_id)),
                    x509.UniformResourceIdentifier(field_urn(holder.field)),
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    return f"{serial:x}", cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
