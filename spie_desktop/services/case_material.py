"""What the anonymised case summary is made from, read in one transaction: the person (for
their age, and for what must never appear), their latest interview's synthesis as it may be
printed, their path, their plan in force, and every name the notes might contain.

Nothing here is shown as is: :mod:`.case_summary` picks what a multi-agency group may see,
and the free-text notes listed by :func:`notes_to_review` go through the redaction step.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from spie_desktop.domain.case_summary import months_since
from spie_desktop.domain.event_details import EMPLOYER
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.parcours import RecordFacts, Step, build_path, step_label
from spie_desktop.domain.people import ConsentRecord, Person
from spie_desktop.domain.plan import Action, ActionPlan, ActionStatus, PlanStatus
from spie_desktop.domain.redaction import KnownIdentity, blocking_spans, detect_spans
from spie_desktop.forms import (
    AnswerRecord,
    DefinitionRegistry,
    InterviewState,
    Synthesis,
    open_interview,
)
from spie_desktop.plan.document import print_synthesis
from spie_desktop.storage.session import Session

from .path_facts import read_paths
from .people import PersonNotFound

PROJECT, OTHER_PRIORITIES, STRENGTHS = "synthesis:project", "synthesis:other", "synthesis:strengths"
#: Actions that stopped before their end: why they stopped is what the group needs.
STOPPED = frozenset({ActionStatus.ABANDONED_BY_PERSON, ActionStatus.CANCELLED_BY_STRUCTURE})
HIDDEN_LABEL = "libellé retiré : il contenait un nom ou des coordonnées"


@dataclass(frozen=True, slots=True)
class CaseNote:
    """A free text that may enter the summary once reviewed."""

    key: str  # stable within one reading: "synthesis:project", "event:<id>"
    source: str  # in French, with no date: "Projet de la personne"
    text: str


@dataclass(frozen=True)
class CaseMaterial:
    person: Person
    consent: ConsentRecord | None
    state: InterviewState | None
    synthesis: Synthesis | None
    steps: list[Step]
    events: list[FollowUpEvent]
    plan: ActionPlan | None  # the signed plan in force
    known: KnownIdentity
    today: date

    @property
    def origin(self) -> date | None:
        """The start of the parcours: the orientation, else its first step."""
        done = [s for s in self.steps if not s.planned]
        for step in done:
            if step.kind is FollowUpKind.ORIENTATION:
                return step.day
        return done[0].day if done else None

    def month_of(self, day: date) -> int:
        origin = self.origin
        return months_since(origin, day) if origin is not None else 0

    def action_label(self, action: Action) -> str:
        """The action's label, unless it names someone or gives their details."""
        return shown_label(action.label, self.known)

    @property
    def actions(self) -> list[Action]:
        return [a for o in self.plan.objectives for a in o.actions] if self.plan else []


def shown_label(label: str, known: KnownIdentity) -> str:
    return HIDDEN_LABEL if blocking_spans(detect_spans(label, known)) else label


def read_case_material(
    session: Session, person_id: uuid.UUID, today: date, registry: DefinitionRegistry
) -> CaseMaterial:
    timezone = session.territory.timezone
    with session.uow(read_only=True) as uow:
        person = uow.people.find(person_id)
        if person is None:
            raise PersonNotFound()
        consent = uow.consents.latest_for(person_id)
        interviews = uow.interviews.list_for_person(person_id)
        interview = max(interviews, key=lambda i: i.started_at, default=None)
        state = None
        if interview is not None:
            records = {
                a.key: AnswerRecord(a.value, a.author_id, a.updated_at)
                for a in uow.answers.list_for(interview.id)
            }
            state = open_interview(
                registry, interview.definition_id, interview.definition_version, records
            )
        events = uow.events.list_for_person(person_id)
        path = read_paths(uow.session, timezone, today, person_id).get(str(person_id))
        plans = uow.plans.list_for_person(person_id)
        counsellors = [c.display_name for c in uow.counsellors.list_all()]
    plan = max(
        (p for p in plans if p.status is PlanStatus.SIGNED),
        key=lambda p: p.plan_version,
        default=None,
    )
    steps = build_path(
        events,
        path.records if path is not None else RecordFacts(),
        timezone=timezone,
        today=today,
    )
    names = [person.first_name, person.last_name, *counsellors]
    names += [s.signer_name for p in plans for s in p.signatures if s.signer_name]
    names += [a.referent for p in plans for o in p.objectives for a in o.actions if a.referent]
    places = [person.commune, *(i.place for i in interviews)]
    places += [str(e.details.get(EMPLOYER, "")) for e in events]
    known = KnownIdentity(
        names=tuple(n for n in names if n.strip()),
        places=tuple(p for p in places if p.strip()),
        birth_date=person.birth_date,
    )
    synthesis = print_synthesis(state, consent) if state is not None else None
    return CaseMaterial(person, consent, state, synthesis, steps, events, plan, known, today)


def notes_to_review(material: CaseMaterial) -> tuple[CaseNote, ...]:
    """Every free text of the file a summary could carry, in the order of the summary."""
    notes: list[CaseNote] = []
    synthesis = material.synthesis
    if synthesis is not None:
        if synthesis.project_text.strip():
            notes.append(
                CaseNote(
                    PROJECT, "Projet de la personne, dans ses mots", synthesis.project_text.strip()
                )
            )
        if synthesis.other_priorities.strip():
            notes.append(
                CaseNote(
                    OTHER_PRIORITIES,
                    "Autres priorités exprimées",
                    synthesis.other_priorities.strip(),
                )
            )
        if synthesis.strengths:
            notes.append(
                CaseNote(STRENGTHS, "Atouts de la personne", "\n".join(synthesis.strengths))
            )
    stopped = {a.id: a for a in material.actions if a.status in STOPPED}
    days = {s.event_id: s.day for s in material.steps if s.event_id is not None}
    for event in material.events:
        if not event.note.strip() or event.id not in days:
            continue
        month = material.month_of(days[event.id])
        action = stopped.get(event.action_id) if event.action_id else None
        if action is not None:
            source = f"Action arrêtée « {material.action_label(action)} », note du mois {month}"
        else:
            source = f"Parcours, mois {month} : {step_label(event.kind)}"
        notes.append(CaseNote(f"event:{event.id}", source, event.note.strip()))
    return tuple(notes)
