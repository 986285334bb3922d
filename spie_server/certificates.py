"""Issuing a counsellor certificate for an enrolled device, and remembering it."""

from __future__ import annotations

import uuid

from cryptography import x509
from sqlalchemy.orm import Session

from spie_protocol.messages import CounsellorCsr
from spie_server.admin_log import record_event
from spie_server.ca import CsrError, issue_certificate, load_csr
from spie_server.errors import ApiError
from spie_server.models import Certificate, Device, Territory, utc_now


def issue_for(
    session: Session,
    device: Device,
    territory: Territory,
    counsellor: CounsellorCsr,
    csr: x509.CertificateSigningRequest,
    secret: bytes,
) -> tuple[uuid.UUID, str]:
    serial, pem = issue_certificate(
        csr, device.structure, territory.ca_cert_pem, territory.ca_key_pem, secret
    )
    session.add(
        Certificate(
            serial=serial,
            device_id=device.id,
            account_id=counsellor.account_id,
            issued_at=utc_now(),
            certificate_pem=pem,
        )
    )
    record_event(
        session,
        "certificate_issued",
        territory_id=territory.id,
        device_id=device.id,
        serial=serial,
    )
    return counsellor.account_id, pem


def issue_later(session: Session, device: Device, counsellor: CounsellorCsr, secret: bytes) -> str:
    """A counsellor added to the device after enrolment asks for their certificate."""
    try:
        csr = load_csr(counsellor.csr_pem)
    except CsrError as error:
        raise ApiError(422, "bad_csr", f"certificate request: {error}") from None
    territory = session.get_one(Territory, device.territory_id)
    return issue_for(session, device, territory, counsellor, csr, secret)[1]
