"""Signing a plan on the keyboard: the names typed are checked against the signers', the
record says "typed", the counsellors' passphrases are still required, and the signed PDF
prints the names typed and « Signé au clavier le … » in the person's language and French."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import ActionPlan, PlanStatus, Signature, SignatureMethod, SignerRole
from spie_desktop.domain.typed_signature import TYPED_NAME_MISMATCH_FR
from spie_desktop.plan.errors import WrongSigningPassphrase
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

from .plan_fixtures import Room, make_room, pad_signatures


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def typed_signatures(plan: ActionPlan, names: dict[SignerRole, str]) -> list[Signature]:
    """The pads as the keyboard leaves them: the roles named typed, the others drawn."""
    drawn = {s.role: s for s in pad_signatures(plan)}
    now = datetime.now(UTC)
    return [
        Signature(
            plan_id=plan.id,
            role=role,
            signer_name=names[role],
            strokes=[],
            signed_at=now,
            method=SignatureMethod.TYPED,
        )
        if role in names
        else drawn[role]
        for role in SignerRole
    ]


def test_a_plan_signed_on_the_keyboard_says_so_in_the_record_and_in_the_pdf(room: Room) -> None:
    people = PeopleService(room.session)
    person = people.get(room.person_id)
    people.update_identity(person.id, replace(person.identity, language="es"), person.version)
    plan = room.ready_draft()
    names = {SignerRole.PERSON: "helene lefevre", SignerRole.EMPLOI: "JULIEN R."}
    signed = room.plans.sign(plan.id, typed_signatures(plan, names), room.confirmations(), "Rodez")

    stored = room.plans.get(signed.plan.id)
    assert stored.status is PlanStatus.SIGNED
    by_role = {s.role: s for s in stored.signatures}
    assert by_role[SignerRole.PERSON].method is SignatureMethod.TYPED
    assert by_role[SignerRole.PERSON].strokes == []
    assert by_role[SignerRole.PERSON].signer_name == "helene lefevre"
    assert by_role[SignerRole.EMPLOI].method is SignatureMethod.TYPED
    assert by_role[SignerRole.SOCIAL].method is SignatureMethod.DRAWN
    assert by_role[SignerRole.SOCIAL].strokes  # the pad's drawing, kept

    data = room.plans.pdf(stored.id)
    report = verify_pdf(data)  # the passphrases still sign the PDF
    assert [c.claimed_signer for c in report.signatures] == ["Nadia B.", "Julien R."]
    assert all(c.intact and not c.modified_after for c in report.signatures)
    text = pdf_text(data)
    day = room.plans.today()
    assert text.count("Signé au clavier le") == 2
    assert text.count("Firmado con el teclado el") == 2
    assert "helene lefevre" in text and "JULIEN R." in text
    assert str(day.year) in text


def test_a_name_typed_that_is_not_the_signers_is_refused_and_nothing_signed(room: Room) -> None:
    plan = room.ready_draft()
    names = {SignerRole.PERSON: "Hélène Lefebvre"}
    with pytest.raises(ValidationError) as refused:
        room.plans.sign(plan.id, typed_signatures(plan, names), room.confirmations(), "Rodez")
    assert refused.value.message_fr == TYPED_NAME_MISMATCH_FR
    assert "Lef" not in refused.value.message_fr + refused.value.message_en  # no name in logs
    assert room.plans.get(plan.id).status is PlanStatus.DRAFT


def test_a_counsellor_signing_on_the_keyboard_still_needs_their_passphrase(room: Room) -> None:
    plan = room.ready_draft()
    names = {SignerRole.SOCIAL: room.nadia.display_name}
    with pytest.raises(WrongSigningPassphrase):
        room.plans.sign(
            plan.id,
            typed_signatures(plan, names),
            room.confirmations(nadia="pas la bonne"),
            "Rodez",
        )
    assert room.plans.get(plan.id).status is PlanStatus.DRAFT
