"""Liveness and protocol discovery: no token and no protocol header needed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from spie_protocol import limits
from spie_protocol.endpoints import HEALTHZ, PROTOCOL
from spie_protocol.entities import APPEND_ONLY, ENTITIES
from spie_protocol.messages import Health, ProtocolInfo
from spie_protocol.version import PROTOCOL_VERSION, SUPPORTED_MAJORS
from spie_server.routing import route

router = APIRouter(tags=["meta"])


@route(router, HEALTHZ)
def healthz(request: Request) -> Health:
    with request.app.state.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return Health(status="ok")


@route(router, PROTOCOL)
def protocol() -> ProtocolInfo:
    return ProtocolInfo(
        protocol_version=PROTOCOL_VERSION,
        supported_majors=list(SUPPORTED_MAJORS),
        entities=list(ENTITIES),
        append_only=sorted(APPEND_ONLY),
        limits={
            name.lower(): value
            for name, value in vars(limits).items()
            if name.isupper() and isinstance(value, int)
        },
    )
