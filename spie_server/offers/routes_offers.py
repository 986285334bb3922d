"""The offer catalogue as devices pull it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from spie_protocol.endpoints import OFFER_CHANGES
from spie_protocol.messages import OfferChangesQuery
from spie_server.offers.changes import offer_page
from spie_server.routing import route
from spie_server.territory.auth import Token, as_device

router = APIRouter(tags=["offers"])


@route(router, OFFER_CHANGES)
def offer_changes(
    token: Token, request: Request, query: Annotated[OfferChangesQuery, Query()]
) -> Response:
    """One page of the territory's catalogue changes after ``since``, oldest first (gzip
    when the device accepts it, as every answer over 1 KB)."""
    page = as_device(
        request, token, lambda s, d: offer_page(s, d.territory_id, query.since, query.limit)
    )
    return Response(page.model_dump_json(), media_type="application/json")
