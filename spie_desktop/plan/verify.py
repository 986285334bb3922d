"""Checking a signed plan PDF: each signature, who signed and when, and whether anything changed.

The rule for :attr:`VerificationReport.ok` ("valid"):

* the file is a readable PDF carrying signatures;
* every signature is intact (its digest matches the bytes it covers and the signature over
  it is cryptographically valid), and the certificates embedded in its CMS agree with each
  other and with the one validated (:mod:`.signer_certificates`);
* what was appended after each signature only adds further signatures (pyHanko's diff
  analysis: form filling at most), and the last signature covers the whole file;
* every signer's certificate chains to a trust root — the territory CA. Without trust roots
  nothing is valid: intact signatures by unknown keys prove nothing about who signed;
* no certificate is revoked by a CRL given (each CRL must be signed by a trust root), with
  one exception: a certificate listed as ``superseded`` (its holder got a new key, e.g. after a
  passphrase recovery) still vouches for a signature whose signing time comes before the
  revocation date — the plans a counsellor signed before a re-issue stay valid.
  The trade-off: that signing time is the one the signer wrote in the CMS, not a timestamp
  from a third party. For a key merely superseded, whose holder kept it under their own
  passphrase, the claim is accepted; for a compromised key (``keyCompromise``, a revoked
  device) or any other or absent reason, it never is — whoever holds a stolen key can
  write any date, so such a certificate makes every plan it signed not valid;
* the validated certificates include one for each of ``required_fields`` (by default the
  social and the employment counsellor, read from the certificate, never from the PDF).

Signers' names come from the validated certificates only: a signature whose certificate is
not trusted reports its claimed name apart (:attr:`SignatureCheck.claimed_signer`).
Bad input never raises: it gives a report with ``ok=False`` and a verdict in both languages.
Nothing goes to the network (no revocation fetching).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from .signer_certificates import (
    Revocation,
    counsellor_field,
    embedded_disagreement,
    revocation_of,
    usable_crls,
)
from .verify_report import SignatureCheck, VerificationReport, conclude, report_lines

__all__ = ["REQUIRED_FIELDS", "SignatureCheck", "VerificationReport", "report_lines", "verify_pdf"]

ACCEPTED_LATER_CHANGES = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)
PDF_HEADER = b"%PDF-"
#: The two counsellors a plan needs (spie_protocol.certificates field names).
REQUIRED_FIELDS = ("social", "emploi")
#: pyHanko logs expected outcomes (a self-signed certificate) as warnings with a traceback
#: and the signer's name: kept out of the terminal and of the logs, which hold no names.
QUIET_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


def verify_pdf(
    data: bytes,
    trust_roots: Sequence[x509.Certificate] | None = None,
    crls: Sequence[x509.CertificateRevocationList] = (),
    *,
    required_fields: Collection[str] = REQUIRED_FIELDS,
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
    anchors = list(trust_roots or [])
    checked_crls = usable_crls(crls, anchors)
    if checked_crls is None:
        return VerificationReport(
            False,
            "La liste de révocation fournie n'est pas signée par l'autorité du territoire.",
            "a CRL given is not signed by a trust root",
        )
    roots = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in anchors
    ]
    with _quiet_pyhanko():
        checks = [_check(sig, roots, checked_crls) for sig in embedded]
    return conclude(checks, has_anchor=bool(anchors), required_fields=tuple(required_fields))


def _check(
    sig: object, roots: list[asn1_x509.Certificate], crls: list[x509.CertificateRevocationList]
) -> SignatureCheck:
    name = str(getattr(sig, "field_name", "?"))
    claimed, self_signed = "?", False
    try:
        cert = sig.signer_cert  # type: ignore[attr-defined]
        claimed = str(cert.subject.native.get("common_name") or cert.subject.human_friendly)
        self_signed = cert.subject == cert.issuer
        disagreement = embedded_disagreement(
            sig.signed_data,  # type: ignore[attr-defined]
            sig.signer_info,  # type: ignore[attr-defined]
            cert,
        )
        context = ValidationContext(
            trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
        )
        status = validate_pdf_signature(sig, context)  # type: ignore[arg-type]
    except Exception as exc:  # a garbled CMS blob, an unreadable revision…
        return SignatureCheck(
            name,
            "",
            None,
            False,
            False,
            True,
            False,
            self_signed,
            f"{type(exc).__name__}: {exc}"[:200],
            claimed_signer=claimed,
        )
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    later = status.modification_level
    modified_after = not whole and (
        status.coverage != SignatureCoverageLevel.ENTIRE_REVISION
        or later not in ACCEPTED_LATER_CHANGES
        or status.docmdp_ok is False
    )
    trusted = bool(status.trusted) and bool(roots) and disagreement is None
    revocation = revocation_of(cert, crls) if trusted else None
    signed_before = _signed_before(status.signer_reported_dt, revocation)
    return SignatureCheck(
        field=name,
        signer=claimed if trusted else "",
        signing_time=status.signer_reported_dt,
        intact=bool(status.intact and status.valid),
        covers_whole_document=whole,
        modified_after=modified_after,
        trusted=trusted,
        self_signed=self_signed,
        problem=disagreement,
        claimed_signer=claimed,
        counsellor_field=counsellor_field(cert) if trusted else None,
        certificates_agree=disagreement is None,
        revoked=revocation is not None and not signed_before,
        superseded_on=revocation.date if revocation is not None and signed_before else None,
    )


def _signed_before(signing_time: datetime | None, revocation: Revocation | None) -> bool:
    """A superseded certificate still vouches for what it signed before its revocation."""
    return (
        revocation is not None
        and revocation.superseded
        and signing_time is not None
        and signing_time.tzinfo is not None
        and signing_time < revocation.date
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
