"""Resumable upload and download of blobs (signed plan PDFs) by SHA-256: one blob a
request, in chunks, or several whole blobs a request (:mod:`spie_protocol.blob_frames`)."""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from spie_protocol.blob_frames import frame, read_frames
from spie_protocol.endpoints import BLOB, BLOB_CHUNK, BLOB_STATUS, BLOBS_FETCH, BLOBS_UPLOAD
from spie_protocol.limits import MAX_BLOBS_PER_REQUEST, MAX_CHUNK_BYTES, MAX_FETCH_ANSWER_BYTES
from spie_protocol.messages import (
    SHA256_PATTERN,
    BlobFetch,
    BlobQuery,
    BlobsStored,
    BlobStatus,
    ChunkQuery,
)
from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.routing import route
from spie_server.sync.blobs import blob_status, put_chunk, read_blob
from spie_server.territory.auth import Device
from spie_server.territory.devices import AuthenticatedDevice
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


@route(router, BLOBS_FETCH)
def fetch(wanted: BlobFetch, device: Device, request: Request) -> Response:
    """Whole blobs, one frame each in the order asked, until the answer holds about
    ``MAX_FETCH_ANSWER_BYTES`` (the device asks again for the rest); a blob this device may
    not have, or that is not complete, is a frame of size -1."""

    def read(session: Session) -> bytes:
        out: list[bytes] = []
        total = 0
        for sha256 in dict.fromkeys(wanted.sha256):
            if out and total >= MAX_FETCH_ANSWER_BYTES:
                break
            try:
                data: bytes | None = read_blob(session, device, sha256, 0)
            except ApiError as error:
                if error.code != "blob_unknown":
                    raise
                data = None
            out.append(frame(sha256, data))
            total += len(data or b"")
        return b"".join(out)

    data = in_transaction(request.app.state.engine, read)
    return Response(data, media_type=BLOBS_FETCH.media_type)


@route(router, BLOBS_UPLOAD, openapi_extra=OCTETS)
async def upload_many(device: Device, request: Request) -> BlobsStored:
    """Whole blobs, one frame each; each is stored in its own transaction (what the server
    already holds of one is kept, and only the rest appended), so a later failure keeps the
    earlier ones. A frame whose bytes do not match its hash refuses the request."""
    try:
        blobs, whole = read_frames(await request.body())
    except ValueError:
        whole, blobs = False, []
    if not whole or not blobs or len(blobs) > MAX_BLOBS_PER_REQUEST:
        raise ApiError(422, "malformed_frames", "expected 1 to 200 whole blob frames")
    for sha256, data in blobs:
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            raise ApiError(422, "hash_mismatch", "the content does not match its SHA-256")
    engine = request.app.state.engine
    stored = []
    for sha256, data in blobs:
        assert data is not None
        store = partial(_store_whole, device=device, sha256=sha256, data=data)
        stored.append(
            await run_in_threadpool(partial(in_transaction, engine, store, snapshot=True))
        )
    return BlobsStored(blobs=stored)


def _store_whole(
    session: Session, device: AuthenticatedDevice, sha256: str, data: bytes
) -> BlobStatus:
    """Store ``data`` from what the server already holds of it, in chunks."""
    try:
        status = blob_status(session, device, sha256)
    except ApiError as error:
        if error.code != "blob_unknown":
            raise
        status = BlobStatus(sha256=sha256, size=len(data), received=0, complete=False)
    restarted = False
    while not status.complete:
        offset = status.received
        part = data[offset : offset + MAX_CHUNK_BYTES]
        status, corrupt = put_chunk(session, device, sha256, offset, len(data), part)
        if corrupt:  # an upload begun with other bytes was discarded: once more from 0
            if restarted:
                raise ApiError(422, "hash_mismatch", "the content does not match its SHA-256")
            restarted = True
        if status.complete:
            log_event("blob_complete", device_id=str(device.id), sha256=sha256, size=len(data))
    return status
