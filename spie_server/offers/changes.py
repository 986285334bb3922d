"""What changed in a territory's offer catalogue after a sequence value: structures and
services merged in sequence order, a page at a time."""

from __future__ import annotations

import json
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spie_protocol.messages import OfferPage, OfferRecord
from spie_protocol.offer_columns import to_columns
from spie_server.models import OfferService, OfferStructure


def offer_page(
    session: Session,
    territory_id: int,
    since: int,
    limit: int,
    layout: Literal["records", "columns"] = "records",
) -> OfferPage:
    """At most ``limit`` changes after ``since``: whole records, or (``columns``) the fields
    a device keeps, column by column."""
    found: list[OfferRecord] = []
    kinds: tuple[tuple[Literal["structure", "service"], type[OfferStructure | OfferService]], ...]
    kinds = (("structure", OfferStructure), ("service", OfferService))
    for kind, model in kinds:
        rows = session.execute(
            select(model.source, model.record_id, model.seq, model.deleted, model.doc)
            .where(model.territory_id == territory_id, model.seq > since)
            .order_by(model.seq)
            .limit(limit + 1)
        )
        found += [
            OfferRecord(
                kind=kind,
                source=source,
                id=record_id,
                seq=seq,
                deleted=deleted,
                record=None if deleted else json.loads(doc),
            )
            for source, record_id, seq, deleted, doc in rows
        ]
    found.sort(key=lambda r: r.seq)
    page = found[:limit]
    next_since = page[-1].seq if page else since
    remaining = session.scalar(
        select(func.count())
        .select_from(OfferService)
        .where(OfferService.territory_id == territory_id, OfferService.seq > next_since)
    )
    if layout == "columns":
        return OfferPage(
            changes=[],
            columns=to_columns(page),
            next_since=next_since,
            has_more=len(found) > limit,
            remaining_services=int(remaining or 0),
        )
    return OfferPage(
        changes=page,
        next_since=next_since,
        has_more=len(found) > limit,
        remaining_services=int(remaining or 0),
    )
