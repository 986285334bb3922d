"""People's paths gathered from documents streamed entity by entity, then reduced to
:class:`PersonFacts` (see :mod:`.path_rules` for the definitions).

Documents come in any order within an entity; entities are read owners first (structures,
counsellors, people, plans, signatures, objectives, actions, interviews, events, immersions),
so each document finds its owner already known and only what the facts need is kept: a few
days per person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from .path_rules import (
    CHECK_IN,
    COMPLETED,
    CONTACT_KINDS,
    EMPLOYMENT,
    KNOWN_KINDS,
    NOT_STEPS,
    ORIENTATION,
    SIGNED_STATUSES,
)
from .records import LocalDays, plain_date, uuid_text


@dataclass(slots=True)
class Path:
    """What the facts need of one person's follow-up events, kept as they stream by (a
    million events are not kept whole)."""

    #: The last author of the person's record (a counsellor id).
    author: str | None = None
    #: The earliest interview: (its start, its id, social counsellor, employment counsellor).
    first_interview: tuple[datetime, str, str | None, str | None] | None = None
    #: Days of the events that happened (planned ones excluded).
    steps: list[date] = field(default_factory=list)
    #: Days of the events that are a contact with the person.
    contacts: list[date] = field(default_factory=list)
    oriented: date | None = None  # the first orientation
    employment: date | None = None  # the first return to work
    #: Check-ins: (day, month, still in work).
    check_ins: list[tuple[date, int | None, bool | None]] = field(default_factory=list)
    #: Diagnostics done: (day, joint).
    diagnostics: list[tuple[date, bool]] = field(default_factory=list)
    immersions: list[date] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    person: str
    version: int
    status: str
    interview: str | None
    changed: date | None
    signed: date | None = None  # the last signature's day


@dataclass(slots=True)
class Action:
    plan: str
    theme: str
    label: str
    status: str
    start: date | None
    changed: date | None
    offer: str | None  # "source:id" of the linked offer


class Paths:
    """Everyone's path in one territory, fed document by document."""

    def __init__(self, timezone: str, today: date) -> None:
        self.days = LocalDays(timezone)
        self.today = today
        self.people: dict[str, Path] = {}
        self.plans: dict[str, Plan] = {}
        self.objectives: dict[str, tuple[str, str]] = {}  # objective → (plan, theme)
        self.actions: list[Action] = []
        #: Structure id → name, counsellor id → structure id (synchronised records).
        self.structure_names: dict[str, str] = {}
        self.counsellors: dict[str, str | None] = {}

    def _changed(self, doc: dict[str, Any]) -> date | None:
        return self.days.of_text(doc.get("updated_at"))

    def person(self, person_id: str, doc: dict[str, Any]) -> None:
        path = self.people[person_id] = Path(uuid_text(doc.get("updated_by")))
        contact = plain_date(doc.get("last_contact"))
        if contact is not None:  # the file's own last contact, as the device counts it
            path.steps.append(contact)
            path.contacts.append(contact)

    def structure(self, structure_id: str, doc: dict[str, Any]) -> None:
        name = doc.get("name")
        if isinstance(name, str) and name:
            self.structure_names[structure_id] = name

    def counsellor(self, counsellor_id: str, doc: dict[str, Any]) -> None:
        self.counsellors[counsellor_id] = uuid_text(doc.get("structure_id"))

    def structure_of(self, path: Path) -> str | None:
        """The person's structure (see :mod:`.path_rules`), ``None`` when none is named."""
        first = path.first_interview
        for counsellor in (*(first[2:] if first else ()), path.author):
            name = self.structure_names.get(self.counsellors.get(counsellor or "") or "")
            if name:
                return name
        return None

    def plan(self, plan_id: str, doc: dict[str, Any]) -> None:
        person = uuid_text(doc.get("person_id"))
        status = doc.get("status")
        if person not in self.people or status not in SIGNED_STATUSES:
            return
        version = doc.get("plan_version")
        self.plans[plan_id] = Plan(
            person,
            version if isinstance(version, int) else 0,
            str(status),
            uuid_text(doc.get("interview_id")),
            self._changed(doc),
        )

    def signature(self, doc: dict[str, Any]) -> None:
        plan = self.plans.get(uuid_text(doc.get("plan_id")) or "")
        day = self.days.of_text(doc.get("signed_at"))
        if plan is not None and day is not None and (plan.signed is None or day > plan.signed):
            plan.signed = day

    def objective(self, objective_id: str, doc: dict[str, Any]) -> None:
        plan = uuid_text(doc.get("plan_id"))
        if plan in self.plans:
            self.objectives[objective_id] = (plan, str(doc.get("theme") or ""))

    def action(self, doc: dict[str, Any]) -> None:
        owner = self.objectives.get(uuid_text(doc.get("objective_id")) or "")
        if owner is None:
            return
        offer = doc.get("offer_id")
        self.actions.append(
            Action(
                owner[0],
                owner[1],
                str(doc.get("label") or ""),
                str(doc.get("status") or ""),
                plain_date(doc.get("start_date")),
                self._changed(doc),
                offer if isinstance(offer, str) and offer else None,
            )
        )

    def interview(self, interview_id: str, doc: dict[str, Any], drafted_from: set[str]) -> None:
        path = self.people.get(uuid_text(doc.get("person_id")) or "")
        if path is None:
            return
        started = _instant(doc.get("started_at"))
        if started is not None:
            this = (started, interview_id, _text(doc, "social_counsellor_id"))
            first = path.first_interview
            if first is None or this[:2] < first[:2]:
                path.first_interview = (*this, _text(doc, "emploi_counsellor_id"))
        day = self._changed(doc)
        if day is None:
            return
        if doc.get("status") == COMPLETED or interview_id in drafted_from:
            joint = bool(doc.get("social_counsellor_id")) and bool(doc.get("emploi_counsellor_id"))
            path.diagnostics.append((day, joint))

    def event(self, doc: dict[str, Any]) -> None:
        path = self.people.get(uuid_text(doc.get("person_id")) or "")
        kind = doc.get("kind")
        if path is None or kind not in KNOWN_KINDS:
            return
        details = doc.get("details")
        month: int | None = None
        still: bool | None = None
        if isinstance(details, dict):
            if details.get("planned") is True:
                return
            if kind == CHECK_IN:
                value = details.get("month")
                month = value if isinstance(value, int) else None
                said = details.get("still_in_work")
                still = said if isinstance(said, bool) else None
        day = self.days.of_text(doc.get("occurred_at"))
        if day is None:
            return
        if kind not in NOT_STEPS:
            path.steps.append(day)
        if kind == ORIENTATION:
            if path.oriented is None or day < path.oriented:
                path.oriented = day
        elif kind in CONTACT_KINDS:
            path.contacts.append(day)
        elif kind == EMPLOYMENT and (path.employment is None or day < path.employment):
            path.employment = day
        if kind == CHECK_IN:
            path.check_ins.append((day, month, still))

    def immersion(self, doc: dict[str, Any]) -> None:
        path = self.people.get(uuid_text(doc.get("person_id")) or "")
        periods = doc.get("periods")
        if path is None or not isinstance(periods, list):
            return
        starts = [
            day
            for period in periods
            if isinstance(period, dict) and (day := plain_date(period.get("start")))
        ]
        if starts:
            path.immersions.append(min(starts))

    def drafted_from(self) -> set[str]:
        """Interviews a signed plan was drafted from (their diagnostic is done)."""
        return {plan.interview for plan in self.plans.values() if plan.interview}


def _instant(value: Any) -> datetime | None:
    """A stored instant (UTC when it names no offset), comparable with any other."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _text(doc: dict[str, Any], name: str) -> str | None:
    return uuid_text(doc.get(name))
