"""ASGI middleware: bounded request bodies, gzip request decompression.

Runs before FastAPI parses anything: a body larger than the limit (after decompression) is
answered 413, a cut or corrupt gzip body 400, an unknown Content-Encoding 415, all as JSON.
"""

from __future__ import annotations

import zlib
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip"):
            problem = error_response(
                415, "unsupported_encoding", "Content-Encoding must be gzip or absent"
            )
            await problem(scope, receive, send)
            return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        try:
            body = await _read_body(receive, self.max_bytes)
        except _TooLarge:
            await self._too_large(scope, receive, send)
            return
        if body is None:
            return  # the client went away
        if encoding == "gzip":
            try:
                body = _gunzip(body, self.max_bytes)
            except _TooLarge:
                await self._too_large(scope, receive, send)
                return
            except ValueError as error:
                await error_response(400, "bad_gzip", str(error))(scope, receive, send)
                return
        await self.app(_rewritten(scope, len(body)), _replay(body, receive), send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"request body larger than {self.max_bytes} bytes (after decompression)"
        await error_response(413, "body_too_large", message)(scope, receive, send)


class _TooLarge(Exception):
    pass


async def _read_body(receive: Receive, cap: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _gunzip(data: bytes, cap: int) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, cap + 1)
    except zlib.error:
        raise ValueError("the gzip body is corrupt") from None
    if len(out) > cap or decompressor.unconsumed_tail:
        raise _TooLarge
    if not decompressor.eof:
        raise ValueError("the gzip body is cut short")
    return out


def _rewritten(scope: Scope, length: int) -> Scope:
    skip = {b"content-encoding", b"content-length"}
    headers: list[Any] = [(k, v) for k, v in scope["headers"] if k.lower() not in skip]
    headers.append((b"content-length", str(length).encode("ascii")))
    return {**scope, "headers": headers}


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
