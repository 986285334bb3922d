"""Signing a plan with the person: real keys, a real PDF kept in the store, both counsellors
confirming with their own passphrase; every refusal leaves the store as it was."""

from __future__ import annotations

import hashlib
import stat
import subprocess
from pathlib import Path

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import PersonStatus
from spie_desktop.domain.plan import ActionPlan, PlanStatus, SignerRole
from spie_desktop.plan.errors import WrongSigningPassphrase
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.services import device
from spie_desktop.services.plan_signers import SameCounsellorForBothSides
from spie_desktop.services.plan_signing import SigningProgress
from spie_desktop.storage.session import Session
from tests.conftest import require_tool

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE
from .plan_fixtures import Room, make_room, pad_signatures

SOPHIE_PASSPHRASE = "Sophie garde le cap à Évry"


@pytest.fixture
def room(session: Session) -> Room:
    return make_room(session)


def _audited(session: Session, action: AuditAction) -> list[object]:
    with session.uow(read_only=True) as uow:
        return [a.entity_id for a in uow.audit.list() if a.action is action]


def _assert_untouched(room: Room, plan: ActionPlan) -> None:
    stored = room.plans.get(plan.id)
    assert stored.status is PlanStatus.DRAFT
    assert stored.signatures == [] and stored.pdf_sha256 is None
    assert stored.version == plan.version
    assert plan.id not in _audited(room.session, AuditAction.SIGNED)


def test_signing_stores_the_pdf_signed_by_both_counsellors(room: Room, tmp_path: Path) -> None:
    plan = room.ready_draft()
    steps: list[SigningProgress] = []
    result = room.sign(plan, progress=steps.append)

    assert [s.label for s in steps] == [
        "Préparation",
        "Mise en page",
        "Signature 1/2",
        "Signature 2/2",
        "Enregistrement",
    ]
    stored = room.plans.get(plan.id)
    assert stored.status is PlanStatus.SIGNED and result.plan.status is PlanStatus.SIGNED
    pdf = room.plans.pdf(plan.id)
    assert hashlib.sha256(pdf).hexdigest() == result.pdf_sha256 == stored.pdf_sha256
    assert len(pdf) == result.size
    report = verify_pdf(pdf)  # keys not yet certified by the territory: intact, not valid
    assert all(c.intact and not c.modified_after for c in report.signatures)
    assert not report.ok and "signé hors autorité du territoire" in report.verdict_fr
    assert [c.claimed_signer for c in report.signatures] == ["Nadia B.", "Julien R."]
    signers = {s.role: (s.signer_name, s.counsellor_id) for s in stored.signatures}
    assert signers[SignerRole.SOCIAL] == ("Nadia B.", room.nadia.id)
    assert signers[SignerRole.EMPLOI] == ("Julien R.", room.julien.id)
    assert signers[SignerRole.PERSON] == ("Hélène LEFÈVRE", None)
    assert plan.id in _audited(room.session, AuditAction.SIGNED)
    assert plan.id not in _audited(room.session, AuditAction.EXPORTED)  # not yet exported
    with room.session.uow(read_only=True) as uow:
        assert uow.people.get(room.person_id).status is PersonStatus.ACCOMPANIED

    out = room.plans.export_pdf(plan.id, tmp_path / "plan.pdf")
    assert out.read_bytes() == pdf
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert plan.id in _audited(room.session, AuditAction.EXPORTED)
    with pytest.raises(ValidationError):
        room.plans.export_pdf(plan.id, room.session.data_dir / "plan.pdf")

    pdfsig = require_tool("pdfsig")
    checked = subprocess.run([pdfsig, str(out)], capture_output=True, text=True, timeout=60)
    assert checked.stdout.count("Signature Validation: Signature is Valid.") == 2, checked.stdout
    assert "Nadia B." in checked.stdout and "Julien R." in checked.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("no_objective", "Le plan ne contient aucun objectif."),
        ("no_due_date", "n'a pas d'échéance"),
        ("empty_pad", "Signature manquante : la personne accompagnée."),
        (
            "missing_signature",
            "Signature manquante : le ou la conseiller·ère du volet professionnel.",
        ),
    ],
)
def test_a_plan_not_ready_is_refused_and_nothing_is_stored(
    room: Room, change: str, message: str
) -> None:
    plan = room.ready_draft()
    if change == "no_objective":
        plan.objectives = []
        plan = room.plans.save_draft(plan)
    if change == "no_due_date":
        plan.objectives[0].actions[0].due_date = None
        plan = room.plans.save_draft(plan)
    pad = pad_signatures(plan, empty=SignerRole.PERSON if change == "empty_pad" else None)
    if change == "missing_signature":
        pad = [s for s in pad if s.role is not SignerRole.EMPLOI]
    with pytest.raises(ValidationError) as refused:
        room.plans.sign(plan.id, pad, room.confirmations(), "Rodez")
    assert message in refused.value.message_fr
    _assert_untouched(room, plan)


def test_a_counsellor_cannot_sign_for_the_other(room: Room) -> None:
    plan = room.ready_draft()
    pad = pad_signatures(plan)
    # Julien's side confirmed with Nadia's passphrase: his key does not open.
    with pytest.raises(WrongSigningPassphrase) as wrong:
        room.plans.sign(plan.id, pad, room.confirmations(julien=NADIA_PASSPHRASE), "Rodez")
    assert wrong.value.message_fr == (
        "Phrase de passe incorrecte pour Julien R. : la signature n'a pas été apposée."
    )
    assert room.julien.id in _audited(room.session, AuditAction.UNLOCK_FAILED)
    # One account for both sides, even with the right passphrase.
    same = {
        SignerRole.SOCIAL: (room.nadia.id, NADIA_PASSPHRASE),
        SignerRole.EMPLOI: (room.nadia.id, NADIA_PASSPHRASE),
    }
    with pytest.raises(SameCounsellorForBothSides) as same_account:
        room.plans.sign(plan.id, pad, same, "Rodez")
    assert "Un même compte ne peut pas signer pour les deux volets" in (
        same_account.value.message_fr
    )
    # A social counsellor on the professional side.
    sophie = device.add_counsellor(
        room.session, display_name="Sophie M.", field=Field.SOCIAL, passphrase=SOPHIE_PASSPHRASE
    )
    crossed = {
        SignerRole.SOCIAL: (sophie.id, SOPHIE_PASSPHRASE),
        SignerRole.EMPLOI: (room.nadia.id, NADIA_PASSPHRASE),
    }
    with pytest.raises(ValidationError) as refused:
        room.plans.sign(plan.id, pad, crossed, "Rodez")
    assert refused.value.message_fr == (
        "Nadia B. (volet social) ne peut pas confirmer la signature du volet professionnel."
    )
    _assert_untouched(room, plan)
    room.plans.sign(plan.id, pad, room.confirmations(julien=JULIEN_PASSPHRASE), "Rodez")
    assert room.plans.get(plan.id).status is PlanStatus.SIGNED


def test_signing_with_a_self_signed_key_prepares_a_territory_certificate_request(
    room: Room,
) -> None:
    from spie_desktop.sync import certificate_requests

    room.sign(room.ready_draft())
    with room.session.uow() as uow:
        waiting = certificate_requests.pending(uow)
        public = uow.meta.all()
    # Both counsellors: their keys were unwrapped to sign, their requests wait for a sync.
    assert {r.display_name for r in waiting} == {"Nadia B.", "Julien R."}
    assert all(r.csr_pem.startswith("-----BEGIN CERTIFICATE REQUEST-----") for r in waiting)
    kept = " ".join(public.values())
    assert NADIA_PASSPHRASE not in kept and JULIEN_PASSPHRASE not in kept
