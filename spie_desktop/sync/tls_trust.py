"""Which certificates HTTPS trusts: the system's authorities plus the pinned territory CA.

A territory server usually sits behind the département's reverse proxy, whose certificate comes
from a public authority; a smaller territory may instead serve TLS with a certificate of its own
CA. Trusting only one of the two broke the other shape after enrolment, so the client trusts
both: requests' CA bundle with the territory CA appended, written once next to the pinned CA
(public certificates only, nothing personal).
"""

from __future__ import annotations

import os
from pathlib import Path

import certifi

BUNDLE_FILE = "tls-trust.pem"


def tls_verify(ca_file: Path | None) -> bool | str:
    """``verify=`` for requests: the default bundle, or it plus ``ca_file`` when pinned."""
    if ca_file is None or not ca_file.exists():
        return True
    return str(_bundle(ca_file))


def _bundle(ca_file: Path) -> Path:
    pinned = ca_file.read_bytes()
    system = Path(certifi.where()).read_bytes()
    wanted = system.rstrip(b"\n") + b"\n" + pinned
    bundle = ca_file.with_name(BUNDLE_FILE)
    try:
        if bundle.read_bytes() == wanted:
            return bundle
    except OSError:
        pass
    staging = bundle.with_name(f".{BUNDLE_FILE}.{os.getpid()}")
    staging.write_bytes(wanted)
    os.replace(staging, bundle)
    return bundle
