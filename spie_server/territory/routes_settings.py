"""The territory's settings, as its devices read them at sync."""

from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from spie_protocol.endpoints import TERRITORY_SETTINGS
from spie_protocol.messages import TerritorySettings
from spie_server.routing import route
from spie_server.territory.auth import Device
from spie_server.territory.territory_settings import territory_settings
from spie_server.transactions import in_transaction

router = APIRouter(tags=["territory"])


@route(router, TERRITORY_SETTINGS)
def settings(device: Device, request: Request) -> TerritorySettings:
    """The thresholds the device's territory set for all its devices (``null``: none)."""

    def read(session: Session) -> TerritorySettings:
        return territory_settings(session, device.territory_id, device.territory_code)

    return in_transaction(request.app.state.engine, read)
