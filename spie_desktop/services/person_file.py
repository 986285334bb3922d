"""Everything the person file shows, read in one short transaction.

The timeline mixes interviews, action plans, follow-up events and consent decisions, newest
first. Entries are plain data (kind, moment, the record); the UI words them. The stage and
last contact come from the person's path, by the rules the people list and the point de
situation use (the record's own ``status`` is not read).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from spie_desktop.domain.events import FollowUpEvent
from spie_desktop.domain.interview import Interview, InterviewStatus
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.domain.situation import Stage
from spie_desktop.storage.session import Session

from .people import PersonNotFound, path_standing
from .support import SupportState, support_state


class EntryKind(StrEnum):
    INTERVIEW = "interview"
    PLAN = "plan"
    EVENT = "event"
    CONSENT = "consent"


@dataclass(frozen=True)
class TimelineEntry:
    kind: EntryKind
    at: datetime  # UTC
    record: Interview | ActionPlan | FollowUpEvent | ConsentRecord


@dataclass(frozen=True)
class PersonFile:
    person: Person
    consents: list[ConsentRecord] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    plans: list[ActionPlan] = field(default_factory=list)
    events: list[FollowUpEvent] = field(default_factory=list)
    #: Where the path stands, and its latest contact (territory's calendar).
    stage: Stage = Stage.ORIENTED
    last_contact: date | None = None
    #: Closed or restricted (a frozen file), and what the banner says about it.
    support: SupportState = field(default_factory=SupportState)

    @property
    def consent(self) -> ConsentRecord | None:
        """The decision in force: the latest one."""
        return self.consents[-1] if self.consents else None

    @property
    def may_interview(self) -> bool:
        consent = self.consent
        return consent is not None and consent.allows(ConsentScope.RECORD)

    @property
    def open_interview(self) -> Interview | None:
        open_ones = [i for i in self.interviews if i.status is InterviewStatus.IN_PROGRESS]
        return max(open_ones, key=lambda i: i.started_at) if open_ones else None

    def timeline(self) -> list[TimelineEntry]:
        entries = [TimelineEntry(EntryKind.INTERVIEW, i.started_at, i) for i in self.interviews]
        entries += [TimelineEntry(EntryKind.PLAN, plan_moment(p), p) for p in self.plans]
        entries += [TimelineEntry(EntryKind.EVENT, e.occurred_at, e) for e in self.events]
        entries += [TimelineEntry(EntryKind.CONSENT, c.given_at, c) for c in self.consents]
        entries.sort(key=lambda entry: entry.at, reverse=True)
        return entries


def plan_moment(plan: ActionPlan) -> datetime:
    """When a plan was signed (its last signature), else when it was last changed."""
    if plan.signatures:
        return max(s.signed_at for s in plan.signatures)
    return plan.updated_at


class PersonFileService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def load(self, person_id: uuid.UUID, *, now: datetime | None = None) -> PersonFile:
        timezone = self.session.territory.timezone
        today = local_day(now or datetime.now(UTC), timezone)
        with self.session.uow(read_only=True) as uow:
            person = uow.people.find(person_id)
            if person is None:
                raise PersonNotFound()
            stage, last_contact = path_standing(uow, person, timezone, today)
            events = uow.events.list_for_person(person_id)
            return PersonFile(
                person=person,
                consents=uow.consents.list_for(person_id),
                interviews=uow.interviews.list_for_person(person_id),
                plans=uow.plans.list_for_person(person_id),
                events=events,
                stage=stage,
                last_contact=last_contact,
                support=support_state(person, events, self.session.territory.timezone),
            )
