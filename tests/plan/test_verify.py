"""``verify_pdf`` and ``plan verify``: a clear verdict for every kind of file, never a traceback."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from spie_desktop.cli.plan_cmd import verify_file
from spie_desktop.cli.verify_anchors import Anchors
from spie_desktop.plan.render import RenderedPlan
from spie_desktop.plan.verify import report_lines, verify_pdf
from tests.plan.conftest import Identities, TerritoryCA
from tests.plan.territory import ServerCA, counsellor_keys, sign_both


def test_a_self_signed_plan_is_intact_but_never_valid(signed_pdf: bytes) -> None:
    report = verify_pdf(signed_pdf)
    assert not report.ok and "signé hors autorité du territoire" in report.verdict_fr
    first, second = report.signatures
    assert (first.claimed_signer, second.claimed_signer) == ("Nadia Benali", "Julien Roux")
    assert first.signer == second.signer == ""  # no name from an unvalidated certificate
    assert first.intact and second.intact and not first.modified_after
    assert second.covers_whole_document and not first.covers_whole_document
    assert first.signing_time is not None and first.self_signed and not first.trusted
    anchored = verify_pdf(signed_pdf, [TerritoryCA.create().certificate])
    assert not anchored.ok and "signé hors autorité du territoire" in anchored.verdict_fr


@pytest.mark.parametrize(
    ("data", "verdict"),
    [
        (b"", "Ce fichier n'est pas un PDF."),
        (b"PK\x03\x04 a zip file", "Ce fichier n'est pas un PDF."),
        ("Nom;Prénom\nLefèvre;Hélène\n".encode(), "Ce fichier n'est pas un PDF."),
        (b"%PDF-1.7\n garbage \x00\xff" * 10, "Ce PDF est incomplet ou endommagé"),
    ],
    ids=["empty", "zip", "csv", "garbage-after-header"],
)
def test_bad_input_gets_a_verdict(data: bytes, verdict: str) -> None:
    report = verify_pdf(data)
    assert not report.ok and report.verdict_fr.startswith(verdict) and report.verdict_en


def test_unsigned_pdf(rendered: RenderedPlan) -> None:
    report = verify_pdf(rendered.pdf)
    assert not report.ok and report.verdict_fr == "Ce PDF ne porte aucune signature."


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_file(signed_pdf: bytes, keep: float) -> None:
    report = verify_pdf(signed_pdf[: int(len(signed_pdf) * keep)])
    assert not report.ok
    assert "endommagé" in report.verdict_fr or "modifi" in report.verdict_fr, report.verdict_fr


def test_every_single_byte_change_in_the_signed_ranges_is_caught(signed_pdf: bytes) -> None:
    """Positions across the whole file, outside the signature values: never ok, never raises."""
    gaps = [
        range(int(a) + int(b), int(c))
        for a, b, c, _ in re.findall(rb"/ByteRange \[ ?(\d+) (\d+) (\d+) (\d+) ?\]", signed_pdf)
    ]
    assert len(gaps) == 2
    step = len(signed_pdf) // 40
    for index in range(100, len(signed_pdf) - 50, step):
        if any(index in gap for gap in gaps):
            continue  # the signature value itself, which no digest can cover
        tampered = signed_pdf[:index] + bytes([signed_pdf[index] ^ 0x01]) + signed_pdf[index + 1 :]
        report = verify_pdf(tampered)
        assert not report.ok, (index, report.verdict_en)


def test_appended_bytes_are_reported(signed_pdf: bytes) -> None:
    report = verify_pdf(signed_pdf + b"\n1 0 obj\n(changed)\nendobj\n")
    assert not report.ok


def test_report_lines_are_french_and_end_with_the_verdict(signed_pdf: bytes) -> None:
    lines = report_lines(verify_pdf(signed_pdf), "Europe/Paris")
    assert len(lines) == 3
    assert lines[0].startswith(
        "Signature 1 (SignatureSocial) : signataire non vérifié (se présente comme « Nadia Benali »), le "
    )
    assert "intacte" in lines[0] and "auto-signé" in lines[0]
    assert "signé hors autorité du territoire" in lines[-1]


def test_plan_verify_command_exit_status(
    rendered: RenderedPlan, identities: Identities, tmp_path: Path
) -> None:
    ca = ServerCA.create()
    signed_pdf = sign_both(rendered, counsellor_keys(ca, identities.social, identities.emploi))
    anchors = Anchors([ca.certificate], [])
    good, bad, text = tmp_path / "plan.pdf", tmp_path / "altered.pdf", tmp_path / "notes.txt"
    good.write_bytes(signed_pdf)
    index = signed_pdf.index(b"stream", 2000) + 40
    bad.write_bytes(
        signed_pdf[:index] + bytes([signed_pdf[index] ^ 0x20]) + signed_pdf[index + 1 :]
    )
    text.write_text("bonjour")
    for path, status, verdict in (
        (good, 0, "sont valides"),
        (bad, 1, "modifié après sa signature"),
        (text, 1, "n'est pas un PDF"),
    ):
        out, err = io.StringIO(), io.StringIO()
        assert verify_file(path, out, err, anchors=anchors) == status
        assert verdict in out.getvalue() and "Traceback" not in out.getvalue() + err.getvalue()
    err = io.StringIO()
    assert verify_file(tmp_path / "absent.pdf", io.StringIO(), err) == 2
    assert "absent.pdf" in err.getvalue()


def test_verify_logs_nothing_to_the_terminal(
    signed_pdf: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    verify_pdf(signed_pdf)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
