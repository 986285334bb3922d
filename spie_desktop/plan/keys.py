"""Each counsellor's signing identity: an ECDSA P-256 key and its certificate.

At set-up the certificate is self-signed; at enrolment the territory server issues one for
the same key (replace :attr:`SigningIdentity.certificate`). The private key never exists in
clear outside memory: it is stored wrapped under the counsellor's own passphrase
(:func:`wrap_private_key`), on top of the store's encryption, so that on a shared laptop one
counsellor cannot sign for the other. The blob is JSON, like a key slot: Argon2id parameters,
nonce, and the PKCS#8 key sealed with AES-256-GCM; the associated data binds the parameters,
so lowering them in the blob breaks the seal.
"""

from __future__ import annotations

import base64
import json
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

from spie_desktop.domain.organisation import Field

from .errors import SigningKeyUnreadable, WrongSigningPassphrase

FORMAT = "spie-signing-key/1"
VALIDITY = timedelta(days=5 * 365)
MIN_TIME_COST = 3
MIN_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True)
class SigningIdentity:
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def generate_signing_identity(
    common_name: str, organisation: str, field: Field, now: datetime | None = None
) -> SigningIdentity:
    """A new key pair and a self-signed certificate valid five years."""
    key = ec.generate_private_key(ec.SECP256R1())
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, field.label))
    name = x509.Name(attributes)
    start = (now or datetime.now(UTC)) - timedelta(minutes=5)  # tolerate a clock a bit behind
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # nonRepudiation
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(key, certificate)


def wrap_private_key(
    key: ec.EllipticCurvePrivateKey,
    passphrase: str,
    *,
    time_cost: int = 3,
    memory_kib: int = MIN_MEMORY_KIB,
    parallelism: int = 2,
) -> bytes:
    """The key sealed under ``passphrase`` (Argon2id + AES-256-GCM), as JSON bytes."""
    kdf = {
        "name": "argon2id",
        "t": time_cost,
        "m": memory_kib,
        "p": parallelism,
        "salt": _b64(secrets.token_bytes(16)),
    }
    _check_kdf(kdf)
    nonce = secrets.token_bytes(12)
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    sealed = AESGCM(_derive(passphrase, kdf)).encrypt(nonce, plain, _aad(kdf))
    blob = {"format": FORMAT, "kdf": kdf, "nonce": _b64(nonce), "key": _b64(sealed)}
    return json.dumps(blob, sort_keys=True).encode("utf-8")


def unwrap_private_key(blob: bytes, passphrase: str) -> ec.EllipticCurvePrivateKey:
    """The key sealed in ``blob``; :class:`WrongSigningPassphrase` if the passphrase differs."""
    try:
        data = json.loads(blob.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise SigningKeyUnreadable("unknown format")
        kdf = data["kdf"]
        nonce, sealed = _unb64(data["nonce"]), _unb64(data["key"])
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise SigningKeyUnreadable(type(exc).__name__) from None
    _check_kdf(kdf)
    if not passphrase:
        raise WrongSigningPassphrase()
    try:
        plain = AESGCM(_derive(passphrase, kdf)).decrypt(nonce, sealed, _aad(kdf))
    except InvalidTag:
        raise WrongSigningPassphrase() from None
    key = serialization.load_der_private_key(plain, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningKeyUnreadable("not an EC key")
    return key


def _check_kdf(kdf: Any) -> None:
    try:
        ok = (
            kdf["name"] == "argon2id"
            and MIN_TIME_COST <= int(kdf["t"]) <= 64
            and MIN_MEMORY_KIB <= int(kdf["m"]) <= 4 * 1024 * 1024
            and 1 <= int(kdf["p"]) <= 64
            and len(_unb64(kdf["salt"])) >= 16
        )
    except (KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        raise SigningKeyUnreadable("key derivation parameters missing or too weak")


def _derive(passphrase: str, kdf: dict[str, Any]) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hash_secret_raw(
        secret=secret,
        salt=_unb64(kdf["salt"]),
        time_cost=int(kdf["t"]),
        memory_cost=int(kdf["m"]),
        parallelism=int(kdf["p"]),
        hash_len=32,
        type=Type.ID,
    )


def _aad(kdf: dict[str, Any]) -> bytes:
    return json.dumps({"format": FORMAT, "kdf": kdf}, sort_keys=True).encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
