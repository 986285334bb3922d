"""The outcome of checking a signed plan: per-signature facts, the verdict, French lines.

:func:`conclude` turns the facts into one verdict, the first failing rule winning; the
order matters: an altered document is said to be altered before anything about trust.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

FIELD_LABELS_FR = {"social": "du volet social", "emploi": "du volet professionnel"}
NO_ANCHOR_FR = (
    "Aucune autorité du territoire n'est disponible pour vérifier les signataires : "
    "le plan ne peut pas être déclaré valide (indiquez le certificat de l'autorité "
    "avec --ca FICHIER)."
)


@dataclass(frozen=True)
class SignatureCheck:
    field: str
    signer: str  # from the validated certificate; "" when it is not trusted
    signing_time: datetime | None
    intact: bool  # digest matches and the signature value is valid
    covers_whole_document: bool
    modified_after: bool  # changes other than further signatures were appended after it
    trusted: bool  # the certificate chains to a trust root given to verify_pdf
    self_signed: bool
    problem: str | None = None  # English detail when the check itself failed
    claimed_signer: str = ""  # the certificate's name, trusted or not
    counsellor_field: str | None = None  # social | emploi, from a trusted certificate
    certificates_agree: bool = True  # the CMS's embedded certificates are consistent
    revoked: bool = False  # listed by a CRL given to verify_pdf, and not forgiven
    superseded_on: datetime | None = None  # replaced after this signature: still acceptable

    @property
    def acceptable(self) -> bool:
        return self.intact and not self.modified_after


@dataclass(frozen=True)
class VerificationReport:
    ok: bool
    verdict_fr: str
    verdict_en: str
    signatures: list[SignatureCheck] = field(default_factory=list)


def conclude(
    checks: list[SignatureCheck], *, has_anchor: bool, required_fields: Sequence[str]
) -> VerificationReport:
    def refuse(fr: str, en: str) -> VerificationReport:
        return VerificationReport(False, fr, en, checks)

    altered = [c for c in checks if not c.intact]
    if altered:
        count = len(altered)
        return refuse(
            "Attention : le document a été modifié après sa signature "
            f"({count} signature{'s' if count > 1 else ''} invalide{'s' if count > 1 else ''}).",
            f"document altered after signing: {count} signature(s) do not match",
        )
    if not all(c.certificates_agree for c in checks):
        return refuse(
            "Attention : une signature contient des certificats qui se contredisent "
            "(certificat modifié) : elle n'est pas valide.",
            "a signature embeds certificates that disagree (edited certificate)",
        )
    if any(c.modified_after for c in checks) or not checks[-1].covers_whole_document:
        return refuse(
            "Attention : des modifications ont été ajoutées au document après sa signature.",
            "changes were appended to the document after it was signed",
        )
    untrusted = [c for c in checks if not c.trusted]
    if untrusted and all(c.self_signed for c in untrusted):  # a demo store, or outsiders
        return refuse(
            "Signatures intactes mais signé hors autorité du territoire "
            "(certificat auto-signé) : le plan n'est pas valide.",
            "signed outside the territory's authority (self-signed certificate)",
        )
    if not has_anchor:
        return refuse(NO_ANCHOR_FR, "no territory CA available: signers cannot be verified")
    if untrusted:
        return refuse(
            "Signatures intactes, mais un certificat n'est pas émis par l'autorité du "
            "territoire : le plan n'est pas valide.",
            "a certificate does not chain to the territory CA",
        )
    if any(c.revoked for c in checks):
        names = ", ".join(c.signer for c in checks if c.revoked)
        return refuse(
            f"Attention : le certificat de {names} a été révoqué par le territoire.",
            "a signer's certificate is revoked",
        )
    present = {c.counsellor_field for c in checks}
    missing = [f for f in required_fields if f not in present]
    if missing:
        labels = " et ".join(f"du conseiller {FIELD_LABELS_FR.get(f, f)}" for f in missing)
        return refuse(
            f"Signature {labels} manquante : le plan n'est pas valide.",
            "missing counsellor signature: " + ", ".join(missing),
        )
    count = len(checks)
    noun_fr = "La signature est valide" if count == 1 else f"Les {count} signatures sont valides"
    return VerificationReport(
        True,
        f"{noun_fr} (autorité du territoire) et le document n'a pas été modifié depuis.",
        f"{count} signature(s) valid and trusted, document unchanged since signing",
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
        if not check.certificates_agree:
            state += ", certificats contradictoires"
        lines.append(
            f"Signature {number} ({check.field}) : {_who(check)}, le {when} — {state} ; "
            f"{_scope(check)} ; {_trust(check, zone)}."
        )
    lines.append(report.verdict_fr)
    return lines


def _who(check: SignatureCheck) -> str:
    if check.trusted:
        role = FIELD_LABELS_FR.get(check.counsellor_field or "")
        return f"{check.signer} (conseiller {role})" if role else check.signer
    return f"signataire non vérifié (se présente comme « {check.claimed_signer} »)"


def _scope(check: SignatureCheck) -> str:
    if check.covers_whole_document:
        return "couvre tout le document"
    return "couvre le document tel qu'il était à cette signature"


def _trust(check: SignatureCheck, zone: ZoneInfo | None) -> str:
    if check.revoked:
        return "certificat RÉVOQUÉ par le territoire"
    if check.trusted and check.superseded_on is not None:
        return (
            "certificat émis par l'autorité du territoire, remplacé le "
            f"{check.superseded_on.astimezone(zone).strftime('%d/%m/%Y')}, après cette signature"
        )
    if check.trusted:
        return "certificat émis par l'autorité du territoire"
    if check.self_signed:
        return "certificat auto-signé, signé hors autorité du territoire"
    return "certificat non reconnu"
