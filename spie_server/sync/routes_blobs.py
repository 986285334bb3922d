"""Resumable upload and download of blobs (signed plan PDFs) by SHA-256."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from spie_protocol.endpoints import BLOB, BLOB_CHUNK, BLOB_STATUS
from spie_protocol.messages import SHA256_PATTERN, BlobQuery, BlobStatus, ChunkQuery
from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.routing import route
from spie_server.sync.blobs import blob_status, put_chunk, read_blob
from spie_server.territory.auth import Device
from spie_server.transactions import in_transaction

router = APIRouter(tags=["blobs"])
Sha = Annotated[str, Path(pattern=SHA256_PATTERN, description="lowercase hex SHA-256")]
OCTETS = {
    "requestBody": {
        "required": True,
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@route(router, BLOB_CHUNK, openapi_extra=OCTETS)
async def upload_chunk(
    sha256: Sha, device: Device, request: Request, query: Annotated[ChunkQuery, Query()]
) -> BlobStatus:
    """Append the bytes at ``offset`` (must equal ``received``) of a blob of ``size`` bytes."""
    offset, size = query.offset, query.size
    data = await request.body()
    engine = request.app.state.engine
    status, corrupt = await run_in_threadpool(
        lambda: in_transaction(
            engine, lambda s: put_chunk(s, device, sha256, offset, size, data), snapshot=True
        )
    )
    if corrupt:
        raise ApiError(422, "hash_mismatch", "the content does not match its SHA-256; start again")
    if status.complete and offset + len(data) == size:
        log_event("blob_complete", device_id=str(device.id), sha256=sha256, size=size)
    return status


@route(router, BLOB_STATUS)
def status(sha256: Sha, device: Device, request: Request) -> BlobStatus:
    """How much of the blob the server holds: resume an upload from ``received``."""
    return in_transaction(request.app.state.engine, lambda s: blob_status(s, device, sha256))


@route(router, BLOB)
def download(
    sha256: Sha, device: Device, request: Request, query: Annotated[BlobQuery, Query()]
) -> Response:
    """The blob's bytes from ``offset`` (resume a cut download)."""
    engine = request.app.state.engine
    data = in_transaction(engine, lambda s: read_blob(s, device, sha256, query.offset))
    return Response(data, media_type=BLOB.media_type)
