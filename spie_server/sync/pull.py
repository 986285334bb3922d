"""Pull pages and the integrity digest, always within the authenticated device's territory."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.messages import EntityDigest, IntegrityReport, PullPage, ServerRecord
from spie_server.models import Record
from spie_server.sealing import keys_for
from spie_server.territory.devices import AuthenticatedDevice


def pull_page(
    session: Session,
    device: AuthenticatedDevice,
    since: int,
    limit: int,
    exclude_own: bool = False,
) -> PullPage:
    """Records changed after ``since``, oldest first; each appears once, at its latest version.

    ``exclude_own``: leave out records whose latest change came from this device (it holds
    them already: saves their bytes on a slow link); ``next_since`` still moves past them.
    """
    # Columns, not ORM objects: a page is read once and never changed (a third of a pull's
    # time went into building and tracking ORM instances).
    rows = session.execute(
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
        .where(Record.territory_id == device.territory_id, Record.seq > since)
        .order_by(Record.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
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
        for r in page
        if not (exclude_own and r.device_id == device.id)
    ]
    next_since = page[-1].seq if page else since
    return PullPage(changes=changes, next_since=next_since, has_more=len(rows) > limit)


def integrity(session: Session, device: AuthenticatedDevice) -> IntegrityReport:
    """Per entity: how many live records, and SHA-256 over their sorted ``id:version`` lines."""
    rows = session.execute(
        select(Record.entity, Record.entity_id, Record.version).where(
            Record.territory_id == device.territory_id, Record.deleted.is_(False)
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
