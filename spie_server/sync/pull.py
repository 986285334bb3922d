"""Pull pages and the integrity digest: within the authenticated device's territory, only
what its structure may see (visibility.py), with the notices of files it no longer follows."""

from __future__ import annotations

import functools
import hashlib
import uuid
from typing import Any

from sqlalchemy import Select, bindparam, or_, select, true
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
    them already: saves their bytes on a slow link). Not those of a file its structure was
    once told to erase: it may have erased them since. They are left out by the query, so a
    device that pushed a week of interviews is not walked through pages of its own records.
    Nothing above the territory's watermark (sequence.py): a page never skips a change that
    a push still writing will commit. The last page's ``next_since`` is the watermark: the
    device has everything up to it, and its next pull starts past what it may not see.
    """
    mark = watermark(session, device.territory_id)
    params = {
        "territory": device.territory_id,
        "since": since,
        "mark": mark,
        "n": limit + 1,
        "device": device.id,
    }
    records, notices_query = _page_queries(device.structure, exclude_own)
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
        if r is not None
    ]
    unshared = [UnsharedFile(seq=n.seq, person_id=n.person_id) for _, _, n in page if n is not None]
    has_more = len(merged) > limit
    next_since = page[-1][0] if has_more else max(since, mark)
    return PullPage(changes=changes, next_since=next_since, has_more=has_more, unshared=unshared)


@functools.lru_cache(maxsize=256)
def _page_queries(
    structure: str, exclude_own: bool
) -> tuple[Select[*tuple[Any, ...]], Select[int, uuid.UUID]]:
    """The page's two queries for one structure, built once (bound parameters ``territory``,
    ``since``, ``mark``, ``n``, ``device``): SQLAlchemy reuses them and their memoised cache
    key instead of building and keying them again at each pull. Columns, not ORM objects: a
    page is read once and never changed (a third of a pull's time went into building and
    tracking ORM instances)."""
    wanted = (
        or_(
            Record.device_id.is_(None),  # written on the server (sync/history.py)
            Record.device_id != bindparam("device"),
            once_unshared(structure),
        )
        if exclude_own
        else true()
    )
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
        )
        .where(
            Record.territory_id == bindparam("territory"),
            Record.seq > bindparam("since"),
            Record.seq <= bindparam("mark"),
            visible_to(structure),
            wanted,
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
            Unshare.seq <= bindparam("mark"),
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
