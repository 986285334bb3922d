"""The territory server's own CA code (spie_server.territory.ca) certifying plan signers, for tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import SignerRole
from spie_desktop.plan.keys import SigningIdentity
from spie_desktop.plan.render import RenderedPlan
from spie_desktop.plan.signed_plan import CounsellorKey, signer_input
from spie_desktop.plan.signing import SignerInput, sign_plan_pdf
from spie_desktop.sync.enrolment import csr_pem
from spie_server.territory.ca import Holder, create_ca, issue_certificate, load_ca_key, load_csr

SECRET = b"territory secret for tests"


@dataclass(frozen=True)
class ServerCA:
    cert_pem: str
    key_pem: bytes

    @classmethod
    def create(cls, code: str = "12") -> ServerCA:
        made = create_ca(code, "Aveyron", SECRET)
        return cls(made.cert_pem, made.encrypted_key_pem)

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem.encode())

    def issue(self, identity: SigningIdentity, name: str, field: Field) -> x509.Certificate:
        """What ``/v1/certificates`` answers for this key (the desktop's own CSR)."""
        csr = load_csr(csr_pem(name, identity.private_key))
        holder = Holder(uuid.uuid4(), field.value, "Structure de test")
        _, pem = issue_certificate(csr, holder, self.cert_pem, self.key_pem, SECRET)
        return x509.load_pem_x509_certificate(pem.encode())

    def crl(
        self,
        *revoked: x509.Certificate,
        at: datetime | None = None,
        reason: x509.ReasonFlags | None = None,
    ) -> x509.CertificateRevocationList:
        """A CRL listing ``revoked`` (revoked a minute ago, or ``at``; with ``reason``)."""
        now = datetime.now(UTC)
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.certificate.subject)
            .last_update(now - timedelta(minutes=5))
            .next_update(now + timedelta(days=7))
        )
        for cert in revoked:
            entry = (
                x509.RevokedCertificateBuilder()
                .serial_number(cert.serial_number)
                .revocation_date(at or now - timedelta(minutes=1))
            )
            if reason is not None:
                entry = entry.add_extension(x509.CRLReason(reason), critical=False)
            builder = builder.add_revoked_certificate(entry.build())
        return builder.sign(load_ca_key(self.key_pem, SECRET), hashes.SHA256())


def counsellor_keys(
    ca: ServerCA, social: SigningIdentity, emploi: SigningIdentity
) -> dict[SignerRole, CounsellorKey]:
    """Nadia (social) and Julien (emploi) with territory certificates, as after enrolment."""
    return {
        SignerRole.SOCIAL: CounsellorKey(
            "Nadia Benali",
            social.private_key,
            ca.issue(social, "Nadia Benali", Field.SOCIAL),
            [ca.certificate],
        ),
        SignerRole.EMPLOI: CounsellorKey(
            "Julien Roux",
            emploi.private_key,
            ca.issue(emploi, "Julien Roux", Field.EMPLOI),
            [ca.certificate],
        ),
    }


def sign_both(rendered: RenderedPlan, keys: dict[SignerRole, CounsellorKey]) -> bytes:
    signers: list[SignerInput] = [
        signer_input(role, keys[role], rendered, "Rodez")
        for role in (SignerRole.SOCIAL, SignerRole.EMPLOI)
    ]
    return sign_plan_pdf(rendered.pdf, signers)


def pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)
