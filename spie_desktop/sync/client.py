"""HTTP to the territory server: gzip bodies, protocol header, bearer token, typed failures.

Timeouts follow the link, not the clock: a *connect* timeout, and a *stall* timeout — no byte
received for N seconds (requests' read timeout applies to each socket read). There is no
total timeout: a slow 2G link that keeps moving is left to finish. Responses are read raw in
small chunks, so bytes are counted as they cross the wire, a cut gzip body is noticed, and a
cancel takes effect between two chunks.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Protocol

import requests

from spie_protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION

from .errors import (
    Cancelled,
    CaptivePortal,
    CorruptRequest,
    CorruptResponse,
    DeviceRevoked,
    Forbidden,
    PayloadTooLarge,
    RateLimited,
    RequestRefused,
    ServerError,
    Stalled,
    TlsFailure,
    Unauthorized,
    Unreachable,
    UpdateRequired,
)
from .tls_trust import tls_verify
from .transport_policy import check_server_url

CHUNK = 8192
USER_AGENT = "spie-desktop-sync/1"


class CancelLike(Protocol):
    @property
    def cancelled(self) -> bool: ...


@dataclass
class Traffic:
    """Bytes that crossed the wire (bodies, after compression), for progress and benchmarks."""

    sent: int = 0
    received: int = 0


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes  # decompressed
    headers: Mapping[str, str]  # case-insensitive

    def json(self) -> Any:
        return json.loads(self.body)


class SyncClient:
    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        ca_file: Path | None = None,
        connect_timeout: float = 15.0,
        stall_timeout: float = 30.0,
        cancel: CancelLike | None = None,
        on_bytes: Callable[[Traffic], None] | None = None,
        insecure: bool = False,
    ) -> None:
        # Before anything else: a refused address must never see a single packet.
        check_server_url(server_url, insecure=insecure)
        self.base_url = server_url.rstrip("/")
        self.http = requests.Session()
        self.http.headers.update(
            {
                PROTOCOL_HEADER: PROTOCOL_VERSION,
                "Accept-Encoding": "gzip",
                "User-Agent": USER_AGENT,
            }
        )
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"
        self.verify = tls_verify(ca_file)
        self.timeouts = (connect_timeout, stall_timeout)
        self.cancel = cancel
        self.on_bytes = on_bytes
        self.traffic = Traffic()
        self.clock_skew_s: float | None = None

    def close(self) -> None:
        self.http.close()

    # -- verbs ----------------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._json(self.request("GET", path, params=params))

    def post_json(self, path: str, payload: Any) -> Any:
        raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        body = gzip.compress(raw, compresslevel=9, mtime=0)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._json(self.request("POST", path, data=body, headers=headers))

    def put_bytes(self, path: str, data: bytes, params: dict[str, Any]) -> Any:
        headers = {"Content-Type": "application/octet-stream"}
        return self._json(self.request("PUT", path, data=data, headers=headers, params=params))

    def get_bytes(self, path: str, params: dict[str, Any] | None = None) -> bytes:
        reply = self.request("GET", path, params=params)
        if "html" in reply.headers.get("Content-Type", "").lower():
            raise CaptivePortal()
        return reply.body

    # -- one exchange ---------------------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Reply:
        self._check_cancel()
        try:
            response = self.http.request(
                method,
                self.base_url + path,
                data=data,
                headers=headers,
                params=params,
                timeout=self.timeouts,
                verify=self.verify,
                stream=True,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailure(type(exc).__name__) from None
        except requests.exceptions.ReadTimeout:
            raise Stalled("no byte received within the stall timeout") from None
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            raise Unreachable(type(exc).__name__) from None
        self._count(sent=len(data or b"") + len(path) + 200)
        try:
            body = self._read(response)
        finally:
            response.close()
        self._note_clock(response.headers.get("Date"))
        reply = Reply(response.status_code, body, response.headers)
        self._raise_for_status(reply)
        return reply

    def _read(self, response: requests.Response) -> bytes:
        encoding = response.headers.get("Content-Encoding", "").lower()
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        parts: list[bytes] = []
        try:
            for chunk in response.raw.stream(CHUNK, decode_content=False):
                self._check_cancel()
                self._count(received=len(chunk))
                parts.append(inflater.decompress(chunk) if inflater else chunk)
        except requests.exceptions.ReadTimeout:
            raise Stalled("the answer stopped arriving") from None
        except zlib.error:
            raise CorruptResponse("the gzip answer is corrupt") from None
        except Exception as exc:  # urllib3: cut connection, short body, read timeout
            if "timed out" in str(exc).lower():
                raise Stalled("the answer stopped arriving") from None
            raise CorruptResponse(f"the answer was cut ({type(exc).__name__})") from None
        if inflater is not None:
            if not inflater.eof:
                raise CorruptResponse("the gzip answer is cut short")
            parts.append(inflater.flush())
        return b"".join(parts)

    def _raise_for_status(self, reply: Reply) -> None:
        status = reply.status
        if 200 <= status < 300:
            return
        code, message, extra = _error_of(reply)
        if status == 401:
            raise Unauthorized(code or "invalid_token")
        if status == 403:
            raise DeviceRevoked() if code == "device_revoked" else Forbidden(code or "forbidden")
        if status == 413:
            raise PayloadTooLarge(code or "body_too_large")
        if status == 429:
            raise RateLimited(float(reply.headers.get("Retry-After", "5") or 5))
        if status >= 500 or status in (502, 503, 504):
            raise ServerError(status)
        if code == "bad_gzip":
            raise CorruptRequest()
        if status == 426:
            raise UpdateRequired()
        if not code:  # a 4xx that is not our server's JSON: a proxy or portal in the way
            raise CaptivePortal()
        received = extra.get("received")
        raise RequestRefused(status, code, message, received if isinstance(received, int) else None)

    def _json(self, reply: Reply) -> Any:
        kind = reply.headers.get("Content-Type", "").lower()
        if not kind:  # a link cut inside the headers still parses as a short answer
            raise CorruptResponse("the answer was cut in its headers")
        if "json" not in kind:
            raise CaptivePortal()
        try:
            return reply.json()
        except (ValueError, UnicodeDecodeError):
            raise CorruptResponse("the answer is not valid JSON") from None

    # -- bookkeeping ----------------------------------------------------------------------------

    def _count(self, sent: int = 0, received: int = 0) -> None:
        self.traffic.sent += sent
        self.traffic.received += received
        if self.on_bytes is not None:
            self.on_bytes(self.traffic)

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()

    def _note_clock(self, date_header: str | None) -> None:
        if not date_header:
            return
        try:
            server_time = parsedate_to_datetime(date_header).timestamp()
        except (TypeError, ValueError):
            return
        self.clock_skew_s = time.time() - server_time


def _error_of(reply: Reply) -> tuple[str, str, dict[str, Any]]:
    try:
        data = reply.json()
        error = data["error"]
        return str(error["code"]), str(error.get("message", "")), dict(error)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return "", "", {}
