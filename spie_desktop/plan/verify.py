"""Checking a signed plan PDF: each signature, who signed and when, and whether anything changed.

The rule for :attr:`VerificationReport.ok`:

* the file is a readable PDF carrying at least one signature;
* every signature is intact (its digest matches the bytes it covers and the signature over
  it is cryptographically valid);
* what was appended after each signature only adds further signatures (pyHanko's diff
  analysis: form filling at most), and the last signature covers the whole file;
* certificates are checked against ``trust_roots`` when given (all must chain to one of
  them); without ``trust_roots`` trust is reported but not required, because counsellors'
  keys are self-signed until the territory server issues certificates at enrolment.

Bad input never raises: it gives a report with ``ok=False`` and a verdict in both languages.
Nothing goes to the network (no revocation fetching).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

ACCEPTED_LATER_CHANGES = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)
PDF_HEADER = b"%PDF-"
#: pyHanko logs expected outcomes (a self-signed certificate) as warnings with a traceback
#: and the signer's name: kept out of the terminal and of the logs, which hold no names.
QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str
    signing_time: datetime | None
    intact: bool  # digest matches and the signature value is valid
    covers_whole_document: bool
    modified_after: bool  # changes other than further signatures were appended after it
    trusted: bool  # the certificate chains to a trust root given to verify_pdf
    self_signed: bool
    problem: str | None = None  # English detail when the check itself failed

    @property
    def acceptable(self) -> bool:
        return self.intact and not self.modified_after


@dataclass(frozen=True)
class VerificationReport:
    ok: bool
    verdict_fr: str
    verdict_en: str
    signatures: list[SignatureCheck] = field(default_factory=list)


def verify_pdf(
    data: bytes, trust_roots: Sequence[x509.Certificate] | None = None
) -> VerificationReport:
    """Check every signature of ``data``; see the module docstring for the rule."""
    if not data.lstrip()[:1024].startswith(PDF_HEADER) and PDF_HEADER not in data[:1024]:
        return VerificationReport(False, "Ce fichier n'est pas un PDF.", "not a PDF file")
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # pyHanko raises many types on a damaged file
        return _damaged(exc)
    if not embedded:
        return VerificationReport(
            False, "Ce PDF ne porte aucune signature.", "the PDF is not signed"
        )
    roots = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in (trust_roots or [])
    ]
    with _quiet_pyhanko():
        checks = [_check(sig, roots) for sig in embedded]
    return _conclude(checks, require_trust=trust_roots is not None)


def _check(sig: object, roots: list[asn1_x509.Certificate]) -> SignatureCheck:
    name = str(getattr(sig, "field_name", "?"))
    signer, self_signed = "?", False
    try:
        cert = sig.signer_cert  # type: ignore[attr-defined]
        signer = cert.subject.native.get("common_name") or cert.subject.human_friendly
        self_signed = cert.subject == cert.issuer
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
        )
        status = validate_pdf_signature(sig, context)  # type: ignore[arg-type]
    except Exception as exc:  # a garbled CMS blob, an unreadable revision…
        return SignatureCheck(
            name,
            signer,
            None,
            False,
            False,
            True,
            False,
            self_signed,
            f"{type(exc).__name__}: {exc}"[:200],
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    later = status.modification_level
    modified_after = not whole and (
        status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
        or later not in ACCEPTED_LATER_CHANGES
        or status.docmdp_ok is False
    )
    return SignatureCheck(
        field=name,
        signer=str(signer),
        signing_time=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        covers_whole_document=whole,
        modified_after=modified_after,
        trusted=bool(status.trusted),
        self_signed=self_signed,
    )


@contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _damaged(exc: Exception) -> VerificationReport:
    return VerificationReport(
        False,
        "Ce PDF est incomplet ou endommagé : ses signatures ne peuvent pas être vérifiées.",
        f"damaged or truncated PDF ({type(exc).__name__})",
    )


def _conclude(checks: list[SignatureCheck], require_trust: bool) -> VerificationReport:
    altered = [c for c in checks if not c.intact]
    if altered:
        names = ", ".join(c.signer for c in altered)
        return VerificationReport(
            False,
            f"Attention : le document a été modifié après sa signature (signature de {names} invalide).",
            f"document altered after signing: signature of {names} does not match",
            checks,
        )
    if any(c.modified_after for c in checks) or not checks[-1].covers_whole_document:
        return VerificationReport(
            False,
            "Attention : des modifications ont été ajoutées au document après sa signature.",
            "changes were appended to the document after it was signed",
            checks,
        )
    untrusted = [c for c in checks if not c.trusted]
    if require_trust and untrusted:
        names = ", ".join(c.signer for c in untrusted)
        return VerificationReport(
            False,
            f"Signatures intactes, mais le certificat de {names} n'est pas reconnu.",
            f"signatures intact, but the certificate of {names} is not trusted",
            checks,
        )
    count = len(checks)
    noun_fr = "La signature est valide" if count == 1 else f"Les {count} signatures sont valides"
    trust_fr = " (certificats non émis par une autorité de confiance)" if untrusted else ""
    return VerificationReport(
        True,
        f"{noun_fr} et le document n'a pas été modifié depuis la signature{trust_fr}.",
        f"{count} signature(s) valid, document unchanged since signing"
        + (" (certificates not issued by a trusted authority)" if untrusted else ""),
        checks,
    )


def report_lines(report: VerificationReport, timezone: str | None = None) -> list[str]:
    """The report as French lines for ``spie-desktop plan verify``, verdict last.

    Times are shown in ``timezone`` (an IANA name), or in the computer's own zone.
    """
    zone = ZoneInfo(timezone) if timezone else None
    lines = []
    for number, check in enumerate(report.signatures, start=1):
        when = (
            check.signing_time.astimezone(zone).strftime("%d/%m/%Y %H:%M")
            if check.signing_time
            else "date inconnue"
        )
        state = "intacte" if check.intact else "INVALIDE (document modifié ou signature altérée)"
        if check.intact and check.modified_after:
            state = "intacte, mais le document a été modifié ensuite"
        if check.trusted:
            trust = "certificat reconnu"
        elif check.self_signed:
            trust = "certificat auto-signé, non émis par une autorité de confiance"
        else:
            trust = "certificat non reconnu"
        scope = (
            "couvre tout le document"
            if check.covers_whole_document
            else ("couvre le document tel qu'il était à cette signature")
        )
        lines.append(
            f"Signature {number} ({check.field}) : {check.signer}, le {when} — {state} ; "
            f"{scope} ; {trust}."
        )
    lines.append(report.verdict_fr)
    return lines
