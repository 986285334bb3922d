"""One pass over a person's marks: what the point de situation and its summary need."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .events import FollowUpKind
from .local_calendar import days_between
from .parcours import (
    CONTACT_KINDS,
    END_KINDS,
    START_KINDS,
    CheckInDue,
    Mark,
    RecordedKind,
    StepKind,
    check_ins_due,
)

_DIAGNOSTIC_DONE = RecordedKind.DIAGNOSTIC_DONE
_CHECK_IN = FollowUpKind.CHECK_IN
_EMPLOYMENT = FollowUpKind.EMPLOYMENT
_ACTION_STARTED = RecordedKind.ACTION_STARTED
_ORIENTATION = FollowUpKind.ORIENTATION

#: A planned step counts as done when a step of its kind happened up to this many days
#: before its day (the meeting was brought forward).
PLANNED_DONE_EARLY_DAYS = 7


class PathScan:
    """What the situation and the summary need of a person's marks, in one pass."""

    __slots__ = (
        "check_ins",
        "done_days",
        "employments",
        "first_action",
        "first_diagnostic",
        "first_orientation",
        "kinds",
        "last_contact",
        "last_done",
        "last_end",
        "last_orientation",
        "last_start",
        "planned",
        "points",
    )

    def __init__(self, marks: Iterable[Mark]) -> None:
        # Locals in the loop, attributes once at the end: 100,000 marks go through here.
        kinds: set[StepKind] = set()
        planned: list[Mark] = []
        done_days: list[tuple[date, StepKind]] = []
        check_ins: list[Mark] = []
        employments: list[date] = []
        #: Ends and starts as (day, 0 = end, 1 = start), for the delays between steps.
        points: list[tuple[date, int]] = []
        last_done: date | None = None
        last_contact: date | None = None
        first_orientation: date | None = None
        last_orientation: date | None = None
        first_diagnostic: date | None = None
        first_action: date | None = None
        last_end: date | None = None
        last_start: date | None = None
        for mark in marks:
            kind, day, is_planned = mark[0], mark[1], mark[2]
            if is_planned:
                planned.append(mark)
                continue
            kinds.add(kind)
            done_days.append((day, kind))
            if last_done is None or day > last_done:
                last_done = day
            if kind in CONTACT_KINDS:
                if last_contact is None or day > last_contact:
                    last_contact = day
                if kind is _DIAGNOSTIC_DONE and (
                    first_diagnostic is None or day < first_diagnostic
                ):
                    first_diagnostic = day
                elif kind is _CHECK_IN:
                    check_ins.append(mark)
            elif kind in START_KINDS:
                points.append((day, 1))
                if last_start is None or day > last_start:
                    last_start = day
                if kind is _EMPLOYMENT:
                    employments.append(day)
                elif kind is _ACTION_STARTED and (first_action is None or day < first_action):
                    first_action = day
            elif kind in END_KINDS:
                points.append((day, 0))
                if last_end is None or day > last_end:
                    last_end = day
            elif kind is _ORIENTATION:
                if last_orientation is None or day > last_orientation:
                    last_orientation = day
                if first_orientation is None or day < first_orientation:
                    first_orientation = day
        self.kinds = kinds
        self.planned = planned
        self.done_days = done_days
        self.check_ins = check_ins
        self.employments = employments
        self.points = points
        self.last_done = last_done
        self.last_contact = last_contact
        self.first_orientation = first_orientation
        self.last_orientation = last_orientation
        self.first_diagnostic = first_diagnostic
        self.first_action = first_action
        self.last_end = last_end
        self.last_start = last_start

    @property
    def last_employment(self) -> date | None:
        return max(self.employments) if self.employments else None

    def pending_planned(self) -> list[Mark]:
        """Planned steps not yet done: one is done once a step of its kind happened on or
        after its day, or in the :data:`PLANNED_DONE_EARLY_DAYS` days before it (a meeting
        brought forward)."""
        if not self.planned:
            return []
        done: dict[StepKind, date] = {}
        for day, kind in self.done_days:
            if kind not in done or day > done[kind]:
                done[kind] = day
        pending = []
        for mark in self.planned:
            last = done.get(mark.kind)
            if last is None or days_between(last, mark.day) > PLANNED_DONE_EARLY_DAYS:
                pending.append(mark)
        return pending

    def pending_check_ins(self) -> list[CheckInDue]:
        if not self.employments:
            return []
        return check_ins_due(max(self.employments), self.check_ins)
