"""Territory certificates for the accounts that did not enrol the device.

Only the counsellor who enrols gets a territory certificate at once: a certificate request
must be signed with the account's own key, which only its passphrase unwraps. For the other
accounts of the laptop, the request is prepared at a moment their key is unwrapped anyway —
when they sign a plan, or unlock an enrolled device — and kept in the store's meta table
(a CSR is public: no passphrase is kept). The next sync sends the requests it finds and
installs the certificates, so the account's next signatures chain to the territory CA.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric import ec
from pydantic import ValidationError

from spie_protocol.messages import CounsellorCsr

from .client import SyncClient
from .enrolment import KEYS, ca_file, csr_for, csr_pem, install_certificate
from .errors import CorruptResponse

if TYPE_CHECKING:
    from spie_desktop.storage.session import Session
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

PREFIX = "certificate_request:"


@dataclass(frozen=True)
class CertificateRequest:
    account_id: uuid.UUID
    display_name: str
    field: str  # social | emploi: the territory writes it into the certificate
    csr_pem: str

    def stored(self) -> str:
        """As kept in the store's meta until the next sync sends it."""
        fields = ("display_name", "field", "csr_pem")
        return json.dumps(
            {"account_id": str(self.account_id)} | {f: getattr(self, f) for f in fields}
        )

    def message(self) -> CounsellorCsr:
        """What goes to the server; raises ValidationError if it could never be accepted."""
        return CounsellorCsr.model_validate(
            {
                "account_id": self.account_id,
                "display_name": self.display_name,
                "field": self.field,
                "csr_pem": self.csr_pem,
            }
        )


def needs_certificate(uow: UnitOfWork, account_id: uuid.UUID) -> bool:
    """The account signs with a self-signed certificate and has no request waiting."""
    current = uow.signing_keys.current_for(account_id)
    if current is None or current.chain_pem:
        return False
    return not uow.meta.get(PREFIX + str(account_id))


def prepare(
    session: Session,
    account_id: uuid.UUID,
    display_name: str,
    field: str,
    key: ec.EllipticCurvePrivateKey,
) -> bool:
    """Keep a request for this account's territory certificate, if it needs one; True if kept."""
    with session.uow() as uow:
        if not needs_certificate(uow, account_id):
            return False
        request = CertificateRequest(account_id, display_name, field, csr_pem(display_name, key))
        uow.meta.set(PREFIX + str(account_id), request.stored())
    log.info("certificate request prepared for account %s", account_id)
    return True


def is_enrolled(uow: UnitOfWork) -> bool:
    return bool(uow.meta.get(KEYS["token"]))


def pending(uow: UnitOfWork) -> list[CertificateRequest]:
    found = []
    for key, value in sorted(uow.meta.all().items()):
        if not key.startswith(PREFIX) or not value:
            continue
        try:
            data: Any = json.loads(value)
            found.append(
                CertificateRequest(
                    uuid.UUID(key[len(PREFIX) :]),
                    str(data["display_name"]),
                    str(data["field"]),  # a request kept by an older version has none
                    str(data["csr_pem"]),
                )
            )
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable certificate request dropped")
            uow.meta.delete(key)
    return found


def send(session: Session, client: SyncClient, request: CertificateRequest) -> bool:
    """Post one request and install the certificate; True if installed. A request that no
    longer applies (certificate already there, key replaced since) is dropped: the account's
    next signing or unlock prepares a new one."""
    with session.uow(read_only=True) as uow:
        current = uow.signing_keys.current_for(request.account_id)
    if current is None or current.chain_pem:
        _drop(session, request)
        return False
    try:
        message = request.message()
    except ValidationError:  # kept by an older version, and no longer acceptable
        log.warning("certificate request for account %s was malformed: dropped", request.account_id)
        _drop(session, request)
        return False
    issued = client.certificate(message)
    ca = ca_file(session.data_dir)
    chain = ca.read_text(encoding="ascii") if ca.exists() else ""
    try:
        with session.uow() as uow:
            install_certificate(uow, issued, chain)
            uow.meta.delete(PREFIX + str(request.account_id))
    except CorruptResponse:  # issued for another key: the account's key changed since
        log.warning("certificate request for account %s was stale: dropped", request.account_id)
        _drop(session, request)
        return False
    log.info("territory certificate installed for account %s", request.account_id)
    return True


def _drop(session: Session, request: CertificateRequest) -> None:
    with session.uow() as uow:
        uow.meta.delete(PREFIX + str(request.account_id))


def ensure_certificate(session: Session, client: SyncClient, passphrase: str) -> bool:
    """Give the unlocking counsellor a territory certificate if they have none yet
    (an account added after enrolment). True if one was installed."""
    me = session.counsellor
    with session.uow(read_only=True) as uow:
        current = uow.signing_keys.current_for(me.id)
    if current is None or current.chain_pem:
        return False
    csr = csr_for(session, me.id, me.display_name, passphrase)
    return send(session, client, CertificateRequest(me.id, me.display_name, me.field.value, csr))
