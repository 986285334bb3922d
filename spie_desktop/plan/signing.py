"""PAdES signatures of the plan PDF, one per counsellor, each in a visible field.

Signatures are applied one after another as incremental updates, so the second covers the
first and the last covers the whole file. Everything happens in memory (the PDF holds
personal data: no temporary file), and nothing goes to the network: no timestamp authority,
no revocation fetching. Each stamp reads "Signé par <name> le <date>" in the embedded font.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSignatureMetadata, PdfSigner
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from .errors import SigningFailed
from .stamp_font import EmbeddedSubsetFactory

STAMP_TEXT = "Signé par %(signer)s\nle %(ts)s"
#: Room for the CMS container beyond its certificates (pyHanko would otherwise sign twice:
#: a dry run to measure, then for real). An ECDSA P-256 container is ~1 KB + certificates.
CMS_OVERHEAD_BYTES = 1280


@dataclass(frozen=True)
class SignerInput:
    field_name: str
    box: tuple[int, float, float, float, float]  # page index, x1, y1, x2, y2
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    name: str
    reason: str = "Plan d'action signé avec la personne accompagnée"
    location: str = ""
    chain: Sequence[x509.Certificate] = ()  # issuing certificates (territory CA), embedded


def sign_plan_pdf(
    pdf: bytes, signers_in_order: Sequence[SignerInput], timezone: str = "Europe/Paris"
) -> bytes:
    """``pdf`` signed by each signer in turn; the stamps show local time in ``timezone``."""
    if not signers_in_order:
        raise SigningFailed("no signer")
    for signer in signers_in_order:
        pdf = _sign_once(pdf, signer, ZoneInfo(timezone))
    return pdf


def _reserved(signer_input: SignerInput) -> int:
    """Hex digits to reserve for the signature, rounded up to 512."""
    certs = [signer_input.certificate, *signer_input.chain]
    size = CMS_OVERHEAD_BYTES + sum(len(c.public_bytes(serialization.Encoding.DER)) for c in certs)
    return -(-2 * size // 512) * 512


def _sign_once(pdf: bytes, signer_input: SignerInput, zone: ZoneInfo) -> bytes:
    certificate = asn1_x509.Certificate.load(
        signer_input.certificate.public_bytes(serialization.Encoding.DER)
    )
    key = asn1_keys.PrivateKeyInfo.load(
        signer_input.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    chain = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in signer_input.chain
    ]
    # pyHanko embeds signing_cert itself: the registry holds only the issuers, so each
    # certificate appears once in the CMS (a second copy of the signer's could be edited
    # without breaking anything a verifier checks, and shown instead of the real one).
    own = certificate.dump()
    signer = signers.SimpleSigner(
        signing_cert=certificate,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([c for c in chain if c.dump() != own]),
    )
    page, x1, y1, x2, y2 = signer_input.box
    metadata = PdfSignatureMetadata(
        field_name=signer_input.field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=signer_input.name,
        reason=signer_input.reason,
        location=signer_input.location or None,
    )
    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(
            font=EmbeddedSubsetFactory(),
            font_size=9,
            box_layout_rule=SimpleBoxLayoutRule(
                x_align=AxisAlignment.ALIGN_MIN,
                y_align=AxisAlignment.ALIGN_MID,
                margins=Margins(6, 6, 4, 4),
            ),
        ),
        border_width=0,
        background=None,
        timestamp_format="%d/%m/%Y à %H:%M",
    )
    pdf_signer = PdfSigner(
        metadata,
        signer=signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(
            signer_input.field_name,
            on_page=page,
            box=(x1, y1, x2, y2),  # type: ignore[arg-type]  # floats are valid PDF numbers
        ),
    )
    now = datetime.now(zone)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = BytesIO()
        pdf_signer.sign_pdf(
            writer,
            output=out,
            bytes_reserved=_reserved(signer_input),
            appearance_text_params={"ts": now.strftime("%d/%m/%Y à %H:%M")},
        )
    except SigningFailed:
        raise
    except Exception as exc:  # pyHanko raises many unrelated types for a bad input PDF
        raise SigningFailed(f"{type(exc).__name__}: {exc}") from exc
    return out.getvalue()
