"""Two PAdES signatures, checked by poppler's pdfsig (an independent verifier) and by qpdf."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.plan import Signature, SignerRole
from spie_desktop.domain.plan_checks import check_ready_to_sign
from spie_desktop.plan.keys import wrap_private_key
from spie_desktop.plan.signed_plan import CounsellorKey, render_and_sign
from spie_desktop.plan.verify import verify_pdf
from tests.plan.conftest import (
    Identities,
    TerritoryCA,
    action_plan,
    mme_l,
    plan_document,
    run_tool,
)
from tests.plan.territory import ServerCA, counsellor_keys


def _write(tmp_path: Path, pdf: bytes, name: str = "signed.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return str(path)


def _flip_byte_in_first_revision(pdf: bytes) -> bytes:
    """Change one byte of the page content the first signature covers."""
    index = pdf.index(b"stream", 2000) + 40
    return pdf[:index] + bytes([pdf[index] ^ 0x20]) + pdf[index + 1 :]


def test_pdfsig_sees_two_valid_signatures(signed_pdf: bytes, tmp_path: Path) -> None:
    report = run_tool("pdfsig", _write(tmp_path, signed_pdf))
    assert report.count("Signature is Valid") == 2, report
    assert "Nadia Benali" in report and "Julien Roux" in report
    assert report.count("Signature Type: ETSI.CAdES.detached") == 2  # PAdES
    last = report.split("Signature #2")[1]
    assert "Total document signed" in last
    assert "Certificate issuer is unknown" in report  # self-signed: not trusted by poppler


def test_pdfsig_trusts_territory_issued_certificates_through_nss(
    identities: Identities, tmp_path: Path
) -> None:
    """After enrolment the territory CA certifies each key; poppler trusts that CA via NSS."""
    ca = ServerCA.create()
    keys = counsellor_keys(ca, identities.social, identities.emploi)
    pdf = render_and_sign(action_plan(mme_l()), plan_document(), keys, "Rodez")
    nss = tmp_path / "nss"
    nss.mkdir()
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    pem = tmp_path / "ca.pem"
    pem.write_bytes(ca.certificate.public_bytes(serialization.Encoding.PEM))
    run_tool(
        "certutil", "-A", "-d", f"sql:{nss}", "-n", "territoire", "-t", "CT,C,C", "-i", str(pem)
    )
    report = run_tool("pdfsig", "-nssdir", f"sql:{nss}", _write(tmp_path, pdf))
    assert report.count("Signature is Valid") == 2, report
    assert report.count("Certificate is Trusted") == 2, report
    trusted = verify_pdf(pdf, trust_roots=[ca.certificate])
    assert trusted.ok and all(c.trusted and not c.self_signed for c in trusted.signatures)
    stranger = verify_pdf(pdf, trust_roots=[TerritoryCA.create("Autre autorité").certificate])
    assert not stranger.ok and "pas émis par l'autorité du territoire" in stranger.verdict_fr
    assert all(c.intact for c in stranger.signatures)


def test_one_changed_byte_is_caught_by_pdfsig_and_verify(signed_pdf: bytes, tmp_path: Path) -> None:
    tampered = _flip_byte_in_first_revision(signed_pdf)
    report = run_tool("pdfsig", _write(tmp_path, tampered, "tampered.pdf"))
    assert "Digest Mismatch" in report and "Signature is Valid" not in report, report
    result = verify_pdf(tampered)
    assert not result.ok and all(not check.intact for check in result.signatures)
    assert "modifié" in result.verdict_fr


def test_signed_file_passes_qpdf_and_embeds_every_font(signed_pdf: bytes, tmp_path: Path) -> None:
    path = _write(tmp_path, signed_pdf)
    assert "No syntax or stream encoding errors found" in run_tool("qpdf", "--check", path)
    fonts = run_tool("pdffonts", path).splitlines()[2:]
    assert len(fonts) >= 3  # body, bold, and each stamp's subset
    for line in fonts:
        assert "DejaVuSans" in line and " yes yes yes " in line, line
    assert b"Helvetica" not in signed_pdf and b"Courier" not in signed_pdf


def test_stamps_say_who_signed_in_french(signed_pdf: bytes, tmp_path: Path) -> None:
    text = run_tool("pdftotext", "-enc", "UTF-8", _write(tmp_path, signed_pdf), "-")
    assert "Signé par Nadia Benali" in text and "Signé par Julien Roux" in text


def test_signed_pdf_is_small(signed_pdf: bytes) -> None:
    assert len(signed_pdf) <= 60 * 1024


def _keys(identities: Identities) -> dict[SignerRole, CounsellorKey]:
    return {
        SignerRole.SOCIAL: CounsellorKey(
            "Nadia Benali", identities.social.private_key, identities.social.certificate
        ),
        SignerRole.EMPLOI: CounsellorKey(
            "Julien Roux", identities.emploi.private_key, identities.emploi.certificate
        ),
    }


def test_render_and_sign_end_to_end(identities: Identities) -> None:
    person = mme_l()
    blob = wrap_private_key(identities.social.private_key, "phrase de Nadia")
    keys = _keys(identities)
    keys[SignerRole.SOCIAL] = CounsellorKey.unlock(
        "Nadia Benali", blob, "phrase de Nadia", identities.social.certificate
    )
    pdf = render_and_sign(action_plan(person), plan_document(), keys, "Rodez")
    report = verify_pdf(pdf)  # self-signed keys: intact, but nothing says who signed
    assert all(c.intact and not c.modified_after for c in report.signatures)
    assert not report.ok and report.signatures[-1].covers_whole_document
    assert [c.claimed_signer for c in report.signatures] == ["Nadia Benali", "Julien Roux"]


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (lambda plan: plan.objectives.clear(), "aucun objectif"),
        (lambda plan: setattr(plan.objectives[0].actions[0], "due_date", None), "échéance"),
        (lambda plan: plan.signatures[0].strokes.clear(), "Signature manquante"),
        (lambda plan: plan.signatures.pop(), "Signature manquante"),
    ],
    ids=["no-objective", "no-due-date", "empty-pad", "missing-signature"],
)
def test_a_plan_not_ready_is_refused_before_any_pdf(identities: Identities, spoil, reason) -> None:  # type: ignore[no-untyped-def]
    plan = action_plan(mme_l())
    spoil(plan)
    with pytest.raises(ValidationError) as caught:
        render_and_sign(plan, plan_document(), _keys(identities), "Rodez")
    assert reason in caught.value.message_fr


def test_a_missing_counsellor_key_is_refused(identities: Identities) -> None:
    keys = _keys(identities)
    del keys[SignerRole.EMPLOI]
    with pytest.raises(ValidationError, match="missing counsellor key"):
        render_and_sign(action_plan(mme_l()), plan_document(), keys, "Rodez")


def test_a_signature_with_a_blank_pad_from_another_plan_does_not_count() -> None:
    plan = action_plan(mme_l())
    plan.signatures = [s for s in plan.signatures if s.role is not SignerRole.PERSON]
    plan.signatures.append(
        Signature(
            plan_id=uuid.uuid4(),
            role=SignerRole.PERSON,
            signer_name="x",
            strokes=[],
            signed_at=plan.signatures[0].signed_at,
        )
    )
    with pytest.raises(ValidationError, match="missing signature: person"):
        check_ready_to_sign(plan)
    assert plan.next_review == date(2027, 1, 8)
