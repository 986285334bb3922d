"""The summary strip of the point de situation: counts, median delays, a monthly trend."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

from .local_calendar import add_months, days_between, first_of_month
from .parcours import Mark
from .situation import PathScan, PersonSituation, Stage

#: The "without contact for…" counts of the strip.
WITHOUT_CONTACT_DAYS = (30, 60, 90)
#: Months in the trend, this one included.
TREND_MONTHS = 12


@dataclass(frozen=True, slots=True)
class MonthTrend:
    month: date  # first day of the month
    oriented: int
    diagnosed: int
    first_actions: int
    back_in_work: int


@dataclass(frozen=True, slots=True)
class Summary:
    people: int
    with_alerts: int
    #: {30: n, 60: n, 90: n}: people (support not ended) without contact for at least that
    #: many days (since orientation when never seen).
    without_contact: dict[int, int]
    median_orientation_to_diagnostic: float | None
    median_diagnostic_to_first_action: float | None
    #: Median days from the end of one step to the start of the next.
    median_between_steps: float | None
    trend: tuple[MonthTrend, ...]


@dataclass(frozen=True, slots=True)
class PathMilestones:
    """A person's first days of each milestone, and the end-to-start gaps of their path."""

    orientation: date | None
    diagnostic: date | None
    first_action: date | None
    employments: tuple[date, ...]
    gaps: tuple[int, ...]


def milestones_of(marks: Iterable[Mark] | PathScan) -> PathMilestones:
    scan = marks if isinstance(marks, PathScan) else PathScan(marks)
    gaps = []
    pending_end: date | None = None
    for day, is_start in sorted(scan.points):
        if not is_start:
            pending_end = day
        elif pending_end is not None:
            gaps.append(days_between(pending_end, day))
            pending_end = None
    return PathMilestones(
        scan.first_orientation,
        scan.first_diagnostic,
        scan.first_action,
        tuple(scan.employments),
        tuple(gaps),
    )


def summarise(
    situations: Sequence[PersonSituation],
    milestones: Sequence[PathMilestones],
    today: date,
) -> Summary:
    """Figures over everyone (both sequences in the same order, one entry per person)."""
    without = dict.fromkeys(WITHOUT_CONTACT_DAYS, 0)
    for situation in situations:
        days = situation.days_without_contact
        if days is None or situation.stage is Stage.ENDED:
            continue
        for threshold in WITHOUT_CONTACT_DAYS:
            if days >= threshold:
                without[threshold] += 1
    to_diagnostic = [
        days_between(m.orientation, m.diagnostic)
        for m in milestones
        if m.orientation is not None and m.diagnostic is not None and m.diagnostic >= m.orientation
    ]
    to_action = [
        days_between(m.diagnostic, m.first_action)
        for m in milestones
        if m.diagnostic is not None
        and m.first_action is not None
        and m.first_action >= m.diagnostic
    ]
    gaps = [gap for m in milestones for gap in m.gaps]
    return Summary(
        people=len(situations),
        with_alerts=sum(1 for s in situations if s.alerts),
        without_contact=without,
        median_orientation_to_diagnostic=_median(to_diagnostic),
        median_diagnostic_to_first_action=_median(to_action),
        median_between_steps=_median(gaps),
        trend=monthly_trend(milestones, today),
    )


def monthly_trend(milestones: Sequence[PathMilestones], today: date) -> tuple[MonthTrend, ...]:
    """Per month over the last :data:`TREND_MONTHS` months: people oriented, diagnosed,
    starting their first action, back in work."""
    first = add_months(first_of_month(today), -(TREND_MONTHS - 1))
    months = [add_months(first, i) for i in range(TREND_MONTHS)]
    counts = {month: [0, 0, 0, 0] for month in months}

    def count(day: date | None, column: int) -> None:
        if day is not None and day >= first:
            row = counts.get(first_of_month(day))
            if row is not None:
                row[column] += 1

    for m in milestones:
        count(m.orientation, 0)
        count(m.diagnostic, 1)
        count(m.first_action, 2)
        for day in m.employments:
            count(day, 3)
    return tuple(MonthTrend(month, *counts[month]) for month in months)


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None
