"""Push, pull and the integrity digest."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spie_protocol.endpoints import CHANGES, INTEGRITY, PUSH
from spie_protocol.limits import MAX_CHANGES_PER_BATCH
from spie_protocol.messages import IntegrityReport, PullPage, PullQuery, PushBatch, SyncStatus
from spie_protocol.revocations import revocations_digest
from spie_server.errors import ApiError
from spie_server.logs import log_event
from spie_server.models import OfferService, OfferStructure, Territory
from spie_server.routing import route
from spie_server.sync.pull import integrity, pull_page
from spie_server.sync.push import push_batch
from spie_server.territory.auth import Device, Token, as_device
from spie_server.territory.crl import territory_crl
from spie_server.territory.devices import AuthenticatedDevice
from spie_server.territory.territory_settings import territory_settings
from spie_server.transactions import in_transaction

router = APIRouter(tags=["sync"])


@route(router, PUSH, responses={403: {}, 409: {}, 413: {}})
def push(batch: PushBatch, token: Token, request: Request) -> Response:
    """Apply a batch of changes in one transaction; one result per change, in order."""
    if len(batch.changes) > MAX_CHANGES_PER_BATCH:
        raise ApiError(
            413,
            "batch_too_large",
            f"{len(batch.changes)} changes in one batch; at most {MAX_CHANGES_PER_BATCH}",
        )
    per_hour = request.app.state.settings.deletions_per_hour
    response, device = as_device(
        request, token, lambda s, d: (push_batch(s, d, batch, per_hour), d), snapshot=True
    )
    counts: dict[str, int] = {}
    for result in response.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    log_event(
        "push",
        device_id=str(device.id),
        territory=device.territory_code,
        batch_id=str(batch.batch_id),
        replayed=response.replayed,
        **counts,
    )
    # Serialised here: FastAPI would validate the model a second time on the way out.
    return Response(response.model_dump_json(), media_type="application/json")


@route(router, CHANGES)
def changes(token: Token, request: Request, query: Annotated[PullQuery, Query()]) -> Response:
    """One page of the territory's changes after ``since``, oldest first; the last one with
    the territory's state when asked (``status``), read in the same transaction."""
    secret = request.app.state.secret if query.status else None

    def read(session: Session, device: AuthenticatedDevice) -> PullPage:
        page = pull_page(session, device, query.since, query.limit, query.exclude_own)
        if secret is not None and not page.has_more:
            page.status = sync_status(session, device, secret())
        return page

    page = as_device(request, token, read)
    # Serialised here, as for a push: FastAPI would validate every record a second time.
    # ``unshared`` and ``status`` only when there is something: the page is otherwise as before.
    absent = {name for name in ("unshared", "status") if not getattr(page, name)}
    body = page.model_dump_json(exclude=absent or None)
    return Response(body, media_type="application/json")


def sync_status(session: Session, device: AuthenticatedDevice, secret: bytes) -> SyncStatus:
    """What the device would otherwise ask in four requests (``SyncStatus``)."""
    territory = session.get_one(Territory, device.territory_id)
    offers = [
        session.scalar(select(func.max(model.seq)).where(model.territory_id == territory.id))
        for model in (OfferStructure, OfferService)
    ]
    return SyncStatus(
        integrity=integrity(session, device),
        settings=territory_settings(session, territory.id, device.territory_code),
        revocations_sha256=revocations_digest(territory_crl(session, territory, secret)),
        offers_seq=max((seq or 0 for seq in offers), default=0),
    )


@route(router, INTEGRITY)
def integrity_report(device: Device, request: Request) -> IntegrityReport:
    """Per entity: count and digest of the territory's live records (for a consistency check)."""
    return in_transaction(request.app.state.engine, lambda s: integrity(s, device))
