"""The parcours of a demo person: orientation, contacts, a step started, a return to work
with its check-ins, and, for some of the people whose support is over, its end.

A mixin of :class:`~spie_desktop.services.demo.DemoBuilder`: the events draw from the
builder's generator as they always did; what came later (the end of support, the employer
named by a return to work) draws from a generator of its own, seeded with the person's id,
so the rest of the demo stays as it was.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from spie_desktop.domain.event_details import (
    CHANNEL,
    CHECK_IN_MONTHS,
    CONTRACT,
    EMPLOYER,
    HOURS,
    MONTH,
    STILL_IN_WORK,
)
from spie_desktop.domain.events import FollowUpEvent, FollowUpKind
from spie_desktop.domain.interview import Answer, Interview
from spie_desktop.domain.people import ConsentRecord, Person, PersonStatus
from spie_desktop.domain.plan import ActionPlan
from spie_desktop.domain.support_end import OUTCOME, SupportOutcome

from . import demo_names as names
from .demo_companies import COMPANIES

#: Of the people whose file says the support is over, the share whose parcours records its
#: end (with an outcome): about 5 % of all demo people.
ENDED_SHARE = 0.5
#: Outcomes of those ends, with their weights.
END_OUTCOMES = {
    SupportOutcome.EMPLOYMENT_LASTING: 4,
    SupportOutcome.EMPLOYMENT_SHORT: 3,
    SupportOutcome.QUALIFYING_TRAINING: 3,
    SupportOutcome.BUSINESS_CREATION: 1,
    SupportOutcome.REFERRAL: 2,
    SupportOutcome.MOVED: 2,
    SupportOutcome.NO_NEWS: 3,
    SupportOutcome.OTHER: 1,
}
#: Share of the returns to work that name their employer (one of the demo companies).
NAMED_EMPLOYER_SHARE = 0.03


@dataclass
class DemoPerson:
    """One synthetic person and everything held on them."""

    person: Person
    consent: ConsentRecord | None = None
    interview: Interview | None = None
    answers: list[Answer] = field(default_factory=list)
    plan: ActionPlan | None = None
    events: list[FollowUpEvent] = field(default_factory=list)


class DemoEvents:
    """The events part of the demo builder (see the module)."""

    rng: random.Random
    today: date

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def moment(self, day: date) -> datetime:
        minutes = self.rng.randint(8 * 60, 18 * 60)
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=UTC)

    def events(self, demo: DemoPerson, created: date) -> None:
        rng = self.rng
        person = demo.person
        demo.events.append(self.orientation(person, created))
        span = max(1, (self.today - created).days)
        for _ in range(rng.randint(0, 4)):
            day = created + timedelta(days=rng.randint(0, span))
            contact = self.event(person, FollowUpKind.CONTACT, day)
            contact.details = {CHANNEL: "phone"}
            demo.events.append(contact)
        if person.status is PersonStatus.ACCOMPANIED and demo.plan and rng.random() < 0.5:
            actions = [a for o in demo.plan.objectives for a in o.actions]
            action = actions[0] if actions else None
            if action and action.start_date and action.start_date <= self.today:
                event = self.event(person, FollowUpKind.STEP_START, action.start_date)
                event.action_id = action.id
                demo.events.append(event)
        if person.status is PersonStatus.EMPLOYED:
            hired = created + timedelta(days=rng.randint(0, span))
            employment = self.event(person, FollowUpKind.EMPLOYMENT, hired)
            employment.details = {CONTRACT: "cdd", HOURS: 35}
            hirer = random.Random(f"employer:{person.id}")
            if hirer.random() < NAMED_EMPLOYER_SHARE:
                employment.details[EMPLOYER] = hirer.choice(COMPANIES).name
            demo.events.append(employment)
            for months in CHECK_IN_MONTHS:
                check = hired + timedelta(days=30 * months)
                if check <= self.today:  # each check-in says which one it is: it clears it
                    check_in = self.event(person, FollowUpKind.CHECK_IN, check)
                    check_in.details = {MONTH: months, STILL_IN_WORK: True}
                    demo.events.append(check_in)
        if person.status is PersonStatus.CLOSED:
            self.end_of_support(demo, created)

    def orientation(self, person: Person, created: date) -> FollowUpEvent:
        """The orientation that started the person's clock, a few weeks before their file
        was opened (its own generator: the rest of the demo stays as it was)."""
        own = random.Random(person.id.int)
        event = self.event(
            person, FollowUpKind.ORIENTATION, created - timedelta(days=own.randint(3, 45))
        )
        event.details = {
            "oriented_by": own.choice(names.ORIENTERS),
            "reason": own.choice(names.ORIENTATION_REASONS),
        }
        return event

    def event(self, person: Person, kind: FollowUpKind, day: date) -> FollowUpEvent:
        return FollowUpEvent(
            id=self.uuid(), person_id=person.id, kind=kind, occurred_at=self.moment(day)
        )

    def end_of_support(self, demo: DemoPerson, created: date) -> None:
        """For about half of the people whose file is over, the end of their support with
        its outcome, some days after their last step (own generator, see the module)."""
        own = random.Random(f"end:{demo.person.id}")
        if own.random() >= ENDED_SHARE:
            return
        last = max((e.occurred_at.date() for e in demo.events), default=created)
        day = min(self.today, last + timedelta(days=own.randint(1, 60)))
        outcome = own.choices(list(END_OUTCOMES), weights=list(END_OUTCOMES.values()))[0]
        minutes = own.randint(9 * 60, 17 * 60)
        demo.events.append(
            FollowUpEvent(
                id=uuid.UUID(int=own.getrandbits(128), version=4),
                person_id=demo.person.id,
                kind=FollowUpKind.END_OF_SUPPORT,
                occurred_at=datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=UTC),
                details={OUTCOME: outcome.value},
            )
        )
