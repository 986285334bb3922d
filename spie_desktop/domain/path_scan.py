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
        self.kinds: set[StepKind] = set()
        self.planned: list[Mark] = []
        self.done_days: list[tuple[date, StepKind]] = []
        self.check_ins: list[Mark] = []
        self.employments: list[date] = []
        #: Ends and starts as (day, 0 = end, 1 = start), for the delays between steps.
        self.points: list[tuple[date, int]] = []
        self.last_done: date | None = None
        self.last_contact: date | None = None
        self.first_orientation: date | None = None
        self.last_orientation: date | None = None
        self.first_diagnostic: date | None = None
        self.first_action: date | None = None
        self.last_end: date | None = None
        self.last_start: date | None = None
        for mark in marks:
            if mark.planned:
                self.planned.append(mark)
                continue
            kind, day = mark.kind, mark.day
            self.kinds.add(kind)
            self.done_days.append((day, kind))
            if self.last_done is None or day > self.last_done:
                self.last_done = day
            if kind in CONTACT_KINDS:
                if self.last_contact is None or day > self.last_contact:
                    self.last_contact = day
                if kind is RecordedKind.DIAGNOSTIC_DONE and (
                    self.first_diagnostic is None or day < self.first_diagnostic
                ):
                    self.first_diagnostic = day
            elif kind in START_KINDS:
                self.points.append((day, 1))
                if self.last_start is None or day > self.last_start:
                    self.last_start = day
                if kind is FollowUpKind.EMPLOYMENT:
                    self.employments.append(day)
                elif kind is RecordedKind.ACTION_STARTED and (
                    self.first_action is None or day < self.first_action
                ):
                    self.first_action = day
            elif kind in END_KINDS:
                self.points.append((day, 0))
                if self.last_end is None or day > self.last_end:
                    self.last_end = day
            elif kind is FollowUpKind.ORIENTATION:
                if self.last_orientation is None or day > self.last_orientation:
                    self.last_orientation = day
                if self.first_orientation is None or day < self.first_orientation:
                    self.first_orientation = day
            if kind is FollowUpKind.CHECK_IN:
                self.check_ins.append(mark)

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
