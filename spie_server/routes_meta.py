"""Liveness and protocol discovery: no token and no protocol header needed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from spie_protocol import limits
from spie_protocol.entities import APPEND_ONLY, ENTITIES
from spie_protocol.messages import ProtocolInfo
from spie_protocol.version import PROTOCOL_VERSION, SUPPORTED_MAJORS

router = APIRouter(tags=["meta"])


@router.get("/healthz")
def healthz(request: Request) -> dict[str, str]:
    with request.app.state.engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}


@router.get("/v1/protocol", response_model=ProtocolInfo)
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
