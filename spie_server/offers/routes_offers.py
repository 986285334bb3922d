"""The offer catalogue as devices pull it."""

from __future__ import annotations

import bz2
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from spie_protocol.endpoints import OFFER_CHANGES
from spie_protocol.messages import OfferChangesQuery
from spie_protocol.offer_columns import PAGE_ENCODING
from spie_server.offers.changes import offer_page
from spie_server.routing import route
from spie_server.territory.auth import Token, as_device

router = APIRouter(tags=["offers"])


@route(router, OFFER_CHANGES)
def offer_changes(
    token: Token, request: Request, query: Annotated[OfferChangesQuery, Query()]
) -> Response:
    """One page of the territory's catalogue changes after ``since``, oldest first: bzip2
    when the device accepts it, else gzip when it accepts that (as every answer over 1 KB)."""
    page = as_device(
        request,
        token,
        lambda s, d: offer_page(s, d.territory_id, query.since, query.limit, query.format),
    )
    # A records page is spelled as before the columns existed, for the devices that read it.
    body = page.model_dump_json(exclude={"columns"} if page.columns is None else None)
    if not accepts(request.headers.get("Accept-Encoding", ""), PAGE_ENCODING):
        return Response(body, media_type="application/json")
    return Response(
        bz2.compress(body.encode("utf-8"), compresslevel=9),
        media_type="application/json",
        headers={"Content-Encoding": PAGE_ENCODING, "Vary": "Accept-Encoding"},
    )


def accepts(header: str, coding: str) -> bool:
    """Whether an ``Accept-Encoding`` value lists ``coding`` with a weight above zero."""
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() != coding:
            continue
        weight = params.strip().removeprefix("q=").strip() if params else "1"
        try:
            return float(weight) > 0
        except ValueError:
            return False
    return False
