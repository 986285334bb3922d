"""Territory administration: add (with its CA), list, export the CA certificate.

Which territories exist is the shared list of ``spie_protocol.territories`` (the desktop
reads the same): ``spie-server territory add`` takes only a code of that list
(:func:`listed_territory`). A territory created under a former code (``973`` before ``CTG``)
keeps its row and its CA; :func:`get_territory` finds it under either code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spie_protocol.territories import Territory as ListedTerritory
from spie_protocol.territories import UnknownTerritory, territory_list
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
    existing = find_territory(session, code)
    if existing is not None:
        raise ApiError(409, "territory_exists", f"territory {existing.code} already exists")
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


def listed_territory(code: str) -> ListedTerritory:
    """The territory of the shared list this code (or former code) names."""
    try:
        return territory_list().resolve(code)
    except UnknownTerritory:
        raise ApiError(
            400,
            "unknown_territory_code",
            f"territory code {code!r} is not in the territory list (e.g. 12, 69M, 20R, CTG)",
        ) from None


def get_territory(session: Session, code: str) -> Territory:
    territory = find_territory(session, code)
    if territory is None:
        raise ApiError(404, "unknown_territory", f"no territory {code!r}")
    return territory


def stored_code(session: Session, code: str) -> str:
    """The code this territory's row is stored under (``973`` on a server set up with it,
    asked for as ``CTG``); the code itself when no row has it."""
    territory = find_territory(session, code)
    return territory.code if territory is not None else code


def find_territory(session: Session, code: str) -> Territory | None:
    """The row of this code, else of another code of the same listed territory (a server set
    up with ``973`` answers to ``CTG``, and the reverse)."""
    territory = session.scalar(select(Territory).where(Territory.code == code))
    if territory is not None:
        return territory
    try:
        codes = territory_list().same_territory_codes(code)
    except UnknownTerritory:
        return None
    return session.scalar(select(Territory).where(Territory.code.in_(codes)).limit(1))


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
