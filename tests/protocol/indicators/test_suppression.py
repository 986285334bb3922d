"""Small cells are hidden, and nothing hidden can be worked back from what is published."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spie_protocol.indicators import suppression
from spie_protocol.indicators.compute import compute
from spie_protocol.indicators.facts import (
    SCALE,
    ActionFact,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    PersonFacts,
)
from spie_protocol.indicators.suppression import suppress
from spie_protocol.indicators.table import Cell, IndicatorTable
from tests.protocol.indicators.attacker import primary_only, recovered
from tests.protocol.indicators.grids import END, START, grid_table, hidden

M1, M2, M3 = "2026-01", "2026-02", "2026-03"
S1, S2, S3 = "Mission locale", "CCAS", "Cap emploi"

#: rows: structures, columns: months; CCAS in January holds 3 people.
#:          M1  M2  M3 | total
#:   S1     20  30  25 |  75
#:   S2      3  12  40 |  55
#:   S3     15  18  22 |  55
GRID = {
    (M1, S1, ""): 20, (M2, S1, ""): 30, (M3, S1, ""): 25,
    (M1, S2, ""): 3, (M2, S2, ""): 12, (M3, S2, ""): 40,
    (M1, S3, ""): 15, (M2, S3, ""): 18, (M3, S3, ""): 22,
}  # fmt: skip


def test_one_small_cell_hides_the_smallest_cells_that_close_its_row_and_column() -> None:
    table = grid_table("people_oriented", GRID)

    published = suppress(table)

    # S2's row: 12 is its smallest other cell; M1's column: 15. Hiding 12 leaves February's
    # column with one hidden cell, hiding 15 does the same to S3's row: both are closed by
    # the same cell, S3 in February (18), found on the second pass.
    assert hidden(published) == {
        ("people_oriented", M1, S2, ""),
        ("people_oriented", M2, S2, ""),
        ("people_oriented", M1, S3, ""),
        ("people_oriented", M2, S3, ""),
    }
    assert all(cell.value is None for cell in published.cells if cell.suppressed)
    assert recovered(published) == {}


def test_primary_suppression_alone_gives_the_small_cell_away() -> None:
    table = grid_table("people_oriented", GRID)

    leaked = recovered(primary_only(table))

    assert leaked == {("", "people_oriented", M1, S2, ""): 3.0}


def test_a_second_cell_can_need_a_third_across_dimensions() -> None:
    # Two structures, two months, two categories: hiding one small cell forces a chain
    # through the three dimensions, each new suppression leaving another line with one.
    leaves = {
        (m, s, c): 20 + 3 * i
        for i, (m, s, c) in enumerate(
            (m, s, c) for m in (M1, M2) for s in (S1, S2) for c in ("mobilite", "logement")
        )
    }
    leaves[(M1, S1, "mobilite")] = 2
    table = grid_table("offers_linked", leaves)

    published = suppress(table)

    assert recovered(primary_only(table))
    assert recovered(published) == {}
    # A 2×2×2 cube around one cell cannot be closed with fewer than all eight finest cells.
    finest = {(m, s, c) for m, s, c in leaves}
    assert {(m, s, c) for _, m, s, c in hidden(published)} >= finest


def test_a_published_zero_is_not_chosen_before_a_non_zero_cell() -> None:
    leaves = {(M1, S1, ""): 3, (M1, S2, ""): 0, (M1, S3, ""): 10}
    table = grid_table("people_oriented", leaves)

    published = suppress(table)

    assert ("people_oriented", M1, S3, "") in hidden(published)
    assert ("people_oriented", M1, S2, "") not in hidden(published)
    assert recovered(published) == {}


def test_the_total_is_hidden_when_only_zeros_are_left() -> None:
    leaves = {(M1, S1, ""): 3, (M1, S2, ""): 0, (M2, S1, ""): 0, (M2, S2, ""): 0}
    table = grid_table("people_oriented", leaves)

    published = suppress(table)

    # Every total equals the 3 people: all are hidden (primarily, as they hold 3 people).
    assert ("people_oriented", "", "", "") in hidden(published)
    assert recovered(published) == {}


def test_zero_cells_and_large_cells_stay_published() -> None:
    leaves = {(M1, S1, ""): 0, (M1, S2, ""): 9, (M2, S1, ""): 7, (M2, S2, ""): 5}
    table = grid_table("people_oriented", leaves)

    published = suppress(table)

    assert hidden(published) == set()
    assert [cell.value for cell in published.cells] == [cell.value for cell in table.cells]


def test_medians_are_suppressed_below_the_threshold_only_means_with_their_line() -> None:
    # The median of S1 ∪ S2 says nothing exact about S1's; a mean over the only question
    # answered is the total's mean, so that total goes with it.
    cells = (
        Cell("delay_diagnostic", M1, S1, value=12.0, people=4),
        Cell("delay_diagnostic", M1, S2, value=20.0, people=5),
        Cell("delay_diagnostic", M1, "", value=15.0, people=9),
        Cell("evaluation_mean", M1, S1, "clear", value=3.5, people=2),
        Cell("evaluation_mean", M1, S1, "", value=3.2, people=6),
    )
    table = IndicatorTable("974", START, END, cells)

    published = suppress(table)

    assert [cell.suppressed for cell in published.cells] == [True, False, False, True, True]
    assert [cell.value for cell in published.cells] == [None, 20.0, 15.0, None, None]


def _share_table() -> IndicatorTable:
    done = {(M1, S1, ""): 10, (M1, S2, ""): 12, (M1, S3, ""): 2}
    joint = {(M1, S1, ""): 5, (M1, S2, ""): 5, (M1, S3, ""): 1}
    cells = list(grid_table("diagnostics_done", done).cells)
    cells += grid_table("diagnostics_joint", joint).cells
    done_by_key = {(c.month, c.structure): c for c in cells if c.indicator == "diagnostics_done"}
    joint_by_key = {(c.month, c.structure): c for c in cells if c.indicator == "diagnostics_joint"}
    for key, denominator in done_by_key.items():
        numerator = joint_by_key[key].value or 0
        share = round(1000 * numerator / (denominator.value or 1)) / 10
        cells.append(Cell("diagnostics_joint_share", *key, value=share, people=denominator.people))
    return IndicatorTable("974", START, END, tuple(cells))


def test_a_share_is_hidden_with_its_numerator_or_its_denominator() -> None:
    # S3: 2 diagnostics, 1 joint → both counts primary. The done column is closed by S1
    # (10), the joint column by S2 (5, ties broken by name: CCAS first). S2's share rests
    # on 12 people, yet share × its published denominator would give the 5 back; S1's
    # share next to its published numerator would give the 10 back.
    published = suppress(_share_table())

    assert {c for c in hidden(published) if c[1:] == (M1, S1, "") or c[1:] == (M1, S2, "")} == {
        ("diagnostics_done", M1, S1, ""),
        ("diagnostics_joint", M1, S2, ""),
        ("diagnostics_joint_share", M1, S1, ""),
        ("diagnostics_joint_share", M1, S2, ""),
    }
    assert recovered(published) == {}


def test_without_the_share_rule_the_hidden_counts_are_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(suppression, "_shares_to_hide", lambda cells, hidden: set())

    leaked = recovered(suppress(_share_table()))

    assert ("", "diagnostics_joint", M1, S2, "") in leaked
    assert ("", "diagnostics_done", M1, S1, "") in leaked


def test_actions_by_theme_and_by_status_totals_are_hidden_together() -> None:
    themes = {(M1, S1, "emploi"): 12, (M1, S1, "sante"): 9, (M1, S2, "emploi"): 2,
              (M1, S2, "sante"): 1, (M1, S3, "emploi"): 8, (M1, S3, "sante"): 8}  # fmt: skip
    statuses = {
        (m, s, "done" if c == "emploi" else "planned"): v for (m, s, c), v in themes.items()
    }
    cells = (
        grid_table("actions_by_theme", themes).cells
        + grid_table("actions_by_status", statuses).cells
    )
    table = IndicatorTable("974", START, END, cells)

    published = suppress(table)

    by_theme = {c for c in hidden(published) if c[0] == "actions_by_theme" and c[3] == ""}
    by_status = {c for c in hidden(published) if c[0] == "actions_by_status" and c[3] == ""}
    assert {c[1:3] for c in by_theme} == {c[1:3] for c in by_status}
    assert recovered(published) == {}


def test_people_is_never_published_and_suppression_is_idempotent() -> None:
    published = suppress(grid_table("people_oriented", GRID))

    assert all(cell.people == 0 for cell in published.cells)
    assert suppress(published) == published
    assert not published.empty


def test_without_the_twin_rule_a_hidden_action_total_is_given_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Themes: S2 holds 3 actions, closed by S3 (5). Statuses split the same actions so that
    # every status cell is large: nothing in the status lines hides S2's or S3's total.
    themes = {(M1, S1, "emploi"): 30, (M1, S2, "emploi"): 3, (M1, S3, "emploi"): 5}
    statuses = {(M1, s, "done"): 0 for s in (S1, S2, S3)}
    statuses.update({(M1, S1, "planned"): 30, (M1, S2, "planned"): 3, (M1, S3, "planned"): 5})
    cells = (*grid_table("actions_by_theme", themes).cells,
             *[Cell(c.indicator, c.month, c.structure, c.category, c.value, people=40)
               for c in grid_table("actions_by_status", statuses).cells])  # fmt: skip
    table = IndicatorTable("974", START, END, cells)
    assert recovered(suppress(table)) == {}

    monkeypatch.setattr(suppression, "TWIN_TOTALS", ())

    assert ("", "actions_by_theme", M1, S2, "") in recovered(suppress(table))


@settings(max_examples=150, deadline=None)
@given(
    months=st.integers(1, 4),
    structures=st.integers(1, 4),
    categories=st.integers(0, 3),
    values=st.lists(st.integers(0, 12), min_size=64, max_size=64),
)
def test_nothing_hidden_is_ever_given_back(
    months: int, structures: int, categories: int, values: list[int]
) -> None:
    indicator = "offers_linked" if categories else "people_oriented"
    coordinates = [
        (f"2026-{m + 1:02d}", f"S{s}", f"c{c}" if categories else "")
        for m in range(months)
        for s in range(structures)
        for c in range(max(categories, 1))
    ]
    table = grid_table(indicator, dict(zip(coordinates, values, strict=False)))
    truth = {(c.indicator, c.month, c.structure, c.category): c.value for c in table.cells}

    published = suppress(table)

    assert recovered(published) == {}
    assert all(cell.value is None for cell in published.cells if cell.suppressed)
    for cell in table.cells:
        if 0 < cell.people < 5:
            assert (cell.indicator, cell.month, cell.structure, cell.category) in hidden(published)
    # the attacker is honest: on primary suppression alone what it finds is the truth
    for (_, *key), value in recovered(primary_only(table)).items():
        assert truth[tuple(key)] == value


@pytest.mark.parametrize("seed", range(5))
def test_a_computed_territory_gives_nothing_hidden_back(seed: int) -> None:
    rng = random.Random(seed)

    def day() -> date:
        return START + timedelta(days=rng.randrange(0, 90))

    people = [
        PersonFacts(
            structure=rng.choice((S1, S2, S3, "Petite structure")),
            oriented=day(),
            diagnostic=day() if rng.random() < 0.8 else None,
            diagnostic_joint=rng.random() < 0.4,
            plans_signed=tuple(day() for _ in range(rng.randrange(3))),
            actions=tuple(
                ActionFact(
                    rng.choice(("emploi", "sante", "logement")),
                    rng.choice(("planned", "done")),
                    day(),
                )
                for _ in range(rng.randrange(4))
            ),  # fmt: skip
            employment=day() if rng.random() < 0.3 else None,
            check_in_6m=day() if rng.random() < 0.2 else None,
            in_work_6m=rng.random() < 0.6,
        )
        for _ in range(rng.randrange(20, 80))
    ]
    table = compute("974", START, END, people)

    published = suppress(table)

    assert any(cell.suppressed for cell in published.cells)
    assert recovered(published) == {}
    assert recovered(primary_only(table))


def test_a_hidden_month_mean_leaves_no_line_of_means_with_one_hidden_cell() -> None:
    # January: 2 people answered 1 (mean 1.0); February 10 people, mean 3.5; the period
    # mean 3.1 = (2 × 1.0 + 10 × 3.5) / 12 would give January back once 2 and 10 are
    # guessed, so February is hidden too (and with it nothing else is left to close).
    cells = (
        Cell("evaluation_mean", M1, S1, "clear", value=1.0, people=2),
        Cell("evaluation_mean", M2, S1, "clear", value=3.5, people=10),
        Cell("evaluation_mean", M3, S1, "clear", value=3.0, people=40),
        Cell("evaluation_mean", "", S1, "clear", value=3.1, people=52),
    )
    table = IndicatorTable("974", START, END, cells)

    published = suppress(table)

    assert hidden(published) == {
        ("evaluation_mean", M1, S1, "clear"),
        ("evaluation_mean", M2, S1, "clear"),
    }


@pytest.mark.parametrize("seed", range(3))
def test_no_line_of_means_holds_exactly_one_hidden_cell(seed: int) -> None:
    rng = random.Random(seed)
    evaluations = [
        EvaluationFacts(
            structure=rng.choice((S1, S2, S3)),
            month=rng.choice((M1, M2, M3)),
            step=rng.choice(list(EvaluationStep)),
            token=f"token-{rng.randrange(60)}",
            answers={question: rng.choice(SCALE) for question in EvaluationQuestion},
        )
        for _ in range(rng.randrange(15, 45))
    ]
    published = suppress(compute("974", START, END, (), evaluations))

    means = {
        (cell.month, cell.structure, cell.category): cell.suppressed
        for cell in published.cells
        if cell.indicator == "evaluation_mean"
    }
    assert any(means.values())
    for position in range(3):
        lines: dict[tuple[str, ...], int] = {}
        for key, suppressed in means.items():
            if key[position]:
                total = tuple("" if index == position else part for index, part in enumerate(key))
                lines[total] = lines.get(total, 0) + suppressed
        for total, count in lines.items():
            assert count + means[total] != 1, (position, total)
