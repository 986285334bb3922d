"""``plan verify`` says "valid" only for a plan both counsellors signed with territory-CA
certificates: forged, cut-back, edited-certificate and revoked plans are not valid."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from spie_desktop.cli import main
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import SignerRole
from spie_desktop.plan import signing
from spie_desktop.plan.keys import generate_signing_identity
from spie_desktop.plan.render import RenderedPlan
from spie_desktop.plan.signed_plan import CounsellorKey
from spie_desktop.plan.verify import verify_pdf
from tests.plan.conftest import Identities, run_tool
from tests.plan.territory import ServerCA, counsellor_keys, pem, sign_both


@pytest.fixture(scope="module")
def territory_ca() -> ServerCA:
    return ServerCA.create()


@pytest.fixture(scope="module")
def keys(territory_ca: ServerCA, identities: Identities) -> dict[SignerRole, CounsellorKey]:
    return counsellor_keys(territory_ca, identities.social, identities.emploi)


@pytest.fixture(scope="module")
def genuine(rendered: RenderedPlan, keys: dict[SignerRole, CounsellorKey]) -> bytes:
    return sign_both(rendered, keys)


def _run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pdf: bytes, *options: str
) -> tuple[int, str]:
    """``spie-desktop plan verify`` on ``pdf``: (exit status, what it printed)."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    data_dir = tmp_path / "data"
    data_dir.mkdir(exist_ok=True)
    status = main(["--data-dir", str(data_dir), "plan", "verify", str(path), *options])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.out + captured.err


def _ca_file(tmp_path: Path, ca: ServerCA) -> str:
    path = tmp_path / "territoire-ca.pem"
    path.write_bytes(pem(ca.certificate))
    return str(path)


def _first_revision(pdf: bytes) -> bytes:
    found = re.search(rb"/ByteRange \[ ?\d+ \d+ (\d+) (\d+)", pdf)
    assert found is not None
    return pdf[: int(found.group(1)) + int(found.group(2))]


def _cms_of(pdf: bytes, number: int) -> tuple[int, int, cms.ContentInfo]:
    """(start, end) of the hex /Contents of signature ``number`` and its parsed CMS."""
    found = list(re.finditer(rb"/Contents <([0-9a-fA-F]+)>", pdf))[number]
    blob = bytes.fromhex(found.group(1).decode()).rstrip(b"\x00")
    return found.start(1), found.end(1), cms.ContentInfo.load(blob)


def test_a_genuine_plan_is_valid_for_verify_and_pdfsig(
    genuine: bytes,
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = verify_pdf(genuine, [territory_ca.certificate])
    assert report.ok, report.verdict_en
    assert [c.signer for c in report.signatures] == ["Nadia Benali", "Julien Roux"]
    assert [c.counsellor_field for c in report.signatures] == ["social", "emploi"]
    status, text = _run(tmp_path, capsys, genuine, "--ca", _ca_file(tmp_path, territory_ca))
    assert status == 0, text
    assert text.strip().splitlines()[-1].startswith("Les 2 signatures sont valides")
    nss = tmp_path / "nss"
    nss.mkdir()
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(
        "certutil", "-A", "-d", f"sql:{nss}", "-n", "territoire", "-t", "CT,C,C",
        "-i", _ca_file(tmp_path, territory_ca),
    )  # fmt: skip
    poppler = run_tool("pdfsig", "-nssdir", f"sql:{nss}", str(tmp_path / "plan.pdf"))
    assert poppler.count("Signature is Valid") == 2, poppler
    assert poppler.count("Certificate is Trusted") == 2, poppler


def test_each_certificate_is_embedded_once(genuine: bytes) -> None:
    for number in (0, 1):
        _, _, content = _cms_of(genuine, number)
        certificates = [c.chosen.dump() for c in content["content"]["certificates"]]
        assert len(certificates) == len(set(certificates)) == 2  # the signer's, the CA's


def test_a_plan_forged_by_outsiders_is_not_valid(
    rendered: RenderedPlan,
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Self-signed keys named like the counsellors: exit 0 and "valides" before the fix."""
    outsiders = {
        SignerRole.SOCIAL: generate_signing_identity("Nadia Benali", "CD", Field.SOCIAL),
        SignerRole.EMPLOI: generate_signing_identity("Julien Roux", "FT", Field.EMPLOI),
    }
    keys = {
        role: CounsellorKey(i.certificate.subject.rfc4514_string(), i.private_key, i.certificate)
        for role, i in outsiders.items()
    }
    forged = sign_both(rendered, keys)
    status, text = _run(tmp_path, capsys, forged)
    assert status == 1 and "signé hors autorité du territoire" in text, text
    status, text = _run(tmp_path, capsys, forged, "--ca", _ca_file(tmp_path, territory_ca))
    assert status == 1, text
    assert text.strip().splitlines()[-1].startswith("Signatures intactes mais signé hors autorité")
    assert "se présente comme « Nadia Benali »" in text  # never shown as the signer
    other = ServerCA.create("99")  # another authority, certificates that look right
    rogue = counsellor_keys(other, outsiders[SignerRole.SOCIAL], outsiders[SignerRole.EMPLOI])
    report = verify_pdf(sign_both(rendered, rogue), [territory_ca.certificate])
    assert not report.ok and all(not c.trusted and c.signer == "" for c in report.signatures)


def test_a_plan_cut_back_to_its_first_revision_is_not_valid(
    genuine: bytes,
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the social counsellor's signature left: exit 0 before the fix."""
    cut = _first_revision(genuine)
    assert len(cut) < len(genuine)
    status, text = _run(tmp_path, capsys, cut)
    assert status == 1 and "Aucune autorité du territoire" in text, text
    status, text = _run(tmp_path, capsys, cut, "--ca", _ca_file(tmp_path, territory_ca))
    assert status == 1, text
    assert "Signature du conseiller du volet professionnel manquante" in text
    report = verify_pdf(cut, [territory_ca.certificate])
    assert [c.counsellor_field for c in report.signatures] == ["social"]


def _signed_with_the_signer_twice(
    rendered: RenderedPlan, keys: dict[SignerRole, CounsellorKey], monkeypatch: pytest.MonkeyPatch
) -> bytes:
    """Signed as before the fix: the signer's certificate embedded twice in each CMS."""

    def doubling(
        signing_cert: object, signing_key: object, cert_registry: SimpleCertificateStore
    ) -> signers.SimpleSigner:
        doubled = SimpleCertificateStore.from_certs([signing_cert, *cert_registry])  # type: ignore[list-item]
        return signers.SimpleSigner(
            signing_cert=signing_cert,  # type: ignore[arg-type]
            signing_key=signing_key,  # type: ignore[arg-type]
            cert_registry=doubled,
        )

    monkeypatch.setattr(signing, "signers", SimpleNamespace(SimpleSigner=doubling))
    try:
        return sign_both(rendered, keys)
    finally:
        monkeypatch.undo()


def test_an_edited_copy_of_the_signer_certificate_is_not_valid(
    rendered: RenderedPlan,
    keys: dict[SignerRole, CounsellorKey],
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ "Julien Roux" → "Julien Zoux" in one copy: exit 0 before the fix, pdfsig showed it."""
    doubled = _signed_with_the_signer_twice(rendered, keys, monkeypatch)
    start, end, content = _cms_of(doubled, 1)
    names = [c.chosen.subject.native.get("common_name") for c in content["content"]["certificates"]]
    assert names.count("Julien Roux") == 2  # the situation of the finding
    contents = doubled[start:end]
    real, fake = b"Julien Roux".hex().encode(), b"Julien Zoux".hex().encode()
    for case in (real.upper(), real):
        if case in contents:
            contents = contents.replace(case, fake if case == real else fake.upper(), 1)
            break
    edited = doubled[:start] + contents + doubled[end:]
    assert edited != doubled and len(edited) == len(doubled)
    status, text = _run(tmp_path, capsys, edited)
    assert status == 1, text
    status, text = _run(tmp_path, capsys, edited, "--ca", _ca_file(tmp_path, territory_ca))
    assert status == 1 and "certificats qui se contredisent" in text, text
    assert "Julien Zoux" not in text.replace("« Julien Zoux »", "")


def test_a_revoked_certificate_is_not_valid_when_the_crl_is_given(
    genuine: bytes,
    keys: dict[SignerRole, CounsellorKey],
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ca = [territory_ca.certificate]
    julien = keys[SignerRole.EMPLOI].certificate
    assert verify_pdf(genuine, ca, [territory_ca.crl()]).ok  # a CRL listing others
    report = verify_pdf(genuine, ca, [territory_ca.crl(julien)])
    assert not report.ok and "révoqué" in report.verdict_fr
    assert [c.revoked for c in report.signatures] == [False, True]
    crl = tmp_path / "territoire.crl"
    crl.write_bytes(territory_ca.crl(julien).public_bytes(serialization.Encoding.DER))
    status, text = _run(
        tmp_path, capsys, genuine, "--ca", _ca_file(tmp_path, territory_ca), "--crl", str(crl)
    )
    assert status == 1 and "RÉVOQUÉ" in text, text
    forged_crl = ServerCA.create("99").crl()
    refused = verify_pdf(genuine, ca, [forged_crl])
    assert not refused.ok and "pas signée par l'autorité" in refused.verdict_fr


def test_a_certificate_superseded_after_signing_still_vouches_for_the_plan(
    genuine: bytes,
    keys: dict[SignerRole, CounsellorKey],
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Julien got a new key after signing: his plans stay valid; was "révoqué" before."""
    ca = [territory_ca.certificate]
    julien = keys[SignerRole.EMPLOI].certificate
    signed = verify_pdf(genuine, ca).signatures[1].signing_time
    assert signed is not None
    later = signed + timedelta(days=40)
    crl = territory_ca.crl(julien, at=later, reason=x509.ReasonFlags.superseded)
    report = verify_pdf(genuine, ca, [crl])
    assert report.ok, report.verdict_en
    assert [c.superseded_on for c in report.signatures] == [None, later.replace(microsecond=0)]
    path = tmp_path / "territoire.crl"
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    options = ("--ca", _ca_file(tmp_path, territory_ca), "--crl", str(path))
    status, text = _run(tmp_path, capsys, genuine, *options)
    assert status == 0, text
    when = later.astimezone().strftime("%d/%m/%Y")
    assert f"certificat émis par l'autorité du territoire, remplacé le {when}, après" in text


@pytest.mark.parametrize(
    ("reason", "shift"),
    [
        (x509.ReasonFlags.superseded, timedelta(hours=-1)),  # replaced before it signed
        (x509.ReasonFlags.key_compromise, timedelta(days=40)),  # a stolen key: any date
        (None, timedelta(days=40)),  # no reason given: as strict as a compromise
    ],
)
def test_a_certificate_revoked_otherwise_makes_the_plan_not_valid(
    genuine: bytes,
    keys: dict[SignerRole, CounsellorKey],
    territory_ca: ServerCA,
    reason: x509.ReasonFlags | None,
    shift: timedelta,
) -> None:
    ca = [territory_ca.certificate]
    julien = keys[SignerRole.EMPLOI].certificate
    signed = verify_pdf(genuine, ca).signatures[1].signing_time
    assert signed is not None
    report = verify_pdf(genuine, ca, [territory_ca.crl(julien, at=signed + shift, reason=reason)])
    assert not report.ok and "révoqué" in report.verdict_fr
    assert [c.revoked for c in report.signatures] == [False, True]
    assert all(c.superseded_on is None for c in report.signatures)


def test_the_crl_kept_by_the_last_sync_is_used(
    genuine: bytes,
    keys: dict[SignerRole, CounsellorKey],
    territory_ca: ServerCA,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from spie_desktop.sync.enrolment import ca_file
    from spie_desktop.sync.revocation import keep_crl

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    ca_file(data_dir).write_bytes(pem(territory_ca.certificate))  # pinned at enrolment
    status, text = _run(tmp_path, capsys, genuine)
    assert status == 0, text  # the pinned CA is the anchor
    revoked = territory_ca.crl(keys[SignerRole.SOCIAL].certificate)
    der = revoked.public_bytes(serialization.Encoding.DER)
    assert not keep_crl(data_dir, der, ServerCA.create("99").cert_pem)
    assert keep_crl(data_dir, der, territory_ca.cert_pem)
    status, text = _run(tmp_path, capsys, genuine)
    assert status == 1 and "révoqué" in text, text


@pytest.mark.parametrize("option", ["--ca", "--crl"])
def test_an_oversized_ca_or_crl_file_is_refused_in_one_clear_line(
    genuine: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    """Read through the bounded reader: the PDF's clear error (its own cap) and exit 2."""
    from spie_desktop.input_limits import ANCHOR_FILE_MAX

    huge = tmp_path / "huge.pem"
    with huge.open("wb") as stream:
        stream.truncate(ANCHOR_FILE_MAX + 1)  # sparse: no megabyte written
    status, text = _run(tmp_path, capsys, genuine, option, str(huge))
    assert status == 2, text
    assert text.splitlines() == [f"{huge} : Le fichier huge.pem est trop grand (au plus 1 MiB)."], (
        text
    )


def test_editing_the_only_copy_breaks_the_territory_signature_for_pdfsig_too(
    genuine: bytes, territory_ca: ServerCA, tmp_path: Path
) -> None:
    """Signed now (one copy): an edited name no longer chains to the CA, for either tool."""
    start, end, _ = _cms_of(genuine, 1)
    contents = genuine[start:end]
    real = b"Julien Roux".hex().encode()
    case = real if real in contents else real.upper()
    assert case in contents
    edited_contents = contents.replace(case, b"Julien Zoux".hex().encode(), 1)
    edited = genuine[:start] + edited_contents + genuine[end:]
    report = verify_pdf(edited, [territory_ca.certificate])
    assert not report.ok and report.signatures[0].trusted
    assert "Julien Zoux" not in [c.signer for c in report.signatures]
    nss = tmp_path / "nss"
    nss.mkdir()
    run_tool("certutil", "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(
        "certutil", "-A", "-d", f"sql:{nss}", "-n", "territoire", "-t", "CT,C,C",
        "-i", _ca_file(tmp_path, territory_ca),
    )  # fmt: skip
    path = tmp_path / "edited.pdf"
    path.write_bytes(edited)
    poppler = run_tool("pdfsig", "-nssdir", f"sql:{nss}", str(path))
    second = poppler.split("Signature #2")[1]
    assert "Certificate is Trusted" not in second, poppler
