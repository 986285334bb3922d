"""People's paths read in bulk: the stored events and the steps their records hold, as
marks in the territory's calendar (see ``domain.parcours``).

One read per table for everyone (or one person); no query per person.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.orm import Session as DbSession

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.local_calendar import zone
from spie_desktop.domain.parcours import ActionFacts, Mark, RecordFacts, recorded_marks
from spie_desktop.domain.plan import ActionStatus
from spie_desktop.storage import path_reads

_KINDS = {kind.value: kind for kind in FollowUpKind}
_STATUSES = {status.value: status for status in ActionStatus}


class LocalDays:
    """Stored UTC text → day in the territory's calendar, cached per UTC hour when every
    offset of the zone is a whole number of hours (true of every French territory; the
    cache is then exact, since offsets change on the hour), else per minute."""

    def __init__(self, timezone: str) -> None:
        self._zone = zone(timezone)
        #: UTC text prefix (hour or minute) → local day: read it directly in a hot loop.
        self.cached: dict[str, date] = {}
        year = datetime.now(UTC).year
        samples = [datetime(y, m, 1, tzinfo=UTC) for y in (year - 1, year) for m in (1, 7)]
        whole_hours = all(
            (s.astimezone(self._zone).utcoffset() or timedelta()) % timedelta(hours=1)
            == timedelta()
            for s in samples
        )
        self.key_length = 13 if whole_hours else 16
        self._dates: dict[str, date] = {}

    def __call__(self, stored: str) -> date:
        key = stored[: self.key_length]
        day = self.cached.get(key)
        if day is None:
            if self.key_length == 13 and len(stored) >= 13 and stored[10] in " T":
                self._cache_utc_day(stored[:11])
                day = self.cached.get(key)
            if day is None:
                instant = datetime.fromisoformat(stored).replace(tzinfo=UTC)
                day = self.cached[key] = instant.astimezone(self._zone).date()
        return day

    def date_of(self, stored: str | None) -> date | None:
        """A stored date (``YYYY-MM-DD``) as a date: plans' dates repeat, so made once."""
        if stored is None:
            return None
        day = self._dates.get(stored)
        if day is None:
            day = self._dates[stored] = date.fromisoformat(stored[:10])
        return day

    def _cache_utc_day(self, prefix: str) -> None:
        """Every hour of the UTC day ``prefix`` starts ("YYYY-MM-DD "): two conversions
        when the offset is the same at both ends of the day (events spread over two years
        touch ~17,500 UTC hours but only ~730 days), else one per hour."""
        try:
            midnight = datetime.fromisoformat(prefix[:10]).replace(tzinfo=UTC)
            first = midnight.astimezone(self._zone).utcoffset()
            last = (midnight + _LAST_HOUR).astimezone(self._zone).utcoffset()
        except (ValueError, OverflowError):
            return  # not a day this cache can hold: converted one by one
        for hour in range(24):
            instant = midnight + _HOURS[hour]
            if first == last and first is not None:
                day = (instant + first).date()
            else:
                day = instant.astimezone(self._zone).date()
            self.cached[f"{prefix}{hour:02d}"] = day


_HOURS = [timedelta(hours=hour) for hour in range(24)]
_LAST_HOUR = _HOURS[23]


@dataclass
class PersonPath:
    """What the situation and the timeline need of one person's path."""

    marks: list[Mark] = field(default_factory=list)
    records: RecordFacts = field(default_factory=RecordFacts)
    #: Counsellor ids (text) named on the person's interviews.
    counsellor_ids: set[str] = field(default_factory=set)
    #: Actions of the draft revising the plan in force that the plan does not hold yet (a
    #: case review's decisions, a check-in's new action): due dates to meet before it is
    #: signed. Not steps of the path (the plan's own actions are).
    revising: tuple[ActionFacts, ...] = ()

    @property
    def actions(self) -> tuple[ActionFacts, ...]:
        return self.records.actions + self.revising


def read_paths(
    db: DbSession, timezone: str, today: date, person_id: uuid.UUID | None = None
) -> dict[str, PersonPath]:
    """Everyone's path (or one person's), keyed by person id as text.

    A diagnostic is done when its interview is marked completed or a signed plan was
    drafted from it (on the day the interview record last changed)."""
    days = LocalDays(timezone)
    paths: defaultdict[str, PersonPath] = defaultdict(PersonPath)
    for stored_id, events in path_reads.event_digests(db, person_id):
        # Records come after: the shared empty RecordFacts (frozen) saves making 10,000.
        paths[path_reads.id_text(stored_id)] = PersonPath(_event_marks(events, days), _NO_RECORDS)
    signed: defaultdict[str, list[tuple[uuid.UUID, int, date]]] = defaultdict(list)
    in_force: dict[str, tuple[int, str]] = {}
    planned_from: set[str] = set()
    for plan in path_reads.signed_plan_lines(db, person_id):
        signed[plan.person_id].append(
            (path_reads.id_uuid(plan.plan_id), plan.plan_version, days(plan.signed_at))
        )
        if plan.interview_id:
            planned_from.add(plan.interview_id)
        if plan.status == path_reads.SIGNED:
            best = in_force.get(plan.person_id)
            if best is None or plan.plan_version > best[0]:
                in_force[plan.person_id] = (plan.plan_version, plan.plan_id)
    diagnostics: defaultdict[str, list[tuple[uuid.UUID, date]]] = defaultdict(list)
    for interview in path_reads.interview_lines(db, person_id):
        path = paths[interview.person_id]
        for counsellor in (interview.social_counsellor_id, interview.emploi_counsellor_id):
            if counsellor:
                path.counsellor_ids.add(counsellor)
        # Done when marked completed, or when a signed plan was drafted from it.
        if interview.status == path_reads.COMPLETED or interview.interview_id in planned_from:
            diagnostics[interview.person_id].append(
                (path_reads.id_uuid(interview.interview_id), days(interview.completed_at))
            )
    actions: defaultdict[str, list[ActionFacts]] = defaultdict(list)
    for action in path_reads.action_lines(db, person_id):
        if in_force[action.person_id][1] != action.plan_id:
            continue
        actions[action.person_id].append(_facts(action, days))
    _read_revising(db, person_id, actions, paths, days)
    for person in set(diagnostics) | set(signed) | set(actions):
        records = RecordFacts(
            tuple(diagnostics.get(person, ())),
            tuple(signed.get(person, ())),
            tuple(actions.get(person, ())),
        )
        paths[person].records = records
        paths[person].marks += recorded_marks(records, today)
    return dict(paths)


_NO_RECORDS = RecordFacts()
_FIELD = path_reads.FIELD_SEPARATOR
_EVENT = path_reads.EVENT_SEPARATOR
_MONTHS = {"1": 1, "3": 3, "6": 6}


def _event_marks(events: str, days: LocalDays) -> list[Mark]:
    """A person's marks from their events as :func:`path_reads.event_digests` joins them."""
    marks: list[Mark] = []
    kinds, cached, key_length = _KINDS, days.cached, days.key_length
    new = tuple.__new__  # a Mark without its Python-level __new__: 100,000 of them
    append = marks.append
    for event in events.split(_EVENT):
        fields = event.split(_FIELD)
        kind = kinds.get(fields[0])
        if kind is None:  # a kind from a newer version: not this one's to read
            continue
        at = fields[1]
        day = cached.get(at[:key_length]) or days(at)
        if len(fields) == 2:
            append(new(Mark, (kind, day, False, None, None, None)))
        else:
            planned, month, still = fields[2], fields[3], fields[4:]
            append(new(Mark, (kind, day, planned == "1", _month(month), _still(still), None)))
    return marks


def _month(text: str) -> int | None:
    return None if not text else _MONTHS.get(text) or int(text)


def _still(fields: list[str]) -> bool | None:
    """Still in work, when said."""
    return None if not fields or not fields[0] else fields[0] == "1"


def _facts(action: path_reads.ActionLine, days: LocalDays) -> ActionFacts:
    return ActionFacts(
        path_reads.id_uuid(action.action_id),
        action.label,
        _STATUSES.get(action.status, ActionStatus.PLANNED),
        days.date_of(action.start_date),
        days.date_of(action.due_date),
        days(action.updated_at),
    )


def _read_revising(
    db: DbSession,
    person_id: uuid.UUID | None,
    in_force: dict[str, list[ActionFacts]],
    paths: defaultdict[str, PersonPath],
    days: LocalDays,
) -> None:
    """The new actions of drafts revising a plan: those whose wording and due date the
    plan in force does not hold (a draft starts as a copy of it)."""
    found: defaultdict[str, list[ActionFacts]] = defaultdict(list)
    held: dict[str, set[tuple[str, date | None]]] = {}
    for action in path_reads.revision_action_lines(db, person_id):
        person = action.person_id
        if person not in held:
            held[person] = {(a.label, a.due_date) for a in in_force.get(person, ())}
        facts = _facts(action, days)
        if (facts.label, facts.due_date) not in held[person]:
            found[person].append(facts)
    for person, revising in found.items():
        paths[person].revising = tuple(revising)
