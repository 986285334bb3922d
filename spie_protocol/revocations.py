"""What a territory's revocation list revokes, as one digest both sides compute alike.

The server makes its CRL afresh on each request (new dates, a new number), so two CRLs are
compared by their content: the revoked serial numbers, each with its revocation date and
reason. A device that keeps a CRL with the digest the server announces at sync
(``SyncStatus.revocations_sha256``) and that is not about to expire does not fetch it again.
"""

from __future__ import annotations

import hashlib

from cryptography import x509


def revocations_digest(der: bytes) -> str:
    """SHA-256 (hex) of the sorted ``serial date reason`` lines of a DER CRL; ValueError if
    ``der`` is not a CRL."""
    crl = x509.load_der_x509_crl(der)
    lines = []
    for entry in crl:
        try:
            reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.value
        except x509.ExtensionNotFound:
            reason = ""
        when = entry.revocation_date_utc.isoformat()
        lines.append(f"{entry.serial_number:x} {when} {reason}")
    return hashlib.sha256("\n".join(sorted(lines)).encode("ascii")).hexdigest()
