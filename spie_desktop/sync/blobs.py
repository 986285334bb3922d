"""Signed PDFs go up by content hash, in resumable chunks, before the record that names them.

The first chunk is sent straight away (one round trip for a PDF that fits in a chunk); when
the server already holds part of it, it says so (``offset_mismatch`` with ``received``) and
the upload goes on from there; a chunk it already holds is acknowledged again. After a cut
link the next attempt asks the server how much it has (``GET …/status``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spie_protocol.messages import BlobStatus, ChunkQuery

from .errors import RequestRefused

if TYPE_CHECKING:
    from .client import SyncClient


def upload_from(client: SyncClient, sha256: str, data: bytes, offset: int, chunk: int) -> int:
    """Send the bytes from ``offset`` on, one chunk per request; returns the final offset.

    Raises on a transport error: the caller retries with :func:`resume_offset`.
    """
    size = len(data)
    restarted = False
    while offset < size:
        part = data[offset : offset + chunk]
        try:
            status = client.upload_chunk(sha256, part, ChunkQuery(offset=offset, size=size))
        except RequestRefused as error:
            if error.code == "offset_mismatch" and error.received is not None:
                offset = error.received
                continue
            if error.code == "hash_mismatch" and not restarted:
                offset, restarted = 0, True  # the server discarded a corrupt upload: once more
                continue
            raise
        if status.complete:
            return size
        offset = max(offset + len(part), status.received)
    return offset


def resume_offset(client: SyncClient, sha256: str) -> int:
    """How much of the blob the server already holds (0 if it has never heard of it)."""
    try:
        status: BlobStatus = client.blob_status(sha256)
    except RequestRefused as error:
        if error.code in ("blob_unknown", "not_found"):
            return 0
        raise
    return status.size if status.complete else status.received
