"""Scenario 1 in a real store: Nadia (social) unlocks, Julien (emploi) has his own account,
Mme L. consented and was interviewed; helpers to draft, fill and sign her plan."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.plan import ActionPlan, Signature, SignerRole
from spie_desktop.services import device
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.plans import PlanService, SignedPlanResult, SigningProgress
from spie_desktop.storage.session import Session
from tests.plan.conftest import squiggle

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE

ANSWERS = {
    "accueil.consentement": True,
    "mobilite.barrier": "blocking",
    "mobilite.situations": ["aucun-moyen-de-transport-a-disposition"],
    "contraintes_familiales.barrier": "strong",
    "contraintes_familiales.strengths": ["10 ans d'aidante auprès de sa mère"],
    "sante.barrier": "strong",
    "logement.barrier": "none",
    "emploi.barrier": "light",
    "priorites.projet": "Devenir aide à domicile, près de chez moi.",
    "priorites.ordre": ["contraintes_familiales", "mobilite"],
}


@dataclass
class Room:
    """The interview room: the session (Nadia), Julien's account, Mme L. and her interview."""

    session: Session
    plans: PlanService
    julien: Counsellor
    person_id: uuid.UUID
    interview_id: uuid.UUID

    @property
    def nadia(self) -> Counsellor:
        return self.session.counsellor

    def confirmations(
        self, nadia: str = NADIA_PASSPHRASE, julien: str = JULIEN_PASSPHRASE
    ) -> dict[SignerRole, tuple[uuid.UUID, str]]:
        return {
            SignerRole.SOCIAL: (self.nadia.id, nadia),
            SignerRole.EMPLOI: (self.julien.id, julien),
        }

    def ready_draft(self) -> ActionPlan:
        """Her draft, every suggested objective taken up, a dated action under each, her
        commitment to the contrat d'engagement given."""
        plan = self.plans.draft_from_interview(self.interview_id)
        plan.set_commitment(True)
        for group in self.plans.suggestions(plan):
            for suggestion in group.objectives:
                plan.add_suggested_objective(suggestion.theme, suggestion.label)
        start = self.plans.today() + timedelta(days=7)
        for objective in plan.objectives:
            plan.add_action(
                objective.id,
                f"Action pour « {objective.label} »",
                responsible_structure="Conseil départemental de l'Aveyron",
                start_date=start,
                due_date=start + timedelta(days=90),
            )
        return self.plans.save_draft(plan)

    def sign(
        self, plan: ActionPlan, progress: Callable[[SigningProgress], None] | None = None
    ) -> SignedPlanResult:
        return self.plans.sign(
            plan.id, pad_signatures(plan), self.confirmations(), "Rodez", progress
        )


def pad_signatures(plan: ActionPlan, empty: SignerRole | None = None) -> list[Signature]:
    """What the signature pad gives: three signatures (one left empty if asked)."""
    now = datetime.now(UTC)
    return [
        Signature(
            plan_id=plan.id,
            role=role,
            signer_name="",
            strokes=[] if role is empty else squiggle(seed),
            signed_at=now,
        )
        for seed, role in enumerate(SignerRole)
    ]


def make_room(session: Session) -> Room:
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    people = PeopleService(session)
    person = people.create_person("Hélène", "Lefèvre", date(1979, 4, 12), "Rodez")
    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    interview = InterviewService(session).start_or_resume(person.id)
    workspace = InterviewSessionService(session)
    for key, value in ANSWERS.items():
        workspace.save_answer(interview.id, key, value)
    return Room(session, PlanService(session), julien, person.id, interview.id)
