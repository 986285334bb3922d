"""Signed PDFs go up by content hash before the record that names them, and come down with it.

Several a request: on a 2G link each request is a round trip of about 0.6 s, and a week of
signed plans is hundreds of PDFs. Uploads go in frames (``POST /v1/blobs/upload``, whole PDFs,
up to ``SyncOptions.blobs_bytes`` a request), downloads likewise (``POST /v1/blobs/fetch``):
when the link cuts a download part-way the PDFs that arrived whole are kept and only the rest
asked again. A server older than these answers 404 or 405: the run goes on one PDF a request.

One PDF a request, as with an older server or for one larger than a batch: the first chunk is
sent straight away (one round trip for a PDF that fits in a chunk); when the server already
holds part of it, it says so (``offset_mismatch`` with ``received``) and the upload goes on
from there; a chunk it already holds is acknowledged again. After a cut link the next attempt
asks the server how much it has (``GET …/status``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar

from spie_protocol.limits import MAX_BLOBS_PER_REQUEST
from spie_protocol.messages import SHA256_PATTERN, BlobFetch, BlobStatus, ChunkQuery

from .errors import CorruptResponse, RequestRefused
from .progress import SyncProgress
from .pull import download_blob

if TYPE_CHECKING:
    from .client import SyncClient

T = TypeVar("T")
#: What a server older than the batched endpoints answers them.
OLDER_SERVER = (404, 405)


class Retried(Protocol):
    """The sync run's retrying wrapper: runs ``call``, yielding progress while it waits."""

    def __call__(self, call: Callable[[], T], /) -> Generator[SyncProgress, None, T]: ...


@dataclass
class BlobTransfer:
    """The PDFs of one sync run, several a request while the server takes it."""

    client: SyncClient
    call: Retried
    upload_bytes: int  # whole PDFs in one upload request, at most (a larger one goes alone)
    chunk: int  # one PDF a request: bytes per chunk
    batched: bool = True

    def download(self, wanted: list[str]) -> Generator[SyncProgress, None, dict[str, bytes]]:
        """The PDFs the server gives, by hash (a hash that is not one is not asked for)."""
        found: dict[str, bytes] = {}
        todo = [s for s in dict.fromkeys(wanted) if re.fullmatch(SHA256_PATTERN, s)]
        while todo and self.batched:
            ask = todo[:MAX_BLOBS_PER_REQUEST]
            try:
                answered = yield from self.call(partial(fetch_some, self.client, ask))
            except RequestRefused as error:
                if error.status not in OLDER_SERVER:
                    raise
                self.batched = False
                break
            found.update({s: data for s, data in answered.items() if data is not None})
            todo = [s for s in todo if s not in answered]
        for sha256 in todo:
            one = yield from self.call(partial(download_blob, self.client, sha256))
            if one is not None:
                found[sha256] = one
        return found

    def upload(self, group: list[tuple[str, bytes]]) -> Generator[SyncProgress, None, None]:
        """One group of :func:`groups`: in one request, or one PDF a request."""
        if self.batched and (len(group) > 1 or len(group[0][1]) <= self.upload_bytes):
            try:
                yield from self.call(partial(upload_some, self.client, group))
                return
            except RequestRefused as error:
                if error.status not in OLDER_SERVER:
                    raise
                self.batched = False
        for sha256, data in group:
            yield from self.call(_Upload(self.client, sha256, data, self.chunk))


def groups(blobs: list[tuple[str, bytes]], limit: int) -> Iterator[list[tuple[str, bytes]]]:
    """Consecutive PDFs, as many a group as fit in ``limit`` bytes (one larger goes alone)."""
    group: list[tuple[str, bytes]] = []
    size = 0
    for sha256, data in blobs:
        if group and (size + len(data) > limit or len(group) >= MAX_BLOBS_PER_REQUEST):
            yield group
            group, size = [], 0
        group.append((sha256, data))
        size += len(data)
    if group:
        yield group


def fetch_some(client: SyncClient, wanted: list[str]) -> dict[str, bytes | None]:
    """Several PDFs in one request, each checked against its hash: by hash, the bytes, or
    None for one the server will not give (the record waits, parked). The server may answer
    only the first ones (its answer has a size limit, or the link cut it after some): those
    not answered are asked again."""
    found, _ = client.blobs_fetch(BlobFetch(sha256=wanted))
    answered: dict[str, bytes | None] = {}
    for sha256, data in found:
        if sha256 not in wanted:
            raise CorruptResponse("the server sent a PDF that was not asked for")
        if data is not None and hashlib.sha256(data).hexdigest() != sha256:
            raise CorruptResponse("a downloaded PDF does not match its hash")
        answered[sha256] = data
    return answered


def upload_some(client: SyncClient, group: list[tuple[str, bytes]]) -> None:
    """Whole PDFs in one request; raises (to be retried) unless the server holds them all."""
    stored = client.blobs_upload(group)
    held = [(s.sha256, s.complete) for s in stored.blobs]
    if held != [(sha256, True) for sha256, _ in group]:
        raise CorruptResponse("the upload answer does not hold every PDF")


class _Upload:
    """One PDF upload, as a retryable call: the first try starts at 0 (one round trip for a
    small PDF); a retry first asks the server how much it already holds."""

    def __init__(self, client: SyncClient, sha256: str, data: bytes, chunk: int) -> None:
        self.client, self.sha256, self.data, self.chunk = client, sha256, data, chunk
        self.tried = False

    def __call__(self) -> int:
        start = resume_offset(self.client, self.sha256) if self.tried else 0
        self.tried = True
        return upload_from(self.client, self.sha256, self.data, start, self.chunk)


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
