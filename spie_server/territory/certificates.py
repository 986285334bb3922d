"""Issuing a counsellor certificate for an enrolled device, and remembering it.

The rules (stable error codes, all 409):

* a device speaks for at most ``MAX_COUNSELLORS_PER_DEVICE`` accounts: the accounts it has
  had certificates issued for (``too_many_accounts`` beyond);
* an account belongs to one device: an account with a certificate issued through another
  device of the territory that is not revoked is refused (``account_bound_elsewhere``); once that device is
  revoked, another device may take the account over (a laptop replaced after a loss);
* an account has at most one valid certificate. Asking again with the same key (and field)
  gives the same certificate back and issues nothing (a lost answer, a retry, the same store
  restored on another laptop: a certificate is public, and is no use without its key); with
  a new key (recovery, new passphrase) the old certificate is revoked as *superseded* and
  appears in the territory's CRL.
"""

from __future__ import annotations

import uuid

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_protocol.limits import MAX_COUNSELLORS_PER_DEVICE
from spie_protocol.messages import CounsellorCsr
from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import Certificate, Device, Territory, utc_now
from spie_server.territory.ca import CsrError, Holder, issue_certificate, load_csr

SUPERSEDED = "superseded"


def issue_for(
    session: Session,
    device: Device,
    territory: Territory,
    counsellor: CounsellorCsr,
    csr: x509.CertificateSigningRequest,
    secret: bytes,
) -> tuple[uuid.UUID, str]:
    """The account's valid certificate for ``csr``'s key: the existing one, or a new one."""
    valid = _valid(session, device, counsellor.account_id)
    for current in valid:
        if _same_key(current.certificate_pem, csr) and current.field == counsellor.field:
            return counsellor.account_id, current.certificate_pem
    _check_account(session, device, counsellor.account_id)
    for current in valid:
        current.revoked_at = utc_now()
        current.revocation_reason = SUPERSEDED
        record_event(
            session,
            "certificate_superseded",
            territory_id=territory.id,
            device_id=device.id,
            serial=current.serial,
        )
    holder = Holder(counsellor.account_id, counsellor.field, device.structure)
    serial, pem = issue_certificate(
        csr, holder, territory.ca_cert_pem, territory.ca_key_pem, secret
    )
    session.add(
        Certificate(
            serial=serial,
            device_id=device.id,
            account_id=counsellor.account_id,
            issued_at=utc_now(),
            certificate_pem=pem,
            field=counsellor.field,
        )
    )
    session.flush()
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


def _check_account(session: Session, device: Device, account_id: uuid.UUID) -> None:
    elsewhere = session.scalar(
        select(Certificate.serial)
        .join(Device, Device.id == Certificate.device_id)
        .where(
            Certificate.account_id == account_id,
            Certificate.device_id != device.id,
            Device.territory_id == device.territory_id,
            Device.revoked_at.is_(None),
        )
        .limit(1)
    )
    if elsewhere is not None:
        raise ApiError(
            409,
            "account_bound_elsewhere",
            "this counsellor account belongs to another device of the territory",
        )
    declared = set(
        session.scalars(
            select(Certificate.account_id).where(Certificate.device_id == device.id).distinct()
        )
    )
    if account_id not in declared and len(declared) >= MAX_COUNSELLORS_PER_DEVICE:
        raise ApiError(
            409,
            "too_many_accounts",
            f"a device holds at most {MAX_COUNSELLORS_PER_DEVICE} counsellor accounts",
        )


def _valid(session: Session, device: Device, account_id: uuid.UUID) -> list[Certificate]:
    """The account's valid certificates in ``device``'s territory."""
    return list(
        session.scalars(
            select(Certificate)
            .join(Device, Device.id == Certificate.device_id)
            .where(
                Certificate.account_id == account_id,
                Certificate.revoked_at.is_(None),
                Device.territory_id == device.territory_id,
                Device.revoked_at.is_(None),
            )
        )
    )


def _same_key(certificate_pem: str, csr: x509.CertificateSigningRequest) -> bool:
    raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    issued = x509.load_pem_x509_certificate(certificate_pem.encode("ascii"))
    return issued.public_key().public_bytes(*raw) == csr.public_key().public_bytes(*raw)
