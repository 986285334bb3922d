"""The territory's revocation list, fetched at sync and kept beside the store.

``GET /v1/crl`` answers the territory CA's CRL (DER). It is public, so it is kept in clear
in the data directory (``territory-crl.der``), where ``plan verify`` finds it without
unlocking the store; it is kept only when signed by the CA pinned at enrolment. It is not
fetched again while the one kept revokes what the server's does (the digest the last pull
page announces) and is more than ``REFRESH_BEFORE`` from its next update.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from spie_protocol.revocations import revocations_digest

log = logging.getLogger(__name__)

CRL_FILE = "territory-crl.der"
REFRESH_BEFORE = timedelta(days=3)  # the server's CRLs are valid seven days


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


def crl_is_current(data_dir: Path, revocations_sha256: str) -> bool:
    """Whether the kept CRL revokes what the server's revokes now (``revocations_sha256``)
    and is not about to expire: then it need not be fetched again."""
    try:
        der = crl_file(data_dir).read_bytes()
        next_update = x509.load_der_x509_crl(der).next_update_utc
    except (OSError, ValueError):
        return False
    if next_update is None or next_update - REFRESH_BEFORE < datetime.now(UTC):
        return False
    return revocations_digest(der) == revocations_sha256
