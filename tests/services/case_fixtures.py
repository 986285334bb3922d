"""A person whose file holds every kind of identifying field, ready for a case summary:
identity with phone and e-mail in a small commune, an interview, a signed plan with an
abandoned action, an orientation and notes that name people."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import ConsentScope, Person
from spie_desktop.domain.plan import ActionPlan, ActionStatus
from spie_desktop.services import device
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.plans import PlanService
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .conftest import JULIEN_PASSPHRASE
from .plan_fixtures import ANSWERS, Room

COMMUNE = "Sainte-Eulalie-d'Olt"  # about 380 inhabitants
PHONE = "06 45 78 12 90"
EMAIL = "helene.lefevre@exemple.fr"
BIRTH = date(1979, 4, 12)
FAMILY = {
    "contraintes_familiales.situation_familiale": "separe",
    "contraintes_familiales.enfants_a_charge": 2,
    "logement.personnes_foyer": 3,
    "priorites.autres_priorites": "Voir Karim, son fils, au 06 11 22 33 44 le samedi.",
}
ORIENTATION_NOTE = "Orientée par Mme Martin (CCAS) ; Hélène joignable au 0645781290."
STOP_NOTE = "Hélène a arrêté : plus de bus depuis Sainte-Eulalie-d'Olt le matin."


@dataclass
class CaseFile:
    room: Room
    person: Person
    plan: ActionPlan
    abandoned_label: str

    @property
    def person_id(self) -> uuid.UUID:
        return self.person.id


def make_case_file(session: Session) -> CaseFile:
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    people = PeopleService(session)
    person = people.create_person("Hélène", "Lefèvre", BIRTH, COMMUNE, PHONE, EMAIL)
    people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
    timeline = TimelineService(session)
    today = timeline.today()
    timeline.add_event(
        person.id, FollowUpKind.ORIENTATION, today - timedelta(days=75), note=ORIENTATION_NOTE
    )
    interview = InterviewService(session).start_or_resume(person.id)
    workspace = InterviewSessionService(session)
    for key, value in {**ANSWERS, **FAMILY}.items():
        workspace.save_answer(interview.id, key, value)
    room = Room(session, PlanService(session), julien, person.id, interview.id)
    draft = room.ready_draft()
    for objective in draft.objectives:
        for action in objective.actions:
            action.start_date = today - timedelta(days=20)
    first = draft.objectives[0].actions[0]
    draft.set_action_status(first.id, ActionStatus.ABANDONED_BY_PERSON)
    draft = room.plans.save_draft(draft)
    room.sign(draft)
    timeline.add_event(
        person.id,
        FollowUpKind.STEP_END,
        today - timedelta(days=5),
        note=STOP_NOTE,
        action_id=first.id,
    )
    plan = room.plans.get(draft.id)
    return CaseFile(room, person, plan, first.label)
