"""Who may sign a plan, and the signatures as the plan keeps them.

The person signs on the pad; each counsellor signs on the pad *and* confirms with their own
passphrase (``services.plan_signing``): the SOCIAL side must be confirmed by a social-field
account and the EMPLOI side by an emploi-field one, and they must be two different accounts.
So one counsellor can never sign for the other, even on a shared laptop where both unlock the
same store. A structure with a single counsellor for both sides is refused: the plan comes
from a diagnostic shared by two fields, and the other field's counsellor (a partner's worker,
say) needs their own account on the laptop to sign.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING

from spie_desktop.domain.errors import NotFound, ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.domain.people import Person
from spie_desktop.domain.plan import (
    REQUIRED_SIGNERS,
    ActionPlan,
    Signature,
    SignatureMethod,
    SignerRole,
    signer_list,
)
from spie_desktop.domain.typed_signature import TYPED_NAME_MISMATCH_FR, typed_name_matches
from spie_desktop.plan.crypto_signers import CRYPTO_SIGNERS

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

SIDE_FIELDS = {SignerRole.SOCIAL: Field.SOCIAL, SignerRole.EMPLOI: Field.EMPLOI}


class SameCounsellorForBothSides(ValidationError):
    """One account confirming both counsellors' signatures."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Un même compte ne peut pas signer pour les deux volets : le plan est signé par "
                "un·e conseiller·ère du volet social et un·e du volet professionnel, chacun·e "
                "avec son propre compte sur cet appareil."
            ),
            "one account cannot confirm both counsellor signatures",
            "signatures",
        )


def check_signers(counsellors: Mapping[SignerRole, Counsellor]) -> dict[SignerRole, Counsellor]:
    """Both sides confirmed, each by an active account of its own field, two accounts."""
    missing = [role for role in CRYPTO_SIGNERS if role not in counsellors]
    if missing:
        raise ValidationError(
            say("Confirmation manquante : {list}.", list=signer_list(missing)),
            "missing counsellor confirmation: " + ", ".join(missing),
            "signatures",
        )
    social, emploi = counsellors[SignerRole.SOCIAL], counsellors[SignerRole.EMPLOI]
    if social.id == emploi.id:
        raise SameCounsellorForBothSides()
    for role in CRYPTO_SIGNERS:
        counsellor, wanted = counsellors[role], SIDE_FIELDS[role]
        if counsellor.field is not wanted:
            raise ValidationError(
                say(
                    "{display_name} ({lower}) ne peut pas confirmer la signature du {lower2}.",
                    display_name=counsellor.display_name,
                    lower=counsellor.field.label.lower(),
                    lower2=wanted.label.lower(),
                ),
                f"a {counsellor.field} counsellor cannot confirm the {role} signature",
                "signatures",
            )
        if not counsellor.active:
            raise ValidationError(
                say(
                    "Le compte de {display_name} est désactivé.",
                    display_name=counsellor.display_name,
                ),
                "inactive counsellor account",
                "signatures",
            )
    return {role: counsellors[role] for role in CRYPTO_SIGNERS}


def handwritten_signatures(
    plan: ActionPlan,
    signatures: list[Signature],
    person: Person,
    counsellors: Mapping[SignerRole, Counsellor],
) -> list[Signature]:
    """The pad's signatures, named after who signs: the person, the confirming accounts."""
    by_role: dict[SignerRole, Signature] = {}
    for given in signatures:
        if given.role in by_role:
            raise ValidationError(
                say("Une seule signature par signataire."),
                "two signatures for one role",
                "signatures",
            )
        counsellor = counsellors.get(given.role)
        expected = counsellor.display_name if counsellor else person.full_name
        typed = given.method is SignatureMethod.TYPED
        if typed and not typed_name_matches(given.signer_name, expected):
            raise ValidationError(
                TYPED_NAME_MISMATCH_FR, "typed name is not the signer's", "signatures"
            )
        by_role[given.role] = Signature(
            id=given.id,
            plan_id=plan.id,
            role=given.role,
            signer_name=" ".join(given.signer_name.split())
            if typed
            else (expected if counsellor else (given.signer_name.strip() or expected)),
            # an empty pad: none; signed on the keyboard: none either
            strokes=[] if typed else [list(stroke) for stroke in given.strokes if stroke],
            signed_at=given.signed_at,
            counsellor_id=counsellor.id if counsellor else None,
            method=given.method,
        )
    return [by_role[role] for role in REQUIRED_SIGNERS if role in by_role]


def find_counsellor(uow: UnitOfWork, counsellor_id: uuid.UUID) -> Counsellor:
    """The account on this device; refused when it has none with that id."""
    counsellor = uow.counsellors.find(counsellor_id)
    if counsellor is None:
        raise NotFound(say("Compte introuvable sur cet appareil."), "counsellor account not found")
    return counsellor
