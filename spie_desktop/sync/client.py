"""HTTP to the territory server: one typed method per endpoint of the protocol's table.

``push(PushBatch) -> PushResponse``, ``changes(PullQuery) -> PullPage``,
``enroll(EnrolRequest) -> EnrolResponse``... each is :meth:`SyncClient.call` on an entry of
:mod:`spie_protocol.endpoints`: the path, the body and the answer's model come from there, and
an answer that does not match its model is a :class:`~.errors.CorruptResponse` (retried).
Bodies are gzip JSON, with the protocol header and the bearer token; failures are typed.
Answers come gzip, or bzip2 where the server offers it (catalogue pages, see
:mod:`spie_protocol.offer_columns`).

Timeouts follow the link, not the clock: a *connect* timeout, and a *stall* timeout — no byte
received for N seconds (requests' read timeout applies to each socket read). There is no
total timeout: a slow 2G link that keeps moving is left to finish. Responses are read raw in
small chunks, so bytes are counted as they cross the wire, a cut gzip body is noticed, and a
cancel takes effect between two chunks.
"""

from __future__ import annotations

import json
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from pydantic import BaseModel, ValidationError

from spie_protocol import endpoints as api
from spie_protocol.blob_frames import Frame, frames, read_frames
from spie_protocol.endpoints import Endpoint
from spie_protocol.messages import (
    BlobFetch,
    BlobQuery,
    BlobsStored,
    BlobStatus,
    ChunkQuery,
    CounsellorCsr,
    DeviceInfo,
    EnrolRequest,
    EnrolResponse,
    Health,
    IntegrityReport,
    IssuedCertificate,
    OfferChangesQuery,
    OfferPage,
    ProtocolInfo,
    PullPage,
    PullQuery,
    PushBatch,
    PushResponse,
    TerritorySettings,
)
from spie_protocol.offer_columns import PAGE_ENCODING, from_columns
from spie_protocol.version import PROTOCOL_HEADER, PROTOCOL_VERSION

from .bodies import encode_body, inflater_for, query_params
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

if TYPE_CHECKING:
    import requests

CHUNK = 8192
USER_AGENT = "spie-desktop-sync/1"
R = TypeVar("R")


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
        # requests (and urllib3) when a client is made: not with every module naming one
        import requests

        self.http = requests.Session()
        self.http.headers.update(
            {
                PROTOCOL_HEADER: PROTOCOL_VERSION,
                "Accept-Encoding": f"{PAGE_ENCODING}, gzip",
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

    # -- the endpoints ---------------------------------------------------------------------------

    def health(self) -> Health:
        return self.call(api.HEALTHZ)

    def protocol(self) -> ProtocolInfo:
        return self.call(api.PROTOCOL)

    def enroll(self, request: EnrolRequest) -> EnrolResponse:
        return self.call(api.ENROLL, request)

    def certificate(self, request: CounsellorCsr) -> IssuedCertificate:
        return self.call(api.CERTIFICATES, request)

    def crl(self) -> bytes:
        """The territory's certificate revocation list (DER)."""
        return self.call(api.CRL)

    def device(self) -> DeviceInfo:
        return self.call(api.DEVICE)

    def push(self, batch: PushBatch | bytes) -> PushResponse:
        """``batch`` may be given serialised (the stored in-flight batch): the bytes are then
        sent as they are, so a retry repeats the first attempt exactly."""
        return self.call(api.PUSH, batch)

    def changes(self, query: PullQuery) -> PullPage:
        return self.call(api.CHANGES, query=query)

    def integrity(self) -> IntegrityReport:
        return self.call(api.INTEGRITY)

    def territory_settings(self) -> TerritorySettings:
        """What the device's territory set for all its devices (its alert thresholds)."""
        return self.call(api.TERRITORY_SETTINGS)

    def offer_changes(self, query: OfferChangesQuery) -> OfferPage:
        """A page of the territory's offer catalogue changed after ``query.since``, its
        changes as records whichever layout the server sent (columns are read back here)."""
        page = self.call(api.OFFER_CHANGES, query=query)
        if page.columns is None:
            return page
        try:
            changes = from_columns(page.columns)
        except ValueError as exc:
            raise CorruptResponse(f"the offer_changes columns are corrupt ({exc})") from None
        return page.model_copy(update={"changes": changes, "columns": None})

    def upload_chunk(self, sha256: str, data: bytes, query: ChunkQuery) -> BlobStatus:
        return self.call(api.BLOB_CHUNK, data, query, sha256=sha256)

    def blob_status(self, sha256: str) -> BlobStatus:
        return self.call(api.BLOB_STATUS, sha256=sha256)

    def blob(self, sha256: str, query: BlobQuery | None = None) -> bytes:
        return self.call(api.BLOB, query=query, sha256=sha256)

    def blobs_fetch(self, wanted: BlobFetch) -> tuple[list[Frame], bool]:
        """Whole blobs in frames (:mod:`spie_protocol.blob_frames`), and whether the answer
        arrived whole. When the link cuts it part-way, the frames that arrived whole are
        returned (False); a cut before the first one raises, to be retried."""
        try:
            body = self.call(api.BLOBS_FETCH, wanted)
        except CorruptResponse as error:
            try:
                found, _ = read_frames(error.partial)
            except ValueError:
                raise error from None
            if not found:
                raise
            return found, False
        try:
            found, whole = read_frames(body)
        except ValueError:
            raise CorruptResponse("the blob frames are malformed") from None
        if not whole:
            raise CorruptResponse("the blob frames are cut short")
        return found, True

    def blobs_upload(self, blobs: list[tuple[str, bytes]]) -> BlobsStored:
        """Whole blobs in one request; what the server holds of each, in order."""
        return self.call(api.BLOBS_UPLOAD, frames(blobs))

    def call(
        self,
        endpoint: Endpoint[R],
        body: BaseModel | bytes | None = None,
        query: BaseModel | None = None,
        **path: str,
    ) -> R:
        """One exchange with ``endpoint``: its body model (or, for a JSON endpoint, that model
        already serialised) in, its answer model (or raw bytes) out."""
        data, headers = encode_body(endpoint, body)
        reply = self.request(
            endpoint.method,
            endpoint.url(**path),
            data=data,
            headers=headers,
            params=query_params(query),
        )
        if not endpoint.answers_json:
            if "html" in reply.headers.get("Content-Type", "").lower():
                raise CaptivePortal()
            return cast(R, reply.body)
        model = cast(type[BaseModel], endpoint.response)
        try:
            return cast(R, model.model_validate(self._json(reply)))
        except ValidationError:
            raise CorruptResponse(
                f"the {endpoint.name} answer does not match the protocol"
            ) from None

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
        import requests  # loaded with the session already

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
        import requests  # loaded with the session already

        encoding = response.headers.get("Content-Encoding", "").lower()
        inflater = inflater_for(encoding)
        parts: list[bytes] = []
        try:
            for chunk in response.raw.stream(CHUNK, decode_content=False):
                self._check_cancel()
                self._count(received=len(chunk))
                parts.append(inflater.decompress(chunk) if inflater else chunk)
        except requests.exceptions.ReadTimeout:
            raise Stalled("the answer stopped arriving") from None
        except (zlib.error, OSError, EOFError):  # bz2: OSError on bad data, EOFError past its end
            raise CorruptResponse(f"the {encoding} answer is corrupt") from None
        except Exception as exc:  # urllib3: cut connection, short body, read timeout
            if "timed out" in str(exc).lower():
                raise Stalled("the answer stopped arriving") from None
            raise CorruptResponse(
                f"the answer was cut ({type(exc).__name__})", _partial(response, parts)
            ) from None
        if inflater is not None:
            if not inflater.eof:
                raise CorruptResponse(
                    f"the {encoding} answer is cut short", _partial(response, parts)
                )
            flush = getattr(inflater, "flush", None)  # zlib keeps a tail; bz2 has none
            if flush is not None:
                parts.append(flush())
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


def _partial(response: requests.Response, parts: list[bytes]) -> bytes:
    """What arrived of a successful answer (decompressed), kept with the error of a cut."""
    return b"".join(parts) if response.status_code == 200 else b""


def _error_of(reply: Reply) -> tuple[str, str, dict[str, Any]]:
    try:
        data = reply.json()
        error = data["error"]
        return str(error["code"]), str(error.get("message", "")), dict(error)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return "", "", {}
