"""Every indicator of :mod:`.definitions` computed from a territory's facts over a period.

One pass over the facts files each figure under its finest cell (indicator, month,
structure, category) with the person behind it; the totals (month "" = the whole period,
structure "" = every structure, category "" = every category) are then unions of those cells,
so a total is never a sum of rounded figures and a person is never counted twice in it.

Only days in [start, end] count, each on the month of the day the figure is about. The table
holds a cell for every indicator, every month of the period that has data (and ""), every
structure that has data in the period (and "") and every category seen (and ""): a missing
figure is a zero (or no value for a median, a share or a mean), never a gap.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

from spie_protocol.indicators.definitions import DEFINITIONS, EVENT_COUNTS, Definition
from spie_protocol.indicators.facts import (
    SATISFIED_FROM,
    SCALE,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    PersonFacts,
)
from spie_protocol.indicators.table import Cell, IndicatorTable

#: A person (their rank among the facts) or an evaluation token.
Who = int | str
_Key = tuple[str, str, str, str]  # indicator, month, structure, category

#: Categories that are always listed, even when nothing fell in them.
_FIXED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "step": tuple(step.value for step in EvaluationStep),
    "question": tuple(question.value for question in EvaluationQuestion),
}
_QUESTIONS = frozenset(_FIXED_CATEGORIES["question"])


def month_key(day: date) -> str:
    """The month a day is counted on, as cells key it: "YYYY-MM"."""
    return f"{day.year:04d}-{day.month:02d}"


class _Observations:
    """The figures of the period at their finest cell: values and who is behind each."""

    def __init__(self, start: date, end: date) -> None:
        self.start = start
        self.end = end
        self.first_month = month_key(start)
        self.last_month = month_key(end)
        #: Per finest cell, the values and, in the same order, who each is about.
        self.cells: dict[_Key, tuple[list[int], list[Who]]] = {}
        self._months: dict[date, str] = {}

    def on_day(
        self, indicator: str, day: date, structure: str, category: str, value: int, who: Who
    ) -> None:
        if day < self.start or day > self.end:
            return
        month = self._months.get(day)
        if month is None:
            month = self._months[day] = month_key(day)
        # on_month inlined: this runs once per figure, a million times for a large territory.
        key = (indicator, month, structure, category)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = ([], [])
        cell[0].append(value)
        cell[1].append(who)

    def on_month(
        self, indicator: str, month: str, structure: str, category: str, value: int, who: Who
    ) -> None:
        key = (indicator, month, structure, category)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = ([], [])
        cell[0].append(value)
        cell[1].append(who)


def _observe_person(seen: _Observations, who: int, person: PersonFacts) -> None:
    on_day = seen.on_day
    structure = person.structure
    oriented = person.oriented
    if oriented is not None:
        on_day("people_oriented", oriented, structure, "", 1, who)
    if person.diagnostic is not None:
        joint = 1 if person.diagnostic_joint else 0
        on_day("diagnostics_done", person.diagnostic, structure, "", 1, who)
        if joint:
            on_day("diagnostics_joint", person.diagnostic, structure, "", 1, who)
        on_day("diagnostics_joint_share", person.diagnostic, structure, "", joint, who)
    if oriented is not None:
        for indicator, day in (
            ("delay_first_contact", person.first_contact),
            ("delay_diagnostic", person.diagnostic),
            ("delay_first_action", person.first_action),
        ):
            # A day before the orientation is a typing error, not a negative delay.
            if day is not None and day >= oriented:
                on_day(indicator, day, structure, "", (day - oriented).days, who)
    steps = sorted(person.steps)
    for earlier, later in zip(steps, steps[1:], strict=False):
        on_day("days_between_steps", later, structure, "", (later - earlier).days, who)
    for day in person.plans_signed:
        on_day("plans_signed", day, structure, "", 1, who)
    for action in person.actions:
        on_day("actions_by_theme", action.day, structure, action.theme, 1, who)
        on_day("actions_by_status", action.day, structure, action.status, 1, who)
    for offer in person.offers:
        on_day("offers_linked", offer.day, structure, offer.thematique, 1, who)
    for day in person.immersions:
        on_day("immersions", day, structure, "", 1, who)
    if person.employment is not None:
        on_day("returns_to_work", person.employment, structure, "", 1, who)
    if person.check_in_6m is not None and person.in_work_6m is not None:
        in_work = 1 if person.in_work_6m else 0
        on_day("check_ins_6m", person.check_in_6m, structure, "", 1, who)
        if in_work:
            on_day("in_work_6m", person.check_in_6m, structure, "", 1, who)
        on_day("in_work_6m_share", person.check_in_6m, structure, "", in_work, who)


def _observe_evaluation(seen: _Observations, evaluation: EvaluationFacts) -> None:
    month = evaluation.month
    if len(month) != 7 or not seen.first_month <= month <= seen.last_month:
        return
    structure, token = evaluation.structure, evaluation.token
    seen.on_month("evaluations", month, structure, str(evaluation.step), 1, token)
    for question, answer in evaluation.answers.items():
        if str(question) not in _QUESTIONS or answer not in SCALE:
            continue
        satisfied = 1 if answer >= SATISFIED_FROM else 0
        seen.on_month("evaluation_mean", month, structure, str(question), answer, token)
        seen.on_month(
            "evaluation_satisfied_share", month, structure, str(question), satisfied, token
        )
    if evaluation.wants_groups:
        seen.on_month("evaluation_wants_groups", month, structure, "", 1, token)


def _with_total(value: str) -> tuple[str, ...]:
    return (value, "") if value else ("",)


def _roll_up(seen: _Observations) -> tuple[dict[_Key, list[int]], dict[_Key, set[Who]]]:
    """Every cell, totals included: each finest cell poured into the totals above it."""
    values: dict[_Key, list[int]] = {}
    people: dict[_Key, set[Who]] = {}
    for (indicator, month, structure, category), (found, who) in seen.cells.items():
        for total_month in _with_total(month):
            for total_structure in _with_total(structure):
                for total_category in _with_total(category):
                    target = (indicator, total_month, total_structure, total_category)
                    if target in values:
                        values[target].extend(found)
                        people[target].update(who)
                    else:
                        values[target] = list(found)
                        people[target] = set(who)
    return values, people


def _tenths(value: Fraction) -> float:
    """Rounded to one decimal, halves up (12.25 → 12.3), exactly."""
    return math.floor(value * 10 + Fraction(1, 2)) / 10


def _figure(definition: Definition, values: list[int], people: set[Who]) -> float | None:
    if definition.kind == "count":
        return len(values) if definition.key in EVENT_COUNTS else len(people)
    if not values:
        return None
    if definition.kind == "median":
        return float(statistics.median(values))
    if definition.kind == "mean":
        return _tenths(Fraction(sum(values), len(values)))
    return _tenths(Fraction(100 * sum(values), len(values)))


def compute(
    territory: str,
    start: date,
    end: date,
    people: Iterable[PersonFacts],
    evaluations: Iterable[EvaluationFacts] = (),
) -> IndicatorTable:
    """Every indicator of the territory over [start, end], by month and structure."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
    seen = _Observations(start, end)
    for who, person in enumerate(people):
        _observe_person(seen, who, person)
    for evaluation in evaluations:
        _observe_evaluation(seen, evaluation)

    months = {""} | {month for _, month, _, _ in seen.cells}
    structures = {""} | {structure for _, _, structure, _ in seen.cells}
    categories: dict[str, set[str]] = {key: {""} for key in DEFINITIONS}
    for indicator, _, _, category in seen.cells:
        categories[indicator].add(category)
    for definition in DEFINITIONS.values():
        categories[definition.key].update(_FIXED_CATEGORIES.get(definition.categories, ()))

    values, people_behind = _roll_up(seen)
    cells: list[Cell] = []
    for definition in DEFINITIONS.values():
        for month in sorted(months):
            for structure in sorted(structures):
                for category in sorted(categories[definition.key]):
                    key = (definition.key, month, structure, category)
                    found, behind = values.get(key, []), people_behind.get(key, set())
                    cells.append(
                        Cell(
                            indicator=definition.key,
                            month=month,
                            structure=structure,
                            category=category,
                            value=_figure(definition, found, behind),
                            people=len(behind),
                        )
                    )
    return IndicatorTable(
        territory=territory, period_start=start, period_end=end, cells=tuple(cells)
    )
