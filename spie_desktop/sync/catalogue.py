"""The territory's offer catalogue on the device: the last step of a sync run.

People's records go first (pushed, pulled, checked); then the catalogue is pulled from
``GET /v1/offers/changes`` since the cursor kept in the store (:data:`CATALOGUE_CURSOR_KEY`),
a page at a time. Each page is applied in one transaction together with the new cursor, so a
cut link resumes from the last applied page and nothing applied is downloaded again.

Pages are asked for column by column (``format=columns``: only the fields the device keeps,
bzip2-compressed, :mod:`spie_protocol.offer_columns`); the client reads them back into
:class:`~spie_protocol.messages.OfferRecord` (kind, source, id, seq, deleted, record), which
is also what a server older than the columns sends. The store takes data·inclusion records by kind, where
``{"source", "id", "deleted": true}`` removes a row (:meth:`OfferCatalogueRepository.load`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from spie_desktop.domain.interface_sentence import Sentence, say
from spie_protocol.limits import MAX_PULL_LIMIT
from spie_protocol.messages import OfferChangesQuery, OfferPage, OfferRecord

from .progress import SyncProgress
from .state_keys import CATALOGUE_CURSOR_KEY

if TYPE_CHECKING:
    from spie_desktop.storage.session import Session
    from spie_desktop.storage.unit_of_work import UnitOfWork

#: Fetches one page (retried by the engine), yielding its progress while it waits.
Fetch = Callable[[OfferChangesQuery], Generator[SyncProgress, None, OfferPage]]
#: Makes a progress item: (services done, total if known, French message).
Say = Callable[[int, int | None, Sentence], SyncProgress]

log = logging.getLogger(__name__)

#: Services per page: the protocol's most (``MAX_PULL_LIMIT``). Measured (``python -m bench
#: offer_sync``): as columns in bzip2 a service is ~105 B, so a page is ~105 KB, 8.5 s at
#: 100 kbit/s — what a cut loses — and 20,000 services take 22 requests, not 42 round trips
#: of 0.6 s on 2G.
CATALOGUE_PAGE_LIMIT = MAX_PULL_LIMIT
#: How pages are asked for (a server older than the columns ignores it and sends records).
CATALOGUE_LAYOUT: Final = "columns"

_NEEDED = {"structure": ("nom",), "service": ("nom", "structure_id")}


@dataclass(frozen=True, slots=True)
class PageRecords:
    structures: list[dict[str, Any]]
    services: list[dict[str, Any]]
    unusable: int  # records the device cannot hold (a field it indexes is missing)


def cursor(uow: UnitOfWork) -> int:
    """The last catalogue sequence value applied on this device (0: never pulled)."""
    return int(uow.meta.get(CATALOGUE_CURSOR_KEY) or 0)


def store_records(changes: list[OfferRecord]) -> PageRecords:
    """The page's records as the store takes them; the last change of a row wins."""
    latest: dict[tuple[str, str, str], OfferRecord] = {}
    for change in sorted(changes, key=lambda c: c.seq):
        latest[(change.kind, change.source, change.id)] = change
    out: dict[str, list[dict[str, Any]]] = {"structure": [], "service": []}
    unusable = 0
    for change in latest.values():
        if change.deleted or change.record is None:
            out[change.kind].append({"source": change.source, "id": change.id, "deleted": True})
            continue
        record = {**change.record, "source": change.source, "id": change.id}
        if any(not record.get(name) for name in _NEEDED[change.kind]):
            unusable += 1
            out[change.kind].append({"source": change.source, "id": change.id, "deleted": True})
            continue
        out[change.kind].append(record)
    return PageRecords(out["structure"], out["service"], unusable)


def apply_page(uow: UnitOfWork, page: OfferPage, since: int) -> PageRecords:
    """Apply one page and advance the cursor, in the caller's transaction."""
    records = store_records(page.changes)
    uow.offer_catalogue.load(records.structures, records.services)
    if page.next_since > since:
        uow.meta.set(CATALOGUE_CURSOR_KEY, str(page.next_since))
    if records.unusable:
        log.info("catalogue: %d records without a name or structure kept out", records.unusable)
    return records


def pull_pages(
    session: Session, fetch: Fetch, progress: Say, limit: int
) -> Generator[SyncProgress, None, int]:
    """Pull and apply pages since the stored cursor until the server has no more; returns
    how many services arrived (changed or removed)."""
    with session.uow(read_only=True) as uow:
        since = cursor(uow)
    received, total = 0, None
    while True:
        yield progress(received, total, progress_fr(received, total))
        query = OfferChangesQuery(since=since, limit=limit, format=CATALOGUE_LAYOUT)
        page = yield from fetch(query)
        with session.uow() as uow:
            records = apply_page(uow, page, since)
        received += len(records.services)
        since = max(since, page.next_since)
        if page.remaining_services is not None:
            total = received + page.remaining_services
        if not page.has_more or not page.changes:
            yield progress(received, received, progress_fr(received, received))
            return received


def progress_fr(services: int, total: int | None) -> Sentence:
    """« Offre locale : 1 200 / 20 000 services » (or « 1 200 services » while unknown)."""
    done = _grouped(services)
    if total is None:
        s = "s" if services > 1 else ""
        return say("Offre locale : {n} service{s}", n=done, s=s)
    return say("Offre locale : {n} / {total} services", n=done, total=_grouped(total))


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")
