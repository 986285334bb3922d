"""Bodies on the wire: a request's body as the protocol sends it (gzip JSON, or raw octets),
its query string, and the streaming decoder of an answer's content coding."""

from __future__ import annotations

import bz2
import gzip
import zlib
from typing import Any, Protocol

from pydantic import BaseModel

from spie_protocol.endpoints import Endpoint
from spie_protocol.offer_columns import PAGE_ENCODING


class Inflater(Protocol):
    @property
    def eof(self) -> bool: ...

    def decompress(self, data: bytes, /) -> bytes: ...


def inflater_for(encoding: str) -> Inflater | None:
    """A streaming decoder for the answer's content coding (None: the body is as sent)."""
    if encoding == "gzip":
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == PAGE_ENCODING:
        return bz2.BZ2Decompressor()
    return None


def encode_body(
    endpoint: Endpoint[Any], body: BaseModel | bytes | None
) -> tuple[bytes | None, dict[str, str] | None]:
    if endpoint.request is None:
        if body is not None:
            raise TypeError(f"{endpoint.name} takes no body")
        return None, None
    if endpoint.request is bytes:
        if not isinstance(body, bytes):
            raise TypeError(f"{endpoint.name} takes raw bytes")
        return body, {"Content-Type": "application/octet-stream"}
    if isinstance(body, BaseModel):
        if not isinstance(body, endpoint.request):
            raise TypeError(f"{endpoint.name} takes a {endpoint.request.__name__}")
        raw = body.model_dump_json().encode("utf-8")
    elif isinstance(body, bytes):
        raw = body  # serialised earlier: sent unchanged
    else:
        raise TypeError(f"{endpoint.name} takes a {endpoint.request.__name__}")
    # mtime=0: the same JSON always gzips to the same bytes.
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    return gzip.compress(raw, compresslevel=9, mtime=0), headers


def query_params(query: BaseModel | None) -> dict[str, Any] | None:
    if query is None:
        return None
    values = query.model_dump(mode="json")
    return {k: str(v).lower() if isinstance(v, bool) else v for k, v in values.items()}
