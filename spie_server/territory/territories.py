"""Territory administration: add (with its CA), list, export the CA certificate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Device, Territory, utc_now
from spie_server.sealing import new_data_key, wrap_key
from spie_server.territory.ca import create_ca

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


@dataclass(frozen=True)
class TerritorySummary:
    code: str
    name: str
    created_at: datetime
    devices: int


def add_territory(session: Session, code: str, name: str | None, secret: bytes) -> Territory:
    if not CODE_PATTERN.match(code):
        raise ApiError(
            400,
            "bad_territory_code",
            f"territory code {code!r} must be 1-32 letters, digits, '-', '_' or '.'",
        )
    if session.scalar(select(Territory).where(Territory.code == code)) is not None:
        raise ApiError(409, "territory_exists", f"territory {code} already exists")
    display = name or code
    ca = create_ca(code, display, secret)
    territory = Territory(
        code=code,
        name=display,
        created_at=utc_now(),
        ca_cert_pem=ca.cert_pem,
        ca_key_pem=ca.encrypted_key_pem,
    )
    session.add(territory)
    session.flush()
    # Wrapped once the row has its id: the wrapping names the territory it belongs to.
    territory.data_key_id = 1
    territory.data_key = wrap_key(secret, territory.id, 1, new_data_key())
    session.flush()
    record_event(session, "territory_added", territory_id=territory.id, code=code)
    return territory


def get_territory(session: Session, code: str) -> Territory:
    territory = session.scalar(select(Territory).where(Territory.code == code))
    if territory is None:
        raise ApiError(404, "unknown_territory", f"no territory {code!r}")
    return territory


def list_territories(session: Session) -> list[TerritorySummary]:
    devices = (
        select(Device.territory_id, func.count().label("n"))
        .where(Device.revoked_at.is_(None))
        .group_by(Device.territory_id)
        .subquery()
    )
    rows = session.execute(
        select(Territory.code, Territory.name, Territory.created_at, devices.c.n)
        .outerjoin(devices, devices.c.territory_id == Territory.id)
        .order_by(Territory.code)
    ).all()
    return [TerritorySummary(r[0], r[1], r[2], r[3] or 0) for r in rows]


def ca_cert_pem(session: Session, code: str) -> str:
    return get_territory(session, code).ca_cert_pem
