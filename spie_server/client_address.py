"""Which address a request comes from, for rate limits.

By default the TCP peer, whatever the headers say: any client can write ``X-Forwarded-For``.
Only when the administrator names trusted proxies (``spie-server run --trusted-proxy`` or
``SPIE_SERVER_TRUSTED_PROXIES``) and the peer is one of them is the header read, from the
right: each trusted proxy appends the address it saw, so the rightmost address that is not a
trusted proxy is the first one nobody trustworthy vouches beyond — the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/8``, ``::1``); ``ValueError`` if bad."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"trusted proxy must be an IP address or network, not {value!r}"
            ) from None
    return tuple(networks)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str:
    """The address to key limits on: ``peer`` unless it is a trusted proxy, then the rightmost
    untrusted hop of the ``X-Forwarded-For`` header values (in the order they arrived)."""
    address = peer or "unknown"
    if not trusted or not _is_trusted(address, trusted):
        return address
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop[:64]  # a key, not a parsed address: bounded whatever the proxy sent
        address = hop
    return address


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)
