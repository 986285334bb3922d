"""Record (and refuse) every DNS lookup and connection a test's process attempts.

A refusal "before any connection attempt" is only proven if an attempt would have been seen:
``socket.getaddrinfo`` (what requests/urllib3 call first) and ``socket.socket.connect`` are
replaced by functions that note the call and fail it. ``allow`` names hosts that may still be
reached, mapped to where they really go (a name standing for 127.0.0.1, say).
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class NetworkGuard:
    attempts: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # name → address it resolves to


def install_network_guard(monkeypatch: pytest.MonkeyPatch) -> NetworkGuard:
    """Patch the process's sockets for one test (``monkeypatch`` undoes it)."""
    guard = NetworkGuard()
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in guard.aliases:
            guard.attempts.append(f"resolve {name}")
            return real_getaddrinfo(guard.aliases[name], *args, **kwargs)
        if name in ("127.0.0.1", "localhost", "::1"):
            return real_getaddrinfo(host, *args, **kwargs)
        guard.attempts.append(f"resolve {name}")
        raise socket.gaierror(socket.EAI_NONAME, "network guard: lookup refused")

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "::1") and not isinstance(address, (str, bytes)):
            guard.attempts.append(f"connect {host}")
            raise ConnectionRefusedError("network guard: connection refused")
        real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return guard
