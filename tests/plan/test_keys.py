"""Counsellors' signing keys: certificates, and keys wrapped under each one's passphrase."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from spie_desktop.plan.errors import SigningKeyUnreadable, WrongSigningPassphrase
from spie_desktop.plan.keys import unwrap_private_key, wrap_private_key
from spie_desktop.plan.signed_plan import CounsellorKey
from tests.plan.conftest import Identities

# The key derivation is what these tests are about: the real Argon2id cost.
pytestmark = pytest.mark.real_kdf


def _der(key: object) -> bytes:
    return key.private_bytes(  # type: ignore[attr-defined, no-any-return]
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def test_certificate_names_usage_and_validity(identities: Identities) -> None:
    cert = identities.social.certificate
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Nadia Benali"
    organisation = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert organisation == "Conseil départemental de l'Aveyron"
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    life = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert timedelta(days=5 * 365 - 1) <= life <= timedelta(days=5 * 366)
    assert identities.social.certificate_pem.startswith(b"-----BEGIN CERTIFICATE-----")


def test_each_key_opens_only_with_its_own_passphrase(identities: Identities) -> None:
    nadia_blob = wrap_private_key(identities.social.private_key, "Nadia : rivière de l'Aveyron")
    julien_blob = wrap_private_key(identities.emploi.private_key, "Julien pêche à Rodez")
    assert _der(unwrap_private_key(nadia_blob, "Nadia : rivière de l'Aveyron")) == _der(
        identities.social.private_key
    )
    with pytest.raises(WrongSigningPassphrase) as caught:
        unwrap_private_key(nadia_blob, "Julien pêche à Rodez")
    assert (
        caught.value.message_fr == "Phrase de passe incorrecte : la signature n'a pas été apposée."
    )
    with pytest.raises(WrongSigningPassphrase):
        CounsellorKey.unlock("Julien Roux", julien_blob, "", identities.emploi.certificate)
    assert b"BEGIN" not in nadia_blob and _der(identities.social.private_key) not in nadia_blob


def test_blob_records_strong_parameters_and_refuses_weakened_ones(identities: Identities) -> None:
    blob = wrap_private_key(identities.social.private_key, "phrase")
    data = json.loads(blob)
    assert data["kdf"]["name"] == "argon2id" and data["kdf"]["m"] >= 65536 and data["kdf"]["t"] >= 3
    data["kdf"]["m"] = 1024
    with pytest.raises(SigningKeyUnreadable):
        unwrap_private_key(json.dumps(data).encode(), "phrase")
    with pytest.raises(SigningKeyUnreadable):
        unwrap_private_key(b"not json at all", "phrase")


def test_a_key_cannot_be_paired_with_another_counsellors_certificate(
    identities: Identities,
) -> None:
    from spie_desktop.plan.errors import SigningFailed

    blob = wrap_private_key(identities.social.private_key, "phrase")
    with pytest.raises(SigningFailed):
        CounsellorKey.unlock("Nadia Benali", blob, "phrase", identities.emploi.certificate)
    key = CounsellorKey.unlock("Nadia Benali", blob, "phrase", identities.social.certificate)
    assert key.name == "Nadia Benali"
