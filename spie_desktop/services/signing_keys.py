"""Each counsellor's signing identity on this device: made, rewrapped, replaced, unlocked.

An identity is an ECDSA P-256 key and a certificate (self-signed here; the territory server
issues one for the same key at enrolment). It is made when the account is made
(``device.initialise_device`` / ``device.add_counsellor``), with the account's passphrase,
and kept in the encrypted store with the private key wrapped under that passphrase: on a
shared laptop, one counsellor cannot sign for the other even though both unlock the same
store. Stores created before identities existed get one lazily, at the counsellor's first
signing (``plans.PlanSigning``), once their passphrase has been checked against their key
slot.

Making or unwrapping an identity costs one Argon2id derivation (~0.1–0.3 s): never on the
GUI thread.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

from cryptography import x509

from spie_desktop.domain.organisation import Counsellor
from spie_desktop.domain.signing_key import SigningKey
from spie_desktop.plan.errors import SigningKeyUnreadable
from spie_desktop.plan.errors import WrongSigningPassphrase as WrongSigningPassphrase
from spie_desktop.plan.keys import generate_signing_identity, unwrap_private_key, wrap_private_key
from spie_desktop.plan.signed_plan import CounsellorKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric import ec

    from spie_desktop.storage.session import Session
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def new_signing_key(counsellor: Counsellor, organisation: str, passphrase: str) -> SigningKey:
    """A fresh identity for ``counsellor``, its key wrapped under ``passphrase``."""
    return new_signing_key_unlocked(counsellor, organisation, passphrase)[0]


def new_signing_key_unlocked(
    counsellor: Counsellor, organisation: str, passphrase: str
) -> tuple[SigningKey, CounsellorKey]:
    """A fresh identity to store, and the same key ready to sign (saves an unwrap)."""
    identity = generate_signing_identity(counsellor.display_name, organisation, counsellor.field)
    stored = SigningKey(
        counsellor_id=counsellor.id,
        wrapped_key=wrap_private_key(identity.private_key, passphrase),
        certificate_pem=identity.certificate_pem.decode("ascii"),
    )
    key = CounsellorKey(counsellor.display_name, identity.private_key, identity.certificate)
    return stored, key


def create_signing_key(uow: UnitOfWork, counsellor: Counsellor, passphrase: str) -> SigningKey:
    """Make and store a new current identity (the previous one, if any, is replaced)."""
    structure_id = counsellor.structure_id
    structure = uow.structures.find(uuid.UUID(str(structure_id))) if structure_id else None
    key = new_signing_key(counsellor, structure.name if structure else "", passphrase)
    uow.signing_keys.add(key)
    log.info("signing identity %s made for account %s", key.id, counsellor.id)
    return key


def rewrap_signing_key(uow: UnitOfWork, counsellor: Counsellor, old: str, new: str) -> None:
    """Wrap the counsellor's current key under ``new`` instead of ``old``.

    Idempotent, so that a passphrase change interrupted after this step can be run again: a
    key that already opens with ``new`` is left as it is. A key that opens with neither (or
    is damaged) can never sign again: it is replaced by a fresh identity under ``new``.
    Nothing to do for a counsellor without an identity (made at their first signing).
    """
    current = uow.signing_keys.current_for(counsellor.id)
    if current is None:
        return
    try:
        private_key = unwrap_private_key(current.wrapped_key, old)
    except (WrongSigningPassphrase, SigningKeyUnreadable):
        if _opens_with(current, new):
            return
        log.warning("signing key of account %s unusable: replaced", counsellor.id)
        create_signing_key(uow, counsellor, new)
        return
    uow.signing_keys.rewrap(current.id, wrap_private_key(private_key, new))


def unlock_signing_key(key: SigningKey, counsellor: Counsellor, passphrase: str) -> CounsellorKey:
    """The usable key; :class:`WrongSigningPassphrase` naming the counsellor otherwise."""
    certificate = x509.load_pem_x509_certificate(key.certificate_pem.encode("ascii"))
    chain = x509.load_pem_x509_certificates(key.chain_pem.encode("ascii")) if key.chain_pem else []
    try:
        return CounsellorKey.unlock(
            counsellor.display_name, key.wrapped_key, passphrase, certificate, chain
        )
    except WrongSigningPassphrase:
        raise WrongSigningPassphrase(counsellor.display_name) from None


def _opens_with(key: SigningKey, passphrase: str) -> bool:
    try:
        unwrap_private_key(key.wrapped_key, passphrase)
    except (WrongSigningPassphrase, SigningKeyUnreadable):
        return False
    return True


def request_territory_certificate(
    session: Session,
    counsellor: Counsellor,
    key: ec.EllipticCurvePrivateKey | None = None,
    *,
    passphrase: str = "",
    only_if_enrolled: bool = False,
) -> bool:
    """Prepare this account's territory certificate request while its key is unwrapped (or
    with its passphrase, which costs one derivation, only when a request is really needed);
    the next sync sends it. Best effort: never in the way of a signature or an unlock."""
    from spie_desktop.sync import certificate_requests

    try:
        with session.uow(read_only=True) as uow:
            if only_if_enrolled and not certificate_requests.is_enrolled(uow):
                return False
            if not certificate_requests.needs_certificate(uow, counsellor.id):
                return False
            stored = uow.signing_keys.current_for(counsellor.id)
        if key is None:
            if stored is None or not passphrase:
                return False
            key = unwrap_private_key(stored.wrapped_key, passphrase)
        return certificate_requests.prepare(
            session, counsellor.id, counsellor.display_name, counsellor.field.value, key
        )
    except Exception as exc:  # a certificate can wait; a signature or an unlock must not
        log.warning("certificate request not prepared: %s", type(exc).__name__)
        return False
