"""From a plan ready to sign to the signed PDF: rules first, then render, then both keys.

The domain decides whether a plan may be signed (``domain.plan_checks.check_ready_to_sign``:
an objective, due dates, the contract and its commitment, the next review after the signing
day, three non-empty handwritten signatures); this module refuses before any PDF exists.
Each counsellor's key is unlocked with their own passphrase (:meth:`CounsellorKey.unlock`),
so one counsellor cannot sign for the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from spie_desktop.domain.contracts import ContractHolder
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.plan import ActionPlan, SignerRole, signer_list
from spie_desktop.domain.plan_checks import check_ready_to_sign

from .crypto_signers import CRYPTO_SIGNERS
from .errors import SigningFailed
from .keys import unwrap_private_key

if TYPE_CHECKING:
    from .document import PlanDocument
    from .render import RenderedPlan
    from .signing import SignerInput

FIELD_NAMES = {SignerRole.SOCIAL: "SignatureVoletSocial", SignerRole.EMPLOI: "SignatureVoletPro"}


@dataclass(frozen=True)
class CounsellorKey:
    name: str
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: Sequence[x509.Certificate] = field(default=())  # issuing certificates, if any

    @classmethod
    def unlock(
        cls,
        name: str,
        wrapped_key: bytes,
        passphrase: str,
        certificate: x509.Certificate,
        chain: Sequence[x509.Certificate] = (),
    ) -> CounsellorKey:
        """Unwrap with the counsellor's passphrase (raises WrongSigningPassphrase)."""
        key = unwrap_private_key(wrapped_key, passphrase)
        raw = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        if key.public_key().public_bytes(*raw) != certificate.public_key().public_bytes(*raw):
            raise SigningFailed("the certificate does not match the signing key")
        return cls(name, key, certificate, chain)


def render_and_sign(
    plan: ActionPlan,
    document: PlanDocument,
    keys: Mapping[SignerRole, CounsellorKey],
    location: str,
    timezone: str = "Europe/Paris",
    holder: ContractHolder | None = None,
) -> bytes:
    """The plan's PDF signed by the social then the employment counsellor, on the
    document's day: the plan's rules are checked for that day and ``holder`` (by default
    the document's birth date, without RQTH)."""
    check_ready_to_sign(plan, document.day, holder or ContractHolder(document.birth_date))
    missing = [role for role in CRYPTO_SIGNERS if role not in keys]
    if missing:
        raise ValidationError(
            say("Signature électronique manquante : {list}.", list=signer_list(missing)),
            "missing counsellor key: " + ", ".join(missing),
            "signatures",
        )
    # reportlab and pyHanko only now: a counsellor's key is unlocked without them
    from .render import render_plan_pdf
    from .signing import sign_plan_pdf

    rendered = render_plan_pdf(document)
    signers = [signer_input(role, keys[role], rendered, location) for role in CRYPTO_SIGNERS]
    return sign_plan_pdf(rendered.pdf, signers, timezone)


def signer_input(
    role: SignerRole, key: CounsellorKey, rendered: RenderedPlan, location: str
) -> SignerInput:
    """What signs ``role``'s field of ``rendered`` (for callers signing one key at a time)."""
    from .signing import SignerInput

    return SignerInput(
        field_name=FIELD_NAMES[role],
        box=rendered.signature_boxes[role],
        private_key=key.private_key,
        certificate=key.certificate,
        name=key.name,
        location=location,
        chain=key.chain,
    )
