"""Enrolment codes (admin side) and enrolment of a device with one (device side)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

from cryptography import x509
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from spie_protocol.messages import CounsellorCsr, EnrolRequest
from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Device, EnrolmentCode, Territory, utc_now
from spie_server.territory.ca import CsrError, load_csr
from spie_server.territory.certificates import issue_for
from spie_server.territory.territories import get_territory
from spie_server.territory.tokens import hash_secret, new_enrolment_code, new_token, normalise_code

DEFAULT_EXPIRY = timedelta(hours=48)
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    """``90s``, ``30m``, ``48h``, ``7d`` → timedelta (at most 30 days)."""
    match = _DURATION.match(text.strip())
    if not match or int(match.group(1)) == 0:
        raise ApiError(400, "bad_duration", f"expiry {text!r} must look like 30m, 48h or 7d")
    delta = timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    if delta > timedelta(days=30):
        raise ApiError(400, "bad_duration", "an enrolment code lives at most 30 days")
    return delta


def create_code(
    session: Session, territory_code: str, structure: str, expires_in: timedelta
) -> str:
    structure = structure.strip()
    if not structure or len(structure) > 200:
        raise ApiError(400, "bad_structure", "the structure name must be 1 to 200 characters")
    territory = get_territory(session, territory_code)
    code = new_enrolment_code()
    now = utc_now()
    row = EnrolmentCode(
        territory_id=territory.id,
        structure=structure,
        code_hash=hash_secret(normalise_code(code)),
        created_at=now,
        expires_at=now + expires_in,
    )
    session.add(row)
    session.flush()
    record_event(session, "enrolment_code_created", territory_id=territory.id, code_row=row.id)
    return code


@dataclass(frozen=True)
class Enrolment:
    device: Device
    territory: Territory
    token: str
    certificates: list[tuple[uuid.UUID, str]]


def enrol(session: Session, request: EnrolRequest, secret: bytes) -> Enrolment:
    """Consume the code (at most once, even under a race), create the device, issue certs."""
    csrs = [_checked(c) for c in request.counsellors]
    if len({c.account_id for c in request.counsellors}) != len(request.counsellors):
        raise ApiError(422, "duplicate_account", "each counsellor account may appear once")
    code_hash = hash_secret(normalise_code(request.code))
    row = session.scalar(select(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash))
    now = utc_now()
    if row is None:
        raise ApiError(404, "enrolment_code_unknown", "this enrolment code does not exist")
    if row.used_at is not None:
        raise ApiError(409, "enrolment_code_used", "this enrolment code has already been used")
    if row.expires_at <= now:
        raise ApiError(410, "enrolment_code_expired", "this enrolment code has expired")
    device_id = uuid.uuid4()
    claimed = session.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.id == row.id, EnrolmentCode.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise ApiError(409, "enrolment_code_used", "this enrolment code has already been used")
    token = new_token()
    device = Device(
        id=device_id,
        territory_id=row.territory_id,
        structure=row.structure,
        token_hash=hash_secret(token),
        enrolled_at=now,
        last_seen_at=now,
    )
    session.add(device)
    session.flush()
    territory = session.get_one(Territory, row.territory_id)
    issued = [issue_for(session, device, territory, c, csr, secret) for c, csr in csrs]
    record_event(
        session,
        "device_enrolled",
        territory_id=territory.id,
        device_id=device_id,
        code_row=row.id,
        certificates=len(issued),
    )
    return Enrolment(device, territory, token, issued)


def _checked(counsellor: CounsellorCsr) -> tuple[CounsellorCsr, x509.CertificateSigningRequest]:
    try:
        return counsellor, load_csr(counsellor.csr_pem)
    except CsrError as error:
        raise ApiError(
            422, "bad_csr", f"certificate request for account {counsellor.account_id}: {error}"
        ) from None
