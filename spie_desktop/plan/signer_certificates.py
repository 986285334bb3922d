"""What a signature's CMS says about its signer's certificate, checked before it is believed.

* :func:`embedded_disagreement`: the certificates embedded in the CMS must not contradict
  each other or the one pyHanko validated — two certificates with the same issuer and serial
  but different bytes, or a copy of the signer's certificate that is not byte-identical to
  the validated one, or an ESS signing-certificate attribute naming another certificate.
  (A CMS that embedded the signer twice let a verifier show an edited copy's name.)
* :func:`counsellor_field`: the counsellor's field from the certificate's subjectAltName
  (``urn:spie:field:…``, written by the territory CA; see :mod:`spie_protocol.certificates`).
* :func:`revocation_of`: the entry of a CRL (signed by a trust root) listing the certificate:
  when it was revoked and whether merely as ``superseded``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from spie_protocol.certificates import field_of


def embedded_disagreement(
    signed_data: cms.SignedData, signer_info: cms.SignerInfo, signer: asn1_x509.Certificate
) -> str | None:
    """An English reason when the embedded certificates disagree; None when consistent."""
    seen: dict[tuple[bytes, int], bytes] = {}
    for choice in signed_data["certificates"] or []:
        if choice.name != "certificate":
            return "an embedded certificate of another kind"
        cert = choice.chosen
        key = (cert.issuer.dump(), cert.serial_number)
        if seen.setdefault(key, cert.dump()) != cert.dump():
            return "two embedded certificates share an issuer and serial but differ"
    signer_key = (signer.issuer.dump(), signer.serial_number)
    if seen.get(signer_key) != signer.dump():
        return "the validated signer certificate is not the one embedded"
    sid = signer_info["sid"]
    if sid.name != "issuer_and_serial_number":
        return "the signer is not identified by issuer and serial"
    named = sid.chosen
    if (named["issuer"].dump(), named["serial_number"].native) != signer_key:
        return "the signer identifier names another certificate"
    return _ess_disagreement(signer_info, signer)


def _ess_disagreement(signer_info: cms.SignerInfo, signer: asn1_x509.Certificate) -> str | None:
    for attribute in signer_info["signed_attrs"] or []:
        if attribute["type"].native != "signing_certificate_v2":
            continue
        for value in attribute["values"]:
            first = value["certs"][0]
            algorithm = first["hash_algorithm"]["algorithm"].native
            if algorithm != "sha256":
                return f"signing-certificate attribute hashed with {algorithm}"
            if first["cert_hash"].native != hashlib.sha256(signer.dump()).digest():
                return "the signing-certificate attribute names another certificate"
    return None


def counsellor_field(cert: asn1_x509.Certificate) -> str | None:
    names = cert.subject_alt_name_value
    if names is None:
        return None
    uris = [n.native for n in names if n.name == "uniform_resource_identifier"]
    return field_of(uris)


def usable_crls(
    crls: Sequence[x509.CertificateRevocationList], roots: Sequence[x509.Certificate]
) -> list[x509.CertificateRevocationList] | None:
    """The CRLs, each checked as signed by one of ``roots``; None if one is not."""
    usable = []
    for crl in crls:
        issuers = [r for r in roots if r.subject == crl.issuer]
        if not any(_signed_by(crl, root) for root in issuers):
            return None
        usable.append(crl)
    return usable


@dataclass(frozen=True)
class Revocation:
    date: datetime  # aware, UTC
    superseded: bool  # reason ``superseded``: replaced by a new key, not compromised


def revocation_of(
    cert: asn1_x509.Certificate, crls: Sequence[x509.CertificateRevocationList]
) -> Revocation | None:
    """How a CRL lists ``cert``; None when none does. A compromise in any CRL wins."""
    issuer = x509.load_der_x509_certificate(cert.dump()).issuer
    listed = []
    for crl in crls:
        entry = (
            crl.get_revoked_certificate_by_serial_number(cert.serial_number)
            if crl.issuer == issuer
            else None
        )
        if entry is not None:
            superseded = _reason(entry) == x509.ReasonFlags.superseded
            listed.append(Revocation(entry.revocation_date_utc, superseded))
    if not listed:
        return None
    return min(listed, key=lambda r: (r.superseded, r.date))


def _reason(entry: x509.RevokedCertificate) -> x509.ReasonFlags | None:
    try:
        return entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        return None


def _signed_by(crl: x509.CertificateRevocationList, root: x509.Certificate) -> bool:
    key = root.public_key()
    return isinstance(key, ec.EllipticCurvePublicKey) and crl.is_signature_valid(key)
