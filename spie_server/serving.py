"""How the territory server is served: one uvicorn, one set of options.

``spie-server run`` serves the sync API with :func:`serve`, and so does the bench's null
server (``bench/null_server.py``), so that the floor of the crowd figures is always measured
with the same HTTP stack as the server itself.
"""

from __future__ import annotations

import socket
from typing import Any

#: uvicorn's options for every process that serves as the territory server does.
PRODUCTION_OPTIONS: dict[str, Any] = {
    # The peer address stays the TCP peer: uvicorn would otherwise believe X-Forwarded-For
    # from 127.0.0.1 (its default forwarded_allow_ips), and any local client could pick its
    # own rate-limit key. Trusted proxies are the app's business (client_address.py).
    "proxy_headers": False,
    "log_level": "warning",
    "access_log": False,
    # Longer than clients' and load balancers' idle timeouts, so the server is not the one
    # closing a kept-alive connection just as a request goes out on it.
    "timeout_keep_alive": 75,
}


def serve(factory: str, host: str, port: int, workers: int) -> None:
    """Serve the ASGI app built by ``factory`` ("module:function", imported by each worker)
    on ``host``:``port`` in ``workers`` processes, until a signal ends it."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        factory, factory=True, host=host, port=port, workers=workers, **PRODUCTION_OPTIONS
    )
    if workers <= 1:
        uvicorn.Server(config).run()
        return
    sock = config.bind_socket()
    # Workers rebuild the listening socket from its descriptor, and asyncio then no longer
    # knows it is TCP, so it leaves Nagle's algorithm on: every answer waited ~40 ms for a
    # delayed ACK. Linux passes TCP_NODELAY from the listening socket to accepted ones.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    Multiprocess(config, sockets=[sock]).run()
