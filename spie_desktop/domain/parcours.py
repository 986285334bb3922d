"""A person's path (parcours) as dated steps in the territory's local calendar.

Two sources, never typed twice: the follow-up events stored for the person, and the steps
the records already hold — a completed interview (diagnostic done), each signed plan
version, and each action of the newest signed plan (started on its start date, done or
abandoned when its status last changed). :class:`Mark` is the light form both the path
shown on a file and the point de situation read; :class:`Step` adds what a timeline shows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from .event_details import CHECK_IN_MONTHS, MONTH, PLANNED, STILL_IN_WORK
from .events import FollowUpEvent, FollowUpKind, follow_up_label
from .interface_sentence import Sentence, say, verbatim
from .local_calendar import add_months, days_between, local_day
from .plan import ActionStatus


class RecordedKind(StrEnum):
    """Steps read from the records that hold them (never stored as events)."""

    DIAGNOSTIC_DONE = "diagnostic_done"
    PLAN_SIGNED = "plan_signed"
    ACTION_STARTED = "action_started"
    ACTION_DONE = "action_done"
    ACTION_ABANDONED = "action_abandoned"


RECORDED_LABELS = {
    RecordedKind.DIAGNOSTIC_DONE: "Diagnostic réalisé",
    RecordedKind.PLAN_SIGNED: "Plan d'action signé",
    RecordedKind.ACTION_STARTED: "Action commencée",
    RecordedKind.ACTION_DONE: "Action réalisée",
    RecordedKind.ACTION_ABANDONED: "Action abandonnée",
}

StepKind = FollowUpKind | RecordedKind


def step_label(kind: StepKind) -> str:
    if isinstance(kind, RecordedKind):
        return RECORDED_LABELS[kind]
    return follow_up_label(kind)


#: Steps that are a contact with the person (a missed appointment is not).
CONTACT_KINDS = frozenset(
    {
        FollowUpKind.FIRST_CONTACT,
        FollowUpKind.CONTACT,
        FollowUpKind.CHECK_IN,
        FollowUpKind.REVIEW,
        RecordedKind.DIAGNOSTIC_DONE,
        RecordedKind.PLAN_SIGNED,
    }
)
#: Steps that start something the person does, and those that end it (the gap alert and
#: the "between two steps" delay run from an end to the next start).
START_KINDS = frozenset(
    {
        FollowUpKind.STEP_START,
        FollowUpKind.IMMERSION_START,
        FollowUpKind.TRAINING_START,
        FollowUpKind.EMPLOYMENT,
        RecordedKind.ACTION_STARTED,
    }
)
END_KINDS = frozenset(
    {
        FollowUpKind.STEP_END,
        FollowUpKind.IMMERSION_END,
        FollowUpKind.TRAINING_END,
        RecordedKind.ACTION_DONE,
        RecordedKind.ACTION_ABANDONED,
    }
)

#: Order of steps on the same day: the one that logically comes first first.
_ORDERED: list[StepKind] = [
    FollowUpKind.ORIENTATION,
    FollowUpKind.FIRST_CONTACT,
    FollowUpKind.CONTACT,
    FollowUpKind.MISSED_APPOINTMENT,
    RecordedKind.DIAGNOSTIC_DONE,
    RecordedKind.PLAN_SIGNED,
    FollowUpKind.STEP_END,
    FollowUpKind.IMMERSION_END,
    FollowUpKind.TRAINING_END,
    RecordedKind.ACTION_DONE,
    RecordedKind.ACTION_ABANDONED,
    FollowUpKind.REVIEW,
    FollowUpKind.CASE_REVIEW,
    RecordedKind.ACTION_STARTED,
    FollowUpKind.STEP_START,
    FollowUpKind.IMMERSION_START,
    FollowUpKind.TRAINING_START,
    FollowUpKind.EMPLOYMENT,
    FollowUpKind.CHECK_IN,
    FollowUpKind.END_OF_SUPPORT,
    FollowUpKind.SUPPORT_REOPENED,
    FollowUpKind.RESTRICTED,
    FollowUpKind.RESTRICTION_LIFTED,
]
_ORDER: dict[StepKind, int] = {kind: index for index, kind in enumerate(_ORDERED)}


class Mark(NamedTuple):
    """One dated step, light enough to build 100,000 of in a point de situation."""

    kind: StepKind
    day: date  # in the territory's calendar
    planned: bool = False
    #: A check-in's month (1, 3, 6); ``None`` otherwise.
    month: int | None = None
    #: A check-in's "still in work"; ``None`` when not said or not a check-in.
    still_in_work: bool | None = None
    #: The event, interview, plan or action the step comes from.
    ref: uuid.UUID | None = None


def sort_key(mark: Mark) -> tuple[date, int]:
    return mark.day, _ORDER[mark.kind]


# -- steps read from records ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """An action of the newest signed plan, as the path reads it."""

    action_id: uuid.UUID
    label: str
    status: ActionStatus
    start_date: date | None = None
    due_date: date | None = None
    #: The day (local calendar) its record last changed: when a done or abandoned status was
    #: recorded.
    changed_day: date | None = None


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """What a person's records already say about the path."""

    #: Completed interviews: (interview id, day it was completed).
    diagnostics: tuple[tuple[uuid.UUID, date], ...] = ()
    #: Signed plan versions: (plan id, version, day of its last signature).
    signed_plans: tuple[tuple[uuid.UUID, int, date], ...] = ()
    #: Actions of the newest signed plan.
    actions: tuple[ActionFacts, ...] = ()


ENDED_ACTION = frozenset(
    {ActionStatus.DONE, ActionStatus.ABANDONED_BY_PERSON, ActionStatus.CANCELLED_BY_STRUCTURE}
)


def recorded_marks(records: RecordFacts, today: date) -> list[Mark]:
    """The steps the records hold. An action with a start date still to come is a planned
    step; one that is over is done or abandoned on the day its status was recorded (never
    before its start)."""
    marks = [Mark(RecordedKind.DIAGNOSTIC_DONE, day, ref=ref) for ref, day in records.diagnostics]
    marks += [Mark(RecordedKind.PLAN_SIGNED, day, ref=ref) for ref, _, day in records.signed_plans]
    for action in records.actions:
        start = action.start_date
        if start is not None:
            marks.append(
                Mark(RecordedKind.ACTION_STARTED, start, start > today, ref=action.action_id)
            )
        if action.status in ENDED_ACTION and action.changed_day is not None:
            day = max(action.changed_day, start) if start is not None else action.changed_day
            kind = (
                RecordedKind.ACTION_DONE
                if action.status is ActionStatus.DONE
                else RecordedKind.ACTION_ABANDONED
            )
            marks.append(Mark(kind, min(day, today), ref=action.action_id))
    return marks


def event_mark(
    kind: FollowUpKind,
    day: date,
    details: Mapping[str, Any] | None,
    ref: uuid.UUID | None = None,
) -> Mark:
    """The mark of a stored event whose local day is known."""
    if not details:
        return Mark(kind, day, ref=ref)
    month = details.get(MONTH) if kind is FollowUpKind.CHECK_IN else None
    still = details.get(STILL_IN_WORK)
    return Mark(
        kind,
        day,
        details.get(PLANNED) is True,
        month if isinstance(month, int) else None,
        still if isinstance(still, bool) else None,
        ref,
    )


def marks_of_events(events: Iterable[FollowUpEvent], timezone: str) -> list[Mark]:
    return [event_mark(e.kind, local_day(e.occurred_at, timezone), e.details, e.id) for e in events]


# -- in-work check-ins --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckInDue:
    """A check-in after a return to work: due on ``due`` and not yet recorded."""

    month: int
    due: date
    employment_day: date


def pending_check_ins(marks: Sequence[Mark]) -> list[CheckInDue]:
    """Check-ins at 1, 3 and 6 calendar months after the latest return to work, minus those
    a check-in (not planned, on or after that return) already cleared."""
    employment = [m.day for m in marks if m.kind is FollowUpKind.EMPLOYMENT and not m.planned]
    if not employment:
        return []
    check_ins = [m for m in marks if m.kind is FollowUpKind.CHECK_IN and not m.planned]
    return check_ins_due(max(employment), check_ins)


def check_ins_due(employment_day: date, check_ins: Iterable[Mark]) -> list[CheckInDue]:
    """The check-ins after a return to work on ``employment_day`` not cleared by one of
    ``check_ins`` (done ones) on or after that day."""
    done = {m.month for m in check_ins if m.day >= employment_day}
    return [
        CheckInDue(month, add_months(employment_day, month), employment_day)
        for month in CHECK_IN_MONTHS
        if month not in done
    ]


# -- the path shown on a file -----------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the timeline, with the waiting time since the previous done step."""

    kind: StepKind
    day: date
    #: What the step is, for the interface (« Action commencée : Permis B »).
    said: Sentence
    planned: bool = False
    #: Days since the previous step that happened (``None`` for the first, and for planned
    #: steps, which have not happened yet).
    wait_days: int | None = None
    #: The stored event (``None`` for a step read from a record).
    event_id: uuid.UUID | None = None
    #: The interview, plan or action a recorded step comes from.
    record_id: uuid.UUID | None = None
    note: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    author_id: uuid.UUID | None = None

    @property
    def label(self) -> str:
        """What the step is, in French."""
        return self.said.french

    @property
    def recorded(self) -> bool:
        """Read from a record (not editable on the timeline)."""
        return isinstance(self.kind, RecordedKind)


_ACTION_KINDS = frozenset(
    {RecordedKind.ACTION_STARTED, RecordedKind.ACTION_DONE, RecordedKind.ACTION_ABANDONED}
)


def build_path(
    events: Iterable[FollowUpEvent],
    records: RecordFacts,
    *,
    timezone: str,
    today: date,
    action_labels: Mapping[uuid.UUID, str] | None = None,
) -> list[Step]:
    """The whole path in date order: done steps with their waiting time, planned ones after
    the last done step of their day."""
    by_id = {e.id: e for e in events}
    labels = dict(action_labels or {})
    labels.update({a.action_id: a.label for a in records.actions})
    marks = marks_of_events(by_id.values(), timezone) + recorded_marks(records, today)
    steps: list[Step] = []
    previous: date | None = None
    for mark in sorted(marks, key=sort_key):
        wait = None
        if not mark.planned:
            wait = days_between(previous, mark.day) if previous is not None else None
            previous = mark.day
        event = by_id.get(mark.ref) if isinstance(mark.kind, FollowUpKind) and mark.ref else None
        label = verbatim(step_label(mark.kind))  # a label the interface catalogue covers
        if mark.kind in _ACTION_KINDS and mark.ref in labels:
            label = say("{step} : {action}", step=label, action=labels[mark.ref])
        steps.append(
            Step(
                kind=mark.kind,
                day=mark.day,
                said=label,
                planned=mark.planned,
                wait_days=wait,
                event_id=event.id if event else None,
                record_id=None if event else mark.ref,
                note=event.note if event else "",
                details=dict(event.details) if event else {},
                author_id=event.updated_by if event else None,
            )
        )
    return steps
