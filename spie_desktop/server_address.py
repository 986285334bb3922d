"""Which server addresses are loopback: the only ones ``http://`` may reach.

Bearer tokens, names and phone numbers cross the wire, so anything leaving this computer goes
over TLS. Plain ``http://`` stays possible towards this computer itself — tests, or a local
TLS-terminating proxy — which is 127.0.0.0/8, ::1 and the name ``localhost``. No name is
resolved here: deciding must never touch the network.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = {"localhost", "localhost."}


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_clear_text_to_another_host(url: str) -> bool:
    """``http://`` to anything but this computer."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() == "http" and not is_loopback_host(parts.hostname)
