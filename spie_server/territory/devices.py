"""Enrolled devices: who they are, revocation, and authentication by bearer token."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Device, Territory, table_of, utc_now
from spie_server.sealing import remember_key
from spie_server.territory.territories import stored_code
from spie_server.territory.tokens import hash_secret, same_hash

#: ``last_seen_at`` is written at most this often per device, to keep reads read-only.
LAST_SEEN_RESOLUTION = timedelta(seconds=30)


@dataclass(frozen=True)
class DeviceSummary:
    id: uuid.UUID
    structure: str
    territory: str
    enrolled_at: datetime
    last_seen_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class AuthenticatedDevice:
    id: uuid.UUID
    territory_id: int
    territory_code: str
    structure: str
    enrolled_at: datetime


def list_devices(session: Session, territory_code: str | None = None) -> list[DeviceSummary]:
    query = select(Device, Territory.code).join(Territory, Territory.id == Device.territory_id)
    if territory_code:
        query = query.where(Territory.code == stored_code(session, territory_code))
    rows = session.execute(query.order_by(Device.enrolled_at, Device.id)).all()
    return [
        DeviceSummary(d.id, d.structure, code, d.enrolled_at, d.last_seen_at, d.revoked_at)
        for d, code in rows
    ]


def revoke_device(session: Session, device_id: str) -> bool:
    """Revoke a device; return False if it already was. Its next request is refused."""
    try:
        key = uuid.UUID(device_id)
    except ValueError:
        raise ApiError(400, "bad_device_id", f"{device_id!r} is not a device id") from None
    device = session.get(Device, key)
    if device is None:
        raise ApiError(404, "unknown_device", f"no device {device_id}")
    if device.revoked_at is not None:
        return False
    device.revoked_at = utc_now()
    record_event(session, "device_revoked", territory_id=device.territory_id, device_id=key)
    return True


_devices, _territories = table_of(Device), table_of(Territory)
#: Every request's first statement: Core columns (no ORM object to build and track), built
#: once so its compiled form is cached, and with the territory's wrapped data key, which
#: push and pull need next (sealing.remember_key): one round trip instead of two.
_AUTHENTICATE = (
    select(
        _devices.c.id,
        _devices.c.territory_id,
        _devices.c.structure,
        _devices.c.token_hash,
        _devices.c.enrolled_at,
        _devices.c.last_seen_at,
        _devices.c.revoked_at,
        _territories.c.code,
        _territories.c.data_key_id,
        _territories.c.data_key,
    )
    .join_from(_devices, _territories, _territories.c.id == _devices.c.territory_id)
    .where(_devices.c.token_hash == bindparam("token_hash"))
)


def authenticate(session: Session, token: str) -> AuthenticatedDevice:
    """The device behind a bearer token, or a 401/403 ApiError."""
    row = session.connection().execute(_AUTHENTICATE, {"token_hash": hash_secret(token)}).first()
    # The lookup is by hash, so timing reveals nothing about the token; compare anyway in
    # constant time so that an index collision could never let a different token in.
    if row is None or not same_hash(row.token_hash, token):
        raise ApiError(
            401,
            "invalid_token",
            "unknown bearer token",
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        )
    if row.revoked_at is not None:
        raise ApiError(403, "device_revoked", "this device has been revoked by the territory")
    now = utc_now()
    if row.last_seen_at is None or now - row.last_seen_at > LAST_SEEN_RESOLUTION:
        session.execute(
            update(Device)
            .where(Device.id == row.id)
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False)
        )
    remember_key(session, row.territory_id, row.data_key_id, row.data_key)
    return AuthenticatedDevice(row.id, row.territory_id, row.code, row.structure, row.enrolled_at)
