"""Pull pages and the integrity digest: within the authenticated device's territory, only
what its structure may see (visibility.py), with the notices of files it no longer follows."""

from __future__ import annotations

import functools
import hashlib
import uuid
from typing import Any

from sqlalchemy import Select, bindparam, false, select, true
from sqlalchemy.orm import Session

from spie_protocol.messages import (
    EntityDigest,
    IntegrityReport,
    PullPage,
    ServerRecord,
    UnsharedFile,
)
from spie_server.models import Record, Unshare
from spie_server.sealing import keys_for
from spie_server.sync.sequence import watermark
from spie_server.sync.visibility import once_unshared, visible_to
from spie_server.territory.devices import AuthenticatedDevice


def pull_page(
    session: Session,
    device: AuthenticatedDevice,
    since: int,
    limit: int,
    exclude_own: bool = False,
) -> PullPage:
    """Records changed after ``since``, oldest first; each appears once, at its latest version.

    Records and unshare notices share one sequence: the page holds the first ``limit`` of
    both after ``since``, so a device applies a notice before any later record of that file.
    ``exclude_own``: leave out records whose latest change came from this device (it holds
    them already: saves their bytes on a slow link); ``next_since`` still moves past them.
    Not those of a file its structure was once told to erase: it may have erased them since.
    Nothing above the territory's watermark (sequence.py): a page never skips a change that
    a push still writing will commit.
    """
    mark = watermark(session, device.territory_id)
    params = {"territory": device.territory_id, "since": since, "mark": mark, "n": limit + 1}
    records, notices_query = _page_queries(device.structure, exclude_own, mark is not None)
    rows = session.execute(records, params).all()
    notices = session.execute(notices_query, params).all()
    merged = sorted(
        [(r.seq, r, None) for r in rows] + [(n.seq, None, n) for n in notices],
        key=lambda item: item[0],
    )
    page = merged[:limit]
    key = keys_for(session, device.territory_id)
    changes = [
        ServerRecord(
            seq=r.seq,
            entity=r.entity,
            entity_id=r.entity_id,
            version=r.version,
            fields=key.open_doc(r.entity, r.entity_id, r.version, r.doc),
            hlc=r.hlc,
            origin_device=r.device_id,
            deleted=r.deleted,
        )
        for _, r, _ in page
        if r is not None and not (exclude_own and r.device_id == device.id and not r.resent)
    ]
    unshared = [UnsharedFile(seq=n.seq, person_id=n.person_id) for _, _, n in page if n is not None]
    next_since = page[-1][0] if page else since
    return PullPage(
        changes=changes, next_since=next_since, has_more=len(merged) > limit, unshared=unshared
    )


@functools.lru_cache(maxsize=256)
def _page_queries(
    structure: str, exclude_own: bool, bounded: bool
) -> tuple[Select[*tuple[Any, ...]], Select[int, uuid.UUID]]:
    """The page's two queries for one structure, built once (bound parameters ``territory``,
    ``since``, ``mark``, ``n``): SQLAlchemy reuses them and their memoised cache key instead
    of building and keying them again at each pull. ``bounded``: a watermark (PostgreSQL).
    Columns, not ORM objects: a page is read once and never changed (a third of a pull's
    time went into building and tracking ORM instances)."""
    records_upto = Record.seq <= bindparam("mark") if bounded else true()
    notices_upto = Unshare.seq <= bindparam("mark") if bounded else true()
    records = (
        select(
            Record.seq,
            Record.entity,
            Record.entity_id,
            Record.version,
            Record.doc,
            Record.hlc,
            Record.device_id,
            Record.deleted,
            once_unshared(structure).label("resent") if exclude_own else false(),
        )
        .where(
            Record.territory_id == bindparam("territory"),
            Record.seq > bindparam("since"),
            records_upto,
            visible_to(structure),
        )
        .order_by(Record.seq)
        .limit(bindparam("n"))
    )
    notices = (
        select(Unshare.seq, Unshare.person_id)
        .where(
            Unshare.territory_id == bindparam("territory"),
            Unshare.structure == structure,
            Unshare.seq > bindparam("since"),
            notices_upto,
        )
        .order_by(Unshare.seq)
        .limit(bindparam("n"))
    )
    return records, notices


def integrity(session: Session, device: AuthenticatedDevice) -> IntegrityReport:
    """Per entity: how many live records the device may see, and SHA-256 over their sorted
    ``id:version`` lines."""
    rows = session.execute(
        select(Record.entity, Record.entity_id, Record.version).where(
            Record.territory_id == device.territory_id,
            Record.deleted.is_(False),
            visible_to(device.structure),
        )
    ).all()
    lines: dict[str, list[str]] = {}
    for entity, entity_id, version in rows:
        lines.setdefault(entity, []).append(f"{entity_id}:{version}\n")
    entities = {
        entity: EntityDigest(
            count=len(items),
            sha256=hashlib.sha256("".join(sorted(items)).encode("ascii")).hexdigest(),
        )
        for entity, items in sorted(lines.items())
    }
    return IntegrityReport(territory=device.territory_code, entities=entities)
