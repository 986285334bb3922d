"""One pass over a person's marks: what the point de situation and its summary need.

The scan reads a person's marks reduced to :class:`PathDays`: for each kind of step done,
its first and last day; every day of the steps that start or end something (the delays
between steps and the returns to work need each one); the check-ins and the planned steps
as they are. The reduction is exact — a scan of the reduced marks equals a scan of all of
them — so the point de situation can reduce 100,000 events while reading them (see
``storage.path_reads.event_digests``) and still follow the same rules.
"""

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

#: Done steps of which every day counts, not just the first and the last.
SEQUENCE_KINDS = START_KINDS | END_KINDS
#: Done steps whose first day counts (the others: their last day only).
FIRST_DAY_KINDS = frozenset(
    {FollowUpKind.ORIENTATION, RecordedKind.DIAGNOSTIC_DONE, RecordedKind.ACTION_STARTED}
)


class PathDays:
    """A person's marks reduced to what :class:`PathScan` reads (order kept within each
    list: the check-ins and planned steps are read in the order they came)."""

    __slots__ = ("check_ins", "first", "last", "planned", "sequence")

    def __init__(self) -> None:
        #: Kind of done step → its first day (kinds of :data:`FIRST_DAY_KINDS` only).
        self.first: dict[StepKind, date] = {}
        #: Kind of done step → its last day.
        self.last: dict[StepKind, date] = {}
        #: Every done step of :data:`SEQUENCE_KINDS`, as (day, kind).
        self.sequence: list[tuple[date, StepKind]] = []
        #: Done check-ins (their month and "still in work" count).
        self.check_ins: list[Mark] = []
        self.planned: list[Mark] = []

    def add(self, mark: Mark) -> None:
        if mark.planned:
            self.planned.append(mark)
            return
        self.add_done(mark.kind, mark.day)
        if mark.kind is FollowUpKind.CHECK_IN:
            self.check_ins.append(mark)

    def add_done(self, kind: StepKind, day: date) -> None:
        """A done step, apart from a check-in's own details (see :meth:`add`)."""
        last = self.last.get(kind)
        if last is None or day > last:
            self.last[kind] = day
        if kind in FIRST_DAY_KINDS:
            first = self.first.get(kind)
            if first is None or day < first:
                self.first[kind] = day
        if kind in SEQUENCE_KINDS:
            self.sequence.append((day, kind))


class PathScan:
    """What the situation and the summary need of a person's marks, in one pass."""

    __slots__ = (
        "check_ins",
        "employments",
        "first_action",
        "first_diagnostic",
        "first_orientation",
        "kinds",
        "last_contact",
        "last_days",
        "last_done",
        "last_end",
        "last_orientation",
        "last_start",
        "planned",
        "points",
    )

    def __init__(self, marks: Iterable[Mark]) -> None:
        days = PathDays()
        for mark in marks:
            days.add(mark)
        self._read(days)

    @classmethod
    def of_days(cls, days: PathDays) -> PathScan:
        """The scan of marks already reduced (the same as the scan of the marks)."""
        scan = cls.__new__(cls)
        scan._read(days)
        return scan

    def _read(self, days: PathDays) -> None:
        last = days.last
        self.kinds: set[StepKind] = set(last)
        #: Kind of done step → its last day.
        self.last_days: dict[StepKind, date] = last
        self.planned: list[Mark] = days.planned
        self.check_ins: list[Mark] = days.check_ins
        #: Ends and starts as (day, 0 = end, 1 = start), for the delays between steps.
        self.points: list[tuple[date, int]] = [
            (day, 1 if kind in START_KINDS else 0) for day, kind in days.sequence
        ]
        self.employments: list[date] = [
            day for day, kind in days.sequence if kind is FollowUpKind.EMPLOYMENT
        ]
        self.last_done: date | None = None
        self.last_contact: date | None = None
        self.last_start: date | None = None
        self.last_end: date | None = None
        for kind, day in last.items():
            if self.last_done is None or day > self.last_done:
                self.last_done = day
            if kind in CONTACT_KINDS:
                if self.last_contact is None or day > self.last_contact:
                    self.last_contact = day
            elif kind in START_KINDS:
                if self.last_start is None or day > self.last_start:
                    self.last_start = day
            elif kind in END_KINDS and (self.last_end is None or day > self.last_end):
                self.last_end = day
        self.last_orientation = last.get(FollowUpKind.ORIENTATION)
        first = days.first
        self.first_orientation = first.get(FollowUpKind.ORIENTATION)
        self.first_diagnostic = first.get(RecordedKind.DIAGNOSTIC_DONE)
        self.first_action = first.get(RecordedKind.ACTION_STARTED)

    @property
    def last_employment(self) -> date | None:
        return max(self.employments) if self.employments else None

    def pending_planned(self) -> list[Mark]:
        """Planned steps not yet done: one is done once a step of its kind happened on or
        after its day, or in the :data:`PLANNED_DONE_EARLY_DAYS` days before it (a meeting
        brought forward)."""
        if not self.planned:
            return []
        done = self.last_days
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
