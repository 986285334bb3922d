"""The SHA-256 fingerprint of a certificate, as an administrator reads it out to a counsellor.

The server prints it (``spie-server territory ca-cert``) and the desktop compares it with the
territory CA the server returns at enrolment; both sides use these two functions so that the
spelling (colons, case, spaces) never matters.
"""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives import hashes


def certificate_fingerprint(pem: str) -> str:
    """``AB:CD:…`` (32 upper-case hex pairs) over the certificate's DER encoding."""
    digest = x509.load_pem_x509_certificate(pem.encode("ascii")).fingerprint(hashes.SHA256())
    return ":".join(f"{byte:02X}" for byte in digest)


def normalise_fingerprint(text: str) -> str:
    """The same fingerprint whatever its spelling: hex digits only, upper case, with colons;
    ``ValueError`` if ``text`` is not 64 hex digits once colons and spaces are dropped."""
    digits = "".join(c for c in text if c not in ": \t-").upper()
    if len(digits) != 64 or any(c not in "0123456789ABCDEF" for c in digits):
        raise ValueError("a SHA-256 fingerprint is 64 hexadecimal digits")
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))
