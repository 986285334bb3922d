"""Signed PDFs (and any other large content) stored by SHA-256, uploaded in resumable chunks.

A device sends chunks in order: ``PUT .../chunks?offset=N&size=TOTAL``. The server keeps what
it got; after a cut link the device asks for the status and goes on from ``received``. When the
last byte arrives the server checks the hash: a mismatch discards the upload (422). A blob goes
only to the devices that may see the person whose signed PDF it is (``blob_people``).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from spie_protocol.limits import MAX_BLOB_BYTES, MAX_CHUNK_BYTES
from spie_protocol.messages import BlobStatus
from spie_server.errors import ApiError
from spie_server.models import Blob, BlobChunk, BlobPerson, Device, Follower, utc_now
from spie_server.sealing import keys_for
from spie_server.sync.visibility import EVERYONE
from spie_server.territory.devices import AuthenticatedDevice


def status_of(blob: Blob) -> BlobStatus:
    return BlobStatus(
        sha256=blob.sha256, size=blob.size, received=blob.received, complete=blob.complete
    )


def blob_status(session: Session, device: AuthenticatedDevice, sha256: str) -> BlobStatus:
    blob = session.get(Blob, (device.territory_id, sha256))
    if blob is None:
        raise ApiError(404, "blob_unknown", "no upload of this content has started")
    return status_of(blob)


def put_chunk(
    session: Session,
    device: AuthenticatedDevice,
    sha256: str,
    offset: int,
    size: int,
    data: bytes,
) -> tuple[BlobStatus, bool]:
    """Store one chunk; return the new status and whether the finished upload was corrupt."""
    if not 1 <= size <= MAX_BLOB_BYTES:
        raise ApiError(413, "blob_too_large", f"a blob holds 1 to {MAX_BLOB_BYTES} bytes")
    if len(data) > MAX_CHUNK_BYTES:
        raise ApiError(413, "chunk_too_large", f"a chunk holds at most {MAX_CHUNK_BYTES} bytes")
    if not data:
        raise ApiError(422, "empty_chunk", "a chunk must hold at least one byte")
    if offset + len(data) > size:
        raise ApiError(422, "chunk_past_end", "the chunk goes past the declared size")
    key = (device.territory_id, sha256)
    query = select(Blob).where(Blob.territory_id == key[0], Blob.sha256 == sha256)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    blob = session.scalar(query)
    if blob is None:
        blob = Blob(
            territory_id=key[0],
            sha256=sha256,
            size=size,
            received=0,
            complete=False,
            created_at=utc_now(),
            device_id=device.id,
        )
        session.add(blob)
    elif blob.size != size:
        raise ApiError(409, "blob_size_mismatch", f"this blob was declared with size {blob.size}")
    if blob.complete or offset + len(data) <= blob.received:
        return status_of(blob), False  # a resent chunk we already hold
    if offset != blob.received:
        raise ApiError(
            409, "offset_mismatch", f"expected offset {blob.received}", received=blob.received
        )
    sealed = keys_for(session, key[0]).seal_chunk(sha256, offset, data)
    session.add(BlobChunk(territory_id=key[0], sha256=sha256, offset=offset, data=sealed))
    blob.received = offset + len(data)
    if blob.received == size:
        session.flush()
        if _digest(session, key[0], sha256) != sha256:
            session.execute(
                delete(BlobChunk).where(
                    BlobChunk.territory_id == key[0], BlobChunk.sha256 == sha256
                )
            )
            blob.received = 0
            session.flush()
            return status_of(blob), True
        blob.complete = True
    session.flush()
    return status_of(blob), False


def may_download(session: Session, device: AuthenticatedDevice, blob: Blob) -> bool:
    owners = select(BlobPerson.person_id).where(
        BlobPerson.territory_id == device.territory_id, BlobPerson.sha256 == blob.sha256
    )
    if session.scalar(owners.limit(1)) is None:  # no record names it yet: its uploader's
        uploader = session.scalar(select(Device.structure).where(Device.id == blob.device_id))
        return uploader == device.structure
    seen = session.scalar(
        select(Follower.person_id)
        .where(
            Follower.territory_id == device.territory_id,
            Follower.person_id.in_(owners),
            Follower.structure.in_((device.structure, EVERYONE)),
        )
        .limit(1)
    )
    return seen is not None


def _digest(session: Session, territory_id: int, sha256: str) -> str:
    digest = hashlib.sha256()
    for data in _chunks(session, territory_id, sha256):
        digest.update(data)
    return digest.hexdigest()


def _chunks(session: Session, territory_id: int, sha256: str) -> list[bytes]:
    key = keys_for(session, territory_id)
    rows = session.execute(
        select(BlobChunk.offset, BlobChunk.data)
        .where(BlobChunk.territory_id == territory_id, BlobChunk.sha256 == sha256)
        .order_by(BlobChunk.offset)
    )
    return [key.open_chunk(sha256, offset, data) for offset, data in rows]


def read_blob(session: Session, device: AuthenticatedDevice, sha256: str, offset: int) -> bytes:
    """The bytes, to a device whose structure may see a person the blob belongs to (or that
    uploaded a blob no record names yet): ``404`` otherwise, as if absent."""
    blob = session.get(Blob, (device.territory_id, sha256))
    if blob is None or not blob.complete or not may_download(session, device, blob):
        raise ApiError(404, "blob_unknown", "this content is not (fully) on the server")
    return b"".join(_chunks(session, device.territory_id, sha256))[offset:]
