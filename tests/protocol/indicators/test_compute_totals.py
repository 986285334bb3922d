"""The period's edges, the empty period, typing errors, and what the "" totals mean."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from spie_protocol.indicators.compute import compute, month_key
from spie_protocol.indicators.definitions import DEFINITIONS, EVENT_COUNTS
from spie_protocol.indicators.facts import ActionFact, EvaluationFacts, PersonFacts
from spie_protocol.indicators.table import Cell, IndicatorTable
from tests.protocol.indicators.known_territory import (
    END,
    EVALUATIONS,
    FEB,
    JAN,
    MAR,
    PEOPLE,
    START,
    B,
)

Key = tuple[str, str, str, str]


def _cells(table: IndicatorTable) -> dict[Key, Cell]:
    return {(c.indicator, c.month, c.structure, c.category): c for c in table.cells}


def _whole(table: IndicatorTable, indicator: str, category: str = "") -> tuple[float | None, int]:
    cell = _cells(table)[(indicator, "", "", category)]
    return cell.value, cell.people


@pytest.mark.parametrize(
    ("people", "evaluations"),
    [((), ()), (PEOPLE, EVALUATIONS)],
    ids=["no facts", "facts all outside"],
)
def test_an_empty_period_has_one_total_per_indicator_and_no_division(
    people: tuple[PersonFacts, ...], evaluations: tuple[EvaluationFacts, ...]
) -> None:
    table = compute("973", date(2027, 1, 1), date(2027, 3, 31), people, evaluations)
    assert table.empty
    assert {(c.month, c.structure) for c in table.cells} == {("", "")}
    for cell in table.cells:
        assert cell.people == 0
        if DEFINITIONS[cell.indicator].kind == "count":
            assert cell.value == 0
        else:  # a median, share or mean over nobody: no value
            assert cell.value is None
    # Steps and questions stay listed; themes, statuses and thématiques seen only outside
    # the period do not.
    assert {c.category for c in table.cells if c.indicator == "evaluation_mean"} == {
        "",
        "clear",
        "listened",
        "agree",
        "useful",
    }
    assert {c.category for c in table.cells if c.indicator == "actions_by_theme"} == {""}


def test_the_first_and_last_days_count_and_the_days_around_them_do_not() -> None:
    def person(day: date) -> PersonFacts:
        return PersonFacts(
            structure="A",
            oriented=day,
            diagnostic=day,
            plans_signed=(day,),
            actions=(ActionFact("mobilite", "planned", day),),
            immersions=(day,),
        )

    days = (date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 1))
    table = compute("973", date(2026, 3, 1), date(2026, 3, 31), [person(d) for d in days])
    for indicator in ("people_oriented", "diagnostics_done", "plans_signed", "immersions"):
        assert _whole(table, indicator) == (2, 2), indicator
    assert _whole(table, "actions_by_theme", "mobilite") == (2, 2)
    assert {c.month for c in table.cells} == {"", "2026-03"}


def test_a_day_typed_before_the_orientation_is_no_delay_but_still_counts() -> None:
    oriented = date(2026, 3, 10)
    before = date(2026, 3, 2)
    person = PersonFacts(
        structure="A",
        oriented=oriented,
        first_contact=before,
        diagnostic=before,
        first_action=before,
    )
    on_time = PersonFacts(structure="A", oriented=oriented, diagnostic=date(2026, 3, 14))
    table = compute("973", date(2026, 3, 1), date(2026, 3, 31), [person, on_time])
    assert _whole(table, "delay_first_contact") == (None, 0)
    assert _whole(table, "delay_first_action") == (None, 0)
    # Only the second person's 4 days; not the median of (-8, 4) = -2.
    assert _whole(table, "delay_diagnostic") == (4.0, 1)
    assert _whole(table, "diagnostics_done") == (2, 2)
    # Same-day contact is a delay of 0, not a typing error.
    same_day = dataclasses.replace(person, first_contact=oriented)
    table = compute("973", date(2026, 3, 1), date(2026, 3, 31), [same_day])
    assert _whole(table, "delay_first_contact") == (0.0, 1)


def test_the_all_structures_cells_are_the_structures_taken_together() -> None:
    """Merging every structure into one gives that one's cells exactly the "" cells."""
    table = _cells(compute("973", START, END, PEOPLE, EVALUATIONS))
    merged_people = [dataclasses.replace(p, structure="Tous") for p in PEOPLE]
    merged_evaluations = [dataclasses.replace(e, structure="Tous") for e in EVALUATIONS]
    merged = _cells(compute("973", START, END, merged_people, merged_evaluations))
    checked = 0
    for (indicator, month, structure, category), cell in merged.items():
        if structure != "Tous":
            continue
        total = table[(indicator, month, "", category)]
        assert (cell.value, cell.people) == (total.value, total.people)
        checked += 1
    assert checked == len([key for key in table if key[2] == ""])
    # And counts add up across structures (each person and token has one structure here).
    for (indicator, month, structure, category), total in table.items():
        if structure or DEFINITIONS[indicator].kind != "count":
            continue
        parts = [
            cell
            for (i, m, s, c), cell in table.items()
            if (i, m, c) == (indicator, month, category) and s
        ]
        assert total.value == sum(cell.value or 0 for cell in parts)
        assert total.people == sum(cell.people for cell in parts)


@pytest.mark.parametrize(
    ("month", "start", "end"),
    [
        (JAN, date(2026, 1, 1), date(2026, 1, 31)),
        (FEB, date(2026, 2, 1), date(2026, 2, 28)),
        (MAR, date(2026, 3, 1), date(2026, 3, 31)),
    ],
)
def test_a_month_cell_is_that_month_computed_as_a_period(
    month: str, start: date, end: date
) -> None:
    three_months = _cells(compute("973", START, END, PEOPLE, EVALUATIONS))
    one_month = _cells(compute("973", start, end, PEOPLE, EVALUATIONS))
    for (indicator, cell_month, structure, category), cell in one_month.items():
        assert cell_month in ("", month)
        found = three_months[(indicator, month, structure, category)]
        assert (found.value, found.people) == (cell.value, cell.people)


def test_the_whole_period_cells_add_up_the_months_counts() -> None:
    table = _cells(compute("973", START, END, PEOPLE, EVALUATIONS))
    for (indicator, month, structure, category), total in table.items():
        if month or DEFINITIONS[indicator].kind != "count":
            continue
        months = [table[(indicator, m, structure, category)] for m in (JAN, FEB, MAR)]
        if indicator == "evaluation_wants_groups":
            # Distinct people: tok-1 said yes in January and in February, counted once.
            assert total.value == sum(cell.value or 0 for cell in months) - (structure != B)
            continue
        assert total.value == sum(cell.value or 0 for cell in months)
        if indicator not in EVENT_COUNTS:
            # A person is oriented, diagnosed, back in work… once: people add up too.
            assert total.people == sum(cell.people for cell in months)


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        compute("973", date(2026, 3, 1), date(2026, 2, 1), PEOPLE)


def test_months_are_keyed_year_dash_month() -> None:
    assert month_key(date(2026, 3, 9)) == "2026-03"
    assert month_key(date(987, 12, 31)) == "0987-12"
