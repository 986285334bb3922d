"""The territory's certificate revocation list (RFC 5280 CRL, DER), signed by its CA.

It lists every counsellor certificate that is no longer valid, each with its RFC 5280 reason:
``superseded`` for one replaced by a new one for the same account (a re-issue after a
recovery) while its device is still live — what it signed before stays good; ``keyCompromise``
for every certificate issued through a revoked device (a stolen laptop), dated at the earliest
of the two revocations — nothing it signed is to be trusted. Made fresh on each request (a
territory holds a few hundred certificates); valid ``NEXT_UPDATE`` ahead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from spie_server.models import Certificate, Device, Territory, utc_now
from spie_server.territory.ca import load_ca_key

NEXT_UPDATE = timedelta(days=7)


def territory_crl(session: Session, territory: Territory, secret: bytes) -> bytes:
    """The CRL of ``territory`` as DER bytes."""
    rows = session.execute(
        select(Certificate.serial, Certificate.revoked_at, Device.revoked_at)
        .join(Device, Device.id == Certificate.device_id)
        .where(
            Device.territory_id == territory.id,
            (Certificate.revoked_at.is_not(None)) | (Device.revoked_at.is_not(None)),
        )
        .order_by(Certificate.serial)
    ).all()
    ca_cert = x509.load_pem_x509_certificate(territory.ca_cert_pem.encode("ascii"))
    ca_key = load_ca_key(territory.ca_key_pem, secret)
    now = utc_now().replace(tzinfo=UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(now - timedelta(minutes=5))
        .next_update(now + NEXT_UPDATE)
        .add_extension(x509.CRLNumber(int(now.timestamp() * 1000)), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    for serial, cert_revoked, device_revoked in rows:
        moments = [m for m in (cert_revoked, device_revoked) if m is not None]
        reason = (
            x509.ReasonFlags.superseded
            if device_revoked is None
            else x509.ReasonFlags.key_compromise
        )
        revoked = (
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial, 16))
            .revocation_date(_utc(min(moments)))
            .add_extension(x509.CRLReason(reason), critical=False)
            .build()
        )
        builder = builder.add_revoked_certificate(revoked)
    crl = builder.sign(ca_key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
