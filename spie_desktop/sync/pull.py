"""Pull: pages of the territory's changes since the stored checkpoint, applied one page per
transaction together with the new checkpoint, so a cut link resumes where it stopped.

Within a page, records are stored parents first (a person before their interviews, an
interview before its answers...). A record whose parent is still missing, or a signed PDF
whose bytes the server does not hold yet, is *parked* (kept as received) and stored as soon
as what it waits for arrives. A record this device cannot store at all (an entity it does not
synchronise, a required field missing, a value of the wrong type: what an older server
accepted) is parked too, listed in the conflict inbox, and never stops the sync.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spie_desktop.storage.entities import ENTITY_SPECS, storage_rank
from spie_protocol.messages import SHA256_PATTERN, PullPage, SyncStatus, UnsharedFile

from .apply import ApplyCounts, Outcome, Remote, apply_guarded
from .bulk_apply import apply_page
from .errors import CorruptResponse, RequestRefused
from .tombstones import forget_returning, is_tombstone

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

    from .client import SyncClient


@dataclass(frozen=True)
class Page:
    records: list[Remote]
    next_since: int
    has_more: bool
    notices: list[UnsharedFile]
    status: SyncStatus | None  # the territory's state, on the last page when asked


def parse_page(page: PullPage, since: int) -> Page:
    """Check a page (the client checked its shape) before anything is stored: a page that
    goes backwards changes nothing."""
    seqs = [c.seq for c in page.changes] + [n.seq for n in page.unshared]
    if page.next_since < since or any(seq <= since for seq in seqs):
        raise CorruptResponse("the page of changes goes backwards")
    records = [Remote.of(c.model_dump(mode="json")) for c in page.changes]
    status = None if page.has_more else page.status
    return Page(records, page.next_since, page.has_more, page.unshared, status)


def storage_order(records: list[Remote]) -> list[Remote]:
    """Parents first (registry order), then by the entity's order field (plan versions)."""

    def key(r: Remote) -> tuple[int, int]:
        spec = ENTITY_SPECS.get(r.entity)
        order_field = spec.order_field if spec is not None else None
        number = r.fields.get(order_field) if order_field else 0
        return storage_rank(r.entity), number if isinstance(number, int) else 0

    return sorted(records, key=key)


def blob_hash(remote: Remote) -> str | None:
    """The hash naming the blob a record needs (a signed plan's PDF), if its entity has one."""
    spec = ENTITY_SPECS.get(remote.entity)
    if spec is None or spec.blob is None:
        return None
    value = remote.fields.get(spec.blob.hash_field)
    return value if isinstance(value, str) else None


def wanted_blobs(uow: UnitOfWork, records: list[Remote]) -> list[str]:
    """Hashes of the blobs to download before storing these records."""
    wanted = []
    for r in records:
        digest = blob_hash(r)
        if (
            digest is not None
            and not r.deleted
            and uow.documents.local_doc(r.entity, r.entity_id) is None
        ):
            wanted.append(digest)
    return wanted


def download_blob(client: SyncClient, sha256: str) -> bytes | None:
    """The PDF's bytes, checked against their hash; None if the server lacks them yet, or
    if the hash is not one (the record then waits, parked, for a valid one)."""
    if not re.fullmatch(SHA256_PATTERN, sha256):
        return None
    try:
        data = client.blob(sha256)
    except RequestRefused as error:
        if error.code in ("blob_unknown", "not_found"):
            return None
        raise
    if hashlib.sha256(data).hexdigest() != sha256:
        raise CorruptResponse("a downloaded PDF does not match its hash")
    return data


def store_page(
    uow: UnitOfWork,
    records: list[Remote],
    pdfs: dict[str, bytes],
    counts: ApplyCounts,
    only: set[str] | None = None,
) -> dict[str, int]:
    """Apply a page's records (parents first); returns how many were stored per entity.

    ``only`` (integrity repair): consider only these entities, and restore records the
    server holds at a version this device claims but whose row is missing.
    """
    stored = apply_page(uow, storage_order(records), pdfs, counts, only)
    uow.meta.set("hlc_high", uow.documents.stamp())  # the clock resumes past them after a restart
    stored_parked = retry_parked(uow, pdfs, counts)
    for entity, n in stored_parked.items():
        stored[entity] = stored.get(entity, 0) + n
    if any(not is_tombstone(r) for r in records):
        forget_returning(uow, counts)
    return stored


def retry_parked(uow: UnitOfWork, pdfs: dict[str, bytes], counts: ApplyCounts) -> dict[str, int]:
    """Store parked records whose parent (or PDF) is now here; repeat while progress."""
    stored: dict[str, int] = {}
    progress = True
    while progress:
        progress = False
        for data in uow.inbox.parked():
            remote = Remote.of(data)
            if not uow.documents.knows(remote.entity):
                continue  # only a newer version of the application can store it
            digest = blob_hash(remote)
            pdf = pdfs.get(digest) if digest is not None else None
            if apply_guarded(uow, remote, pdf, counts, True) is Outcome.APPLIED:
                stored[remote.entity] = stored.get(remote.entity, 0) + 1
                progress = True
    return stored


def parked_blobs(uow: UnitOfWork) -> list[str]:
    """Hashes of the blobs parked records still wait for."""
    return [digest for d in uow.inbox.parked() if (digest := blob_hash(Remote.of(d))) is not None]
