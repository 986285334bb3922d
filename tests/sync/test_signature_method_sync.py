"""A plan signed on the keyboard on one laptop reads, on a second one through a real server,
as signed on the keyboard: the names typed, no strokes; the signature drawn stays drawn."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from spie_desktop.domain.plan import PlanStatus, Signature, SignatureMethod, SignerRole
from spie_desktop.services.plans import PlanService
from tests.services.plan_fixtures import make_room, pad_signatures
from tests.sync.conftest import PASSPHRASE, Laptop


def test_a_keyboard_signature_reaches_the_other_laptop_as_typed(
    make_laptop: Callable[..., Laptop],
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    room = make_room(a.session)
    plan = room.ready_draft()
    now = datetime.now(UTC)
    drawn = {s.role: s for s in pad_signatures(plan)}
    signatures = [
        drawn[SignerRole.SOCIAL],
        *(
            Signature(
                plan_id=plan.id,
                role=role,
                signer_name=name,
                strokes=[],
                signed_at=now,
                method=SignatureMethod.TYPED,
            )
            for role, name in (
                (SignerRole.PERSON, "helene lefevre"),
                (SignerRole.EMPLOI, "Julien R."),
            )
        ),
    ]
    signed = room.plans.sign(plan.id, signatures, room.confirmations(nadia=PASSPHRASE), "Rodez")
    assert a.sync().ok and b.sync().ok

    arrived = PlanService(b.session).get(signed.plan.id)
    assert arrived.status is PlanStatus.SIGNED
    by_role = {s.role: s for s in arrived.signatures}
    assert {role: s.method for role, s in by_role.items()} == {
        SignerRole.PERSON: SignatureMethod.TYPED,
        SignerRole.SOCIAL: SignatureMethod.DRAWN,
        SignerRole.EMPLOI: SignatureMethod.TYPED,
    }
    assert by_role[SignerRole.PERSON].signer_name == "helene lefevre"
    assert by_role[SignerRole.PERSON].strokes == [] == by_role[SignerRole.EMPLOI].strokes
    assert by_role[SignerRole.SOCIAL].strokes  # the drawing, as drawn
    assert PlanService(b.session).pdf(signed.plan.id) == room.plans.pdf(signed.plan.id)
