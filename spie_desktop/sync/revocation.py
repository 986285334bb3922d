"""The territory's revocation list, fetched at sync and kept beside the store.

``GET /v1/crl`` answers the territory CA's CRL (DER). It is public, so it is kept in clear
in the data directory (``territory-crl.der``), where ``plan verify`` finds it without
unlocking the store; it is kept only when signed by the CA pinned at enrolment.
"""

from __future__ import annotations

import logging
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

log = logging.getLogger(__name__)

CRL_FILE = "territory-crl.der"


def crl_file(data_dir: Path) -> Path:
    return data_dir / CRL_FILE


def keep_crl(data_dir: Path, der: bytes, ca_pem: str) -> bool:
    """Store ``der`` if it is a CRL signed by the CA ``ca_pem``; True if stored."""
    try:
        crl = x509.load_der_x509_crl(der)
        ca = x509.load_pem_x509_certificate(ca_pem.encode("ascii"))
    except ValueError:
        log.warning("revocation list not kept: unreadable")
        return False
    key = ca.public_key()
    if (
        crl.issuer != ca.subject
        or not isinstance(key, ec.EllipticCurvePublicKey)
        or not crl.is_signature_valid(key)
    ):
        log.warning("revocation list not kept: not signed by the territory CA")
        return False
    path = crl_file(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(der)
    tmp.replace(path)
    return True
