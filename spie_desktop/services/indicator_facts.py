"""The indicators' facts read from the device's store: one :class:`PersonFacts` per person
the device holds (records pulled from the territory server included) and one
:class:`EvaluationFacts` per evaluation, read in bulk inside one read-only transaction.

The path (orientation, contacts, diagnostic, actions started, returns to work, check-ins)
comes from ``path_facts.read_paths`` and ``PathScan``, the same reading as the point de
situation, so a delay on the indicators is the delay the situation shows.

A person's structure is the structure that works their file: the structure of the social
(else the employment) counsellor of their earliest interview, else that of the last author
of their record; « Structure non renseignée » when no counsellor is named (records the system
made, such as a demo's). The territory server reads the same rule from the same
synchronised counsellor and structure records (``spie_server/indicators/paths.py``), so a
figure by structure is the same on a laptop and in the territory's export.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session as DbSession

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.parcours import CONTACT_KINDS, Mark
from spie_desktop.domain.path_scan import PathScan
from spie_desktop.storage import indicator_reads, path_reads
from spie_desktop.storage.session import Session
from spie_protocol.indicators.facts import (
    ActionFact,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    OfferFact,
    PersonFacts,
)
from spie_protocol.indicators.rules import (
    UNKNOWN_STRUCTURE,
    UNKNOWN_THEMATIQUE,
    offer_thematique,
)

from .path_facts import LocalDays, PersonPath, read_paths
from .store_binding import STRUCTURE_META

#: Steps that are not something done with the person (the "between steps" delay skips them).
_NOT_STEPS = frozenset(
    {
        FollowUpKind.MISSED_APPOINTMENT,
        FollowUpKind.RESTRICTED,
        FollowUpKind.RESTRICTION_LIFTED,
    }
)
#: The check-in that says whether a return to work lasted.
CHECK_IN_MONTH = 6
_STEPS = {step.value: step for step in EvaluationStep}
_QUESTIONS = {question.value: question for question in EvaluationQuestion}


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    """What the indicators are computed from, and whose structure is the device's."""

    territory: str
    structure: str  # the device's own structure ("Ma structure")
    people: tuple[PersonFacts, ...]
    evaluations: tuple[EvaluationFacts, ...]
    today: date


def read_indicator_facts(session: Session, *, now: datetime | None = None) -> IndicatorFacts:
    """Everyone's facts, in the territory's calendar."""
    today = local_day(now or datetime.now(UTC), session.territory.timezone)
    with session.uow(read_only=True) as uow:
        people = _people_facts(uow.session, session.territory.timezone, today)
        evaluations = indicator_reads.evaluation_lines(uow.session)
        structure_names = indicator_reads.structure_names(uow.session)
        own = uow.meta.get(STRUCTURE_META)
        structure = uow.structures.find(uuid.UUID(own)) if own is not None else None
    return IndicatorFacts(
        territory=session.territory.code,
        structure=structure.name if structure is not None else "",
        people=tuple(people.values()),
        evaluations=tuple(_evaluations(evaluations, structure_names)),
        today=today,
    )


def facts_by_person(session: Session, *, now: datetime | None = None) -> dict[str, PersonFacts]:
    """Everyone's facts by person id (text), as :func:`read_indicator_facts` reads them: the
    ids never leave the device; they let the reading be compared with the server's."""
    today = local_day(now or datetime.now(UTC), session.territory.timezone)
    with session.uow(read_only=True) as uow:
        return _people_facts(uow.session, session.territory.timezone, today)


def _people_facts(db: DbSession, timezone: str, today: date) -> dict[str, PersonFacts]:
    """Every person's facts, read in bulk (one query per table), by person id."""
    people = path_reads.person_lines(db)
    paths = read_paths(db, timezone, today)
    interviews = path_reads.interview_lines(db)
    actions = indicator_reads.signed_action_lines(db)
    immersions = indicator_reads.immersion_periods(db)
    authors = indicator_reads.file_authors(db)
    offers = indicator_reads.offer_thematiques(db)
    counsellors = path_reads.counsellor_names(db)
    days = LocalDays(timezone)
    joint = {
        line.interview_id
        for line in interviews
        if line.social_counsellor_id and line.emploi_counsellor_id
    }
    structures = _structures(authors, counsellors)
    signed_actions = _signed_actions(actions, offers, days)
    first_days = _immersion_days(immersions)
    return {
        person.person_id: person_facts(
            paths.get(person.person_id, PersonPath()),
            structures.get(person.person_id, UNKNOWN_STRUCTURE),
            joint,
            signed_actions.get(person.person_id, ((), ())),
            first_days.get(person.person_id, ()),
            _file_contact(person.last_contact),
        )
        for person in people
    }


def person_facts(
    path: PersonPath,
    structure: str,
    joint_interviews: set[str],
    actions: tuple[tuple[ActionFact, ...], tuple[OfferFact, ...]],
    immersions: tuple[date, ...],
    file_contact: Mark | None = None,
) -> PersonFacts:
    """One person's facts from their path and what the path does not hold."""
    marks = path.marks if file_contact is None else [*path.marks, file_contact]
    scan = PathScan(marks)
    oriented = scan.first_orientation
    contacts = [
        day
        for day, kind in scan.done_days
        if kind in CONTACT_KINDS and (oriented is None or day >= oriented)
    ]
    first_day = min((day for _, day in path.records.diagnostics), default=None)
    employment = min(scan.employments) if scan.employments else None
    check_in = _check_in_6m(scan.check_ins, employment)
    return PersonFacts(
        structure=structure,
        oriented=oriented,
        first_contact=min(contacts) if contacts else None,
        diagnostic=scan.first_diagnostic,
        # Joint when a diagnostic of the first diagnostic's day names both fields.
        diagnostic_joint=any(
            day == first_day and str(ref) in joint_interviews
            for ref, day in path.records.diagnostics
        ),
        first_action=scan.first_action,
        steps=tuple(sorted(day for day, kind in scan.done_days if kind not in _NOT_STEPS)),
        plans_signed=tuple(sorted(day for _, _, day in path.records.signed_plans)),
        actions=actions[0],
        offers=actions[1],
        immersions=immersions,
        employment=employment,
        check_in_6m=check_in.day if check_in is not None else None,
        in_work_6m=check_in.still_in_work if check_in is not None else None,
    )


def _check_in_6m(check_ins: Iterable[Mark], employment: date | None) -> Mark | None:
    """The first 6-month check-in on or after the first return to work."""
    if employment is None:
        return None
    found = [m for m in check_ins if m.month == CHECK_IN_MONTH and m.day >= employment]
    return min(found, key=lambda m: m.day) if found else None


def _file_contact(last_contact: str | None) -> Mark | None:
    """The file's own "last contact" counts as a contact, as on the point de situation."""
    if not last_contact:
        return None
    return Mark(FollowUpKind.CONTACT, date.fromisoformat(last_contact[:10]))


def _structures(
    authors: Iterable[indicator_reads.FileAuthorLine],
    counsellors: dict[str, tuple[str, str]],
) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in authors:
        for counsellor in (
            line.social_counsellor_id,
            line.emploi_counsellor_id,
            line.record_author,
        ):
            name = counsellors.get(counsellor or "", ("", ""))[1]
            if name:
                found[line.person_id] = name
                break
    return found


def _signed_actions(
    lines: Iterable[indicator_reads.SignedActionLine],
    offers: dict[str, str],
    days: LocalDays,
) -> dict[str, tuple[tuple[ActionFact, ...], tuple[OfferFact, ...]]]:
    """Each person's actions of their signed plans, once each: a plan's next version copies
    the actions it keeps, so an action (same theme and wording) counts on the day it was
    first signed, with the status of the newest version holding it. Lines come in version
    order."""
    first_day: dict[tuple[str, str, str], date] = {}
    status: dict[tuple[str, str, str], str] = {}
    offer: dict[tuple[str, str, str], str | None] = {}
    order: defaultdict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for line in lines:
        key = (line.person_id, line.theme, line.label)
        day = days(line.signed_at)
        if key not in first_day:
            first_day[key] = day
            order[line.person_id].append(key)
        else:
            first_day[key] = min(first_day[key], day)
        status[key] = line.status
        offer[key] = line.offer_id or offer.get(key)
    result = {}
    for person, keys in order.items():
        actions = tuple(ActionFact(k[1], status[k], first_day[k]) for k in keys)
        linked = tuple(
            OfferFact(_thematique(offers.get(linked_id)), first_day[k])
            for k in keys
            if (linked_id := offer[k])
        )
        result[person] = (actions, linked)
    return result


def _thematique(stored: str | None) -> str:
    """The thématique the offer counts under (``rules.offer_thematique``, as the server
    reads it): from the catalogue's thématiques as stored (``|a|b|``); unknown when the
    catalogue no longer holds the offer (the server has no theme → thématique mapping, so
    the action's theme is not used)."""
    if stored is None:
        return UNKNOWN_THEMATIQUE
    return offer_thematique(stored.split("|"))


def _immersion_days(
    rows: Iterable[tuple[str, list[dict[str, str]]]],
) -> dict[str, tuple[date, ...]]:
    found: defaultdict[str, list[date]] = defaultdict(list)
    for person, periods in rows:
        starts = [date.fromisoformat(p["start"][:10]) for p in periods if p.get("start")]
        if starts:
            found[person].append(min(starts))
    return {person: tuple(sorted(days)) for person, days in found.items()}


def _evaluations(
    lines: Iterable[indicator_reads.EvaluationLine], structure_names: dict[str, str]
) -> list[EvaluationFacts]:
    """Evaluations as facts; a step or question from a newer version is left out. An
    evaluation names its structure by id: it is counted under the structure's name, as the
    people are."""
    facts = []
    for line in lines:
        step = _STEPS.get(line.step)
        if step is None:
            continue
        answers = {
            _QUESTIONS[key]: int(value)
            for key, value in line.answers.items()
            if key in _QUESTIONS and isinstance(value, int) and not isinstance(value, bool)
        }
        facts.append(
            EvaluationFacts(
                structure_names.get(line.structure, line.structure) or UNKNOWN_STRUCTURE,
                line.month,
                step,
                line.token,
                answers,
                line.wants_groups,
            )
        )
    return facts
