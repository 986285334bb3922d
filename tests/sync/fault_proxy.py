"""A user-space bad link between a sync client and a real server, both on 127.0.0.1.

No ``tc netem`` here (STACK-NOTES): this threaded HTTP proxy shapes and breaks the link
instead. It reads one whole request from the client, decides its fate, talks to the server
over a fresh connection, and answers with ``Connection: close`` so every request is one
exchange it controls — unless made with ``keep_alive=True``: it then keeps the client's
connection open between requests, as a real link with HTTP keep-alive does, still talking to
the server over a fresh connection per request. It can:

- pace bytes to a bandwidth (both ways) and add a round-trip delay per request, plus
  ``handshake_rtts`` round trips for each new client connection (TCP, TLS: what keep-alive
  saves on a real link);
- ``drop_request``: close the client's connection without forwarding anything;
- ``drop_response``: forward (the server commits), then close without answering;
- ``duplicate``: forward the request twice (the server sees it twice);
- ``reorder``: keep a copy and deliver it late, after the next request (a stale replay);
- ``cut_request``: forward only part of the body, then hang up (the server sees a cut body);
- ``cut_response``: answer only part of the response, then hang up;
- ``error503``: answer ``503`` without forwarding (an overloaded server);
- ``portal``: answer ``200 text/html`` like a captive portal, without forwarding;
- ``down``: refuse every request (server unreachable) until switched back;
- ``hold()``: keep every matching request in the link until ``release()`` (one that crawls).

Faults come from a script (a queue of actions for the next matching requests) or at random
with given probabilities, from a seeded RNG. It counts the bytes that crossed it, and keeps
every request it read (:meth:`bodies`), to compare what the client sent on each attempt.
"""

from __future__ import annotations

import contextlib
import random
import socket
import socketserver
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email.utils import formatdate

ACTIONS = (
    "drop_request",
    "drop_response",
    "duplicate",
    "reorder",
    "cut_request",
    "cut_response",
)
_PORTAL_BODY = b"<html><body>Connectez-vous au Wi-Fi de la mairie</body></html>\n"
PORTAL_PAGE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
    + f"Content-Length: {len(_PORTAL_BODY)}\r\nConnection: close\r\n\r\n".encode()
    + _PORTAL_BODY
)

_BUSY = b'{"error":{"code":"unavailable","message":"try later"}}'
UNAVAILABLE = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
    + f"Content-Length: {len(_BUSY)}\r\nConnection: close\r\n\r\n".encode()
    + _BUSY
)


@dataclass
class LinkShape:
    bandwidth_bps: float | None = None  # bits per second, each way; None: unlimited
    rtt_s: float = 0.0
    cut_share: float = 0.0  # share of exchanges whose response is cut part-way
    handshake_rtts: float = 0.0  # round trips to open a connection (TCP 1, + TLS 1.3 1)


@dataclass
class Stats:
    bytes_up: int = 0  # client -> server
    bytes_down: int = 0  # server -> client
    requests: int = 0
    connections: int = 0  # client connections that carried at least one request
    faults: dict[str, int] = field(default_factory=dict)


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        shape: LinkShape | None = None,
        seed: int = 0,
        probabilities: dict[str, float] | None = None,
        only_paths: tuple[str, ...] = ("/v1/",),
        keep_alive: bool = False,
    ) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.shape = shape or LinkShape()
        self.rng = random.Random(seed)
        self.probabilities = dict(probabilities or {})
        self.only_paths = only_paths
        self.keep_alive = keep_alive
        self.script: deque[str] = deque()
        self.mode = "up"  # "up", "down" or "portal"
        self.date_offset_s = 0.0  # shift the Date header of answers (a server clock ahead)
        self.stats = Stats()
        self._late: list[bytes] = []
        self._lock = threading.Lock()
        self._open = threading.Event()
        self._open.set()
        self.held = 0  # requests waiting in the link right now
        self.requests: list[bytes] = []  # every request read from the client, whole
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._serve(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def next(self, *actions: str) -> None:
        """Script the fate of the next matching requests, in order."""
        self.script.extend(actions)

    def hold(self) -> None:
        """Requests read from now on wait in the link until :meth:`release`."""
        self._open.clear()

    def bodies(self, method: str, path: str) -> list[bytes]:
        """The bodies (as sent: not decompressed) of the requests read for ``method path``."""
        start = f"{method} {path} ".encode("ascii")
        with self._lock:
            return [r.partition(b"\r\n\r\n")[2] for r in self.requests if r.startswith(start)]

    def release(self) -> None:
        self._open.set()

    def close(self) -> None:
        self._open.set()
        self._server.shutdown()
        self._server.server_close()

    # -- one exchange ---------------------------------------------------------------------------

    def _serve(self, client: socket.socket) -> None:
        client.settimeout(30)
        first = True
        while True:
            try:
                read = _read_request(client)
            except OSError:
                read = None
            if read is None:
                client.close()
                return
            request, wants_keep_alive = read
            if first:
                with self._lock:
                    self.stats.connections += 1
                self._sleep(self.shape.handshake_rtts * self.shape.rtt_s)
                first = False
            if not self._exchange(client, request, wants_keep_alive):
                return

    def _exchange(self, client: socket.socket, request: bytes, wants_keep_alive: bool) -> bool:
        """One request; True when the client's connection stays open for the next one."""
        self._count(up=len(request))
        with self._lock:
            self.requests.append(request)
        if not self._open.is_set() and self._matches(request):
            with self._lock:
                self.held += 1
            self._open.wait(60)
            with self._lock:
                self.held -= 1
        self._pace(len(request))
        self._sleep(self.shape.rtt_s / 2)
        if self.mode == "down":
            client.close()
            return False
        if self.mode == "portal":
            self._send(client, PORTAL_PAGE, len(PORTAL_PAGE))
            return False
        action = self._decide(request)
        if action:
            with self._lock:
                self.stats.faults[action] = self.stats.faults.get(action, 0) + 1
        if action == "drop_request":
            client.close()
            return False
        if action == "error503":
            self._send(client, UNAVAILABLE, len(UNAVAILABLE))
            return False
        if action == "cut_request":
            _forward(self.upstream, request[: max(1, len(request) * 2 // 3)], wait=False)
            client.close()
            return False
        response = _forward(self.upstream, request)
        if action == "duplicate":
            response = _forward(self.upstream, request) or response
        if action == "reorder":
            self._late.append(request)
        elif self._late:
            for late in self._late:
                _forward(self.upstream, late)
            self._late.clear()
        if action == "drop_response" or not response:
            client.close()
            return False
        self._sleep(self.shape.rtt_s / 2)
        if self.date_offset_s:
            response = _shift_date(response, self.date_offset_s)
        limit = len(response)
        cut = action == "cut_response"
        if not cut and self._random_cut():
            cut = True
            with self._lock:
                self.stats.faults["cut_share"] = self.stats.faults.get("cut_share", 0) + 1
        keep = self.keep_alive and not cut and wants_keep_alive
        if keep:
            response, keep = _kept_open(response)
        limit = len(response)
        if cut:
            limit = max(1, int(len(response) * self.rng.uniform(0.2, 0.9)))
        self._send(client, response, limit, keep=keep)
        return keep

    def _matches(self, request: bytes) -> bool:
        path = request.split(b" ", 2)[1].decode("latin-1") if b" " in request else ""
        return any(path.startswith(p) for p in self.only_paths)

    def _decide(self, request: bytes) -> str | None:
        if not self._matches(request):
            return None
        with self._lock:
            if self.script:
                action = self.script.popleft()
                return None if action == "pass" else action
            for action, share in self.probabilities.items():
                if self.rng.random() < share:
                    return action
        return None

    def _random_cut(self) -> bool:
        with self._lock:
            return self.shape.cut_share > 0 and self.rng.random() < self.shape.cut_share

    def _send(self, client: socket.socket, data: bytes, limit: int, keep: bool = False) -> None:
        sent = False
        try:
            step = 1460
            for start in range(0, limit, step):
                part = data[start : min(limit, start + step)]
                self._pace(len(part))
                client.sendall(part)
                self._count(down=len(part))
            sent = True
        except OSError:
            pass
        if keep and sent:
            return
        with contextlib.suppress(OSError):
            client.shutdown(socket.SHUT_RDWR)
        client.close()

    def _pace(self, size: int) -> None:
        if self.shape.bandwidth_bps:
            self._sleep(size * 8 / self.shape.bandwidth_bps)

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    def _count(self, up: int = 0, down: int = 0) -> None:
        with self._lock:
            self.stats.bytes_up += up
            self.stats.bytes_down += down
            if up:
                self.stats.requests += 1


def _read_request(sock: socket.socket) -> tuple[bytes, bool] | None:
    """The next request on the client's connection, its ``Connection`` header replaced by
    ``close`` (one exchange per server connection), and whether the client would keep its
    own connection (HTTP/1.1 without ``Connection: close``)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    lines = head.split(b"\r\n")
    kept = [lines[0]]
    keep = lines[0].endswith(b"HTTP/1.1")
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() != b"connection":
            kept.append(line)
        elif value.strip().lower() == b"close":
            keep = False
    kept.append(b"Connection: close")
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    return b"\r\n".join(kept) + b"\r\n\r\n" + body, keep


def _kept_open(response: bytes) -> tuple[bytes, bool]:
    """The server's answer (made to a ``Connection: close`` request) with its ``Connection``
    header dropped, if its body is framed (a length or chunks) so that the client can tell
    where it ends without the connection closing; else the answer as it is, and False."""
    head, sep, body = response.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    names = [line.partition(b":")[0].strip().lower() for line in lines[1:]]
    if not sep or (b"content-length" not in names and b"transfer-encoding" not in names):
        return response, False
    kept = [lines[0]] + [
        line for line, name in zip(lines[1:], names, strict=True) if name != b"connection"
    ]
    return b"\r\n".join(kept) + sep + body, True


def _forward(upstream: tuple[str, int], request: bytes, wait: bool = True) -> bytes:
    """Send a request to the server on a fresh connection; its whole answer (until close)."""
    try:
        with socket.create_connection(upstream, timeout=30) as sock:
            sock.sendall(request)
            if not wait:
                sock.shutdown(socket.SHUT_WR)
                time.sleep(0.05)
                return b""
            parts = []
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                parts.append(chunk)
            return b"".join(parts)
    except OSError:
        return b""


def _shift_date(response: bytes, offset_s: float) -> bytes:
    head, sep, body = response.partition(b"\r\n\r\n")
    stamp = formatdate(time.time() + offset_s, usegmt=True).encode()
    lines = [
        b"date: " + stamp if line.lower().startswith(b"date:") else line
        for line in head.split(b"\r\n")
    ]
    return b"\r\n".join(lines) + sep + body
