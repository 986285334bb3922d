"""Scenario 1 as test data: Mme L. in Rodez, with Nadia (social) and Julien (emploi)."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from spie_desktop.domain.organisation import Counsellor, Field, Structure, StructureKind
from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Contract,
    Objective,
    Signature,
    SignerRole,
)
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.forms import InterviewState, builtin_definition
from spie_desktop.plan.document import PlanDocument, build_plan_document, print_synthesis
from spie_desktop.plan.keys import SigningIdentity, generate_signing_identity
from spie_desktop.plan.render import RenderedPlan, render_plan_pdf

PLAN_ID = uuid.UUID("5ce8eeb2-7a41-4f0e-9d7c-2b6a1f3e8c10")
SIGNED_AT = datetime(2026, 11, 27, 10, 42, tzinfo=UTC)
NADIA_STRUCTURE = Structure(
    name="Conseil départemental de l'Aveyron",
    kind=StructureKind.CONSEIL_DEPARTEMENTAL,
    territory_code="12",
)
JULIEN_STRUCTURE = Structure(
    name="France Travail Rodez", kind=StructureKind.FRANCE_TRAVAIL, territory_code="12"
)
NADIA = Counsellor(display_name="Nadia Benali", field=Field.SOCIAL, structure_id=NADIA_STRUCTURE.id)
JULIEN = Counsellor(
    display_name="Julien Roux", field=Field.EMPLOI, structure_id=JULIEN_STRUCTURE.id
)


def squiggle(seed: int) -> list[list[tuple[float, float]]]:
    """A plausible handwritten signature: two strokes of a wavy line."""
    first = [(0.05 + 0.6 * i / 40, 0.5 + 0.25 * math.sin(i / 3 + seed)) for i in range(41)]
    second = [(0.7 + 0.2 * i / 10, 0.7 - 0.4 * i / 10) for i in range(11)]
    return [first, second]


def mme_l() -> Person:
    return Person(
        first_name="Hélène", last_name="Lefèvre", birth_date=date(1979, 4, 12), commune="Rodez"
    )


def consent_for(person: Person, sensitive: bool) -> ConsentRecord:
    scopes = {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM}
    if sensitive:
        scopes.add(ConsentScope.SENSITIVE_IN_PLAN)
    return ConsentRecord(person_id=person.id, scopes=frozenset(scopes), given_at=SIGNED_AT)


def interview() -> InterviewState:
    state = InterviewState(builtin_definition("socle-commun", 1))
    answers = {
        "accueil.consentement": True,
        "accueil.donnees_sensibles": True,
        "mobilite.barrier": "blocking",
        "mobilite.situations": ["aucun-moyen-de-transport-a-disposition"],
        "contraintes_familiales.barrier": "strong",
        "contraintes_familiales.strengths": ["10 ans d'aidante auprès de sa mère"],
        "sante.barrier": "strong",
        "sante.situations": ["existence-d-un-dossier-mdph"],
        "sante.strengths": ["Suivi médical régulier"],
        "logement.barrier": "none",
        "emploi.barrier": "light",
        "numerique.barrier": "not_discussed",
        "priorites.projet": "Devenir aide à domicile, près de chez moi : ça me tient à cœur (œuvre utile, 0 € de frais).",
        "priorites.ordre": ["mobilite", "contraintes_familiales", "sante"],
        "priorites.atouts": ["Motivée"],
    }
    for key, value in answers.items():
        assert state.set_answer(key, value, NADIA.id) == [], key
    return state


def action_plan(person: Person, *, signed: bool = True) -> ActionPlan:
    plan = ActionPlan(
        id=PLAN_ID,
        person_id=person.id,
        contract=Contract.ENGAGEMENT,
        contract_commitment=True,
        next_review=date(2027, 1, 8),
    )
    vehicle = Objective(plan_id=plan.id, theme="mobilite", label="Accéder à un véhicule")
    vehicle.actions.append(
        Action(
            objective_id=vehicle.id,
            label="Bourse au permis",
            responsible_structure="Conseil départemental de l'Aveyron",
            referent="Nadia Benali",
            start_date=date(2026, 12, 1),
            due_date=date(2027, 2, 27),
        )
    )
    trade = Objective(plan_id=plan.id, theme="choisir_un_metier", label="Découvrir un métier")
    trade.actions.append(
        Action(
            objective_id=trade.id,
            label="Réalisation d'une PMSMP en service d'aide à domicile",
            responsible_structure="France Travail Rodez",
            referent="Julien Roux",
            start_date=date(2027, 3, 1),
            due_date=date(2027, 3, 12),
            status=ActionStatus.PLANNED,
        )
    )
    plan.objectives += [vehicle, trade]
    if signed:
        names = {
            SignerRole.PERSON: person.full_name,
            SignerRole.SOCIAL: NADIA.display_name,
            SignerRole.EMPLOI: JULIEN.display_name,
        }
        for seed, (role, name) in enumerate(names.items()):
            plan.signatures.append(
                Signature(
                    plan_id=plan.id,
                    role=role,
                    signer_name=name,
                    strokes=squiggle(seed),
                    signed_at=SIGNED_AT,
                )
            )
    return plan


def plan_document(*, sensitive_consent: bool = False, language: str = "fr") -> PlanDocument:
    person = mme_l()
    person.language = language
    consent = consent_for(person, sensitive_consent)
    return build_plan_document(
        action_plan(person),
        person,
        consent,
        [JULIEN, NADIA],
        [NADIA_STRUCTURE, JULIEN_STRUCTURE],
        print_synthesis(interview(), consent),
        territory_by_code("12"),
        "Rodez",
    )


@dataclass(frozen=True)
class Identities:
    social: SigningIdentity
    emploi: SigningIdentity


@pytest.fixture(scope="session")
def identities() -> Identities:
    return Identities(
        social=generate_signing_identity("Nadia Benali", NADIA_STRUCTURE.name, Field.SOCIAL),
        emploi=generate_signing_identity("Julien Roux", JULIEN_STRUCTURE.name, Field.EMPLOI),
    )


@pytest.fixture(scope="session")
def rendered() -> RenderedPlan:
    return render_plan_pdf(plan_document())


@pytest.fixture(scope="session")
def signed_pdf(rendered: RenderedPlan, identities: Identities) -> bytes:
    from spie_desktop.plan.signing import SignerInput, sign_plan_pdf

    signers = [
        SignerInput(
            field_name=f"Signature{role.value.title()}",
            box=rendered.signature_boxes[role],
            private_key=identity.private_key,
            certificate=identity.certificate,
            name=name,
            location="Rodez",
        )
        for role, identity, name in (
            (SignerRole.SOCIAL, identities.social, NADIA.display_name),
            (SignerRole.EMPLOI, identities.emploi, JULIEN.display_name),
        )
    ]
    return sign_plan_pdf(rendered.pdf, signers)


def run_tool(*args: str) -> str:
    """Run an outside tool; its stdout and stderr together."""
    import subprocess

    from tests.conftest import require_tool

    require_tool(args[0])
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    return result.stdout + result.stderr


@dataclass(frozen=True)
class TerritoryCA:
    """A stand-in for the territory server's CA, which certifies keys at enrolment."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @classmethod
    def create(cls, name: str = "Autorité de test du territoire 12") -> TerritoryCA:
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.now(UTC) - timedelta(minutes=5)
        cert = (
            x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256())
        )  # fmt: skip
        return cls(key, cert)

    def certify(self, identity: SigningIdentity) -> x509.Certificate:
        """A certificate for the same key and subject, issued by this CA."""
        own = identity.certificate
        builder = (
            x509.CertificateBuilder().subject_name(own.subject).issuer_name(self.certificate.subject)
            .public_key(identity.private_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(own.not_valid_before_utc).not_valid_after(own.not_valid_after_utc)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
        )  # fmt: skip
        for extension in own.extensions:
            builder = builder.add_extension(extension.value, extension.critical)
        return builder.sign(self.key, hashes.SHA256())
