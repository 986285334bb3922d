"""Every figure of the known territory's evaluations, worked out by hand.

In the period: E1 (A Jan, tok-1: clear 4, listened 3, agree 2, useful 4), E2 (A Feb,
tok-1: clear 3, listened 4), E3 (B Jan, tok-2: 1, 2, 3, 3), E4 (B Mar, tok-3: 4, 4, 4, 1),
E6 (A Jan, tok-5: clear 2, useful 5 off the scale). ``people`` counts distinct tokens. Rows
are (January, February, March, whole period) for A, B and every structure.
"""

from __future__ import annotations

from spie_protocol.indicators.compute import compute
from tests.protocol.indicators.known_territory import (
    END,
    EVALUATIONS,
    NONE,
    PEOPLE,
    START,
    ZERO,
    Figure,
    grid,
)

EXPECTED: dict[tuple[str, str, str, str], Figure] = {
    # Interview: E1 E6 (A Jan), E3 (B Jan); E5 is in April.
    **grid(
        "evaluations",
        "interview",
        ((2, 2), ZERO, ZERO, (2, 2)),
        ((1, 1), ZERO, ZERO, (1, 1)),
        ((3, 3), ZERO, ZERO, (3, 3)),
    ),
    **grid(
        "evaluations",
        "plan_review",
        (ZERO, (1, 1), ZERO, (1, 1)),
        (ZERO, ZERO, ZERO, ZERO),
        (ZERO, (1, 1), ZERO, (1, 1)),
    ),
    **grid(
        "evaluations",
        "check_in_6m",
        (ZERO, ZERO, ZERO, ZERO),
        (ZERO, ZERO, (1, 1), (1, 1)),
        (ZERO, ZERO, (1, 1), (1, 1)),
    ),
    # Every step: A has 3 evaluations by 2 people (tok-1 twice); all 5 by 4.
    **grid(
        "evaluations",
        "",
        ((2, 2), (1, 1), ZERO, (3, 2)),
        ((1, 1), ZERO, (1, 1), (2, 2)),
        ((3, 3), (1, 1), (1, 1), (5, 4)),
    ),
    # Clear: A Jan (4 + 2) / 2 = 3; A (4 + 3 + 2) / 3 = 3; B (1 + 4) / 2 = 2.5;
    # Jan (4 + 1 + 2) / 3 = 2.33 → 2.3; all 14 / 5 = 2.8.
    **grid(
        "evaluation_mean",
        "clear",
        ((3.0, 2), (3.0, 1), NONE, (3.0, 2)),
        ((1.0, 1), NONE, (4.0, 1), (2.5, 2)),
        ((2.3, 3), (3.0, 1), (4.0, 1), (2.8, 4)),
    ),
    # Listened: A (3 + 4) / 2 = 3.5 by tok-1 alone; B (2 + 4) / 2 = 3; Jan (3 + 2) / 2 = 2.5;
    # all 13 / 4 = 3.25 → 3.3 (halves round up).
    **grid(
        "evaluation_mean",
        "listened",
        ((3.0, 1), (4.0, 1), NONE, (3.5, 1)),
        ((2.0, 1), NONE, (4.0, 1), (3.0, 2)),
        ((2.5, 2), (4.0, 1), (4.0, 1), (3.3, 3)),
    ),
    # Agree: B (3 + 4) / 2 = 3.5; Jan (2 + 3) / 2 = 2.5; all 9 / 3 = 3.
    **grid(
        "evaluation_mean",
        "agree",
        ((2.0, 1), NONE, NONE, (2.0, 1)),
        ((3.0, 1), NONE, (4.0, 1), (3.5, 2)),
        ((2.5, 2), NONE, (4.0, 1), (3.0, 3)),
    ),
    # Useful (E6's 5 left out, so tok-5 is not behind it): B (3 + 1) / 2 = 2;
    # Jan (4 + 3) / 2 = 3.5; all 8 / 3 = 2.67 → 2.7.
    **grid(
        "evaluation_mean",
        "useful",
        ((4.0, 1), NONE, NONE, (4.0, 1)),
        ((3.0, 1), NONE, (1.0, 1), (2.0, 2)),
        ((3.5, 2), NONE, (1.0, 1), (2.7, 3)),
    ),
    # Every answer: A Jan (4+3+2+4 + 2) / 5 = 3; A Feb (3 + 4) / 2 = 3.5; A 22 / 7 = 3.14
    # → 3.1; B Jan 9 / 4 = 2.25 → 2.3; B Mar 13 / 4 = 3.25 → 3.3; B 22 / 8 = 2.75 → 2.8;
    # Jan 24 / 9 = 2.67 → 2.7; all 44 / 15 = 2.93 → 2.9.
    **grid(
        "evaluation_mean",
        "",
        ((3.0, 2), (3.5, 1), NONE, (3.1, 2)),
        ((2.3, 1), NONE, (3.3, 1), (2.8, 2)),
        ((2.7, 3), (3.5, 1), (3.3, 1), (2.9, 4)),
    ),
    # Satisfied (3 or 4), clear: A Jan 1 of 2; A 2 of 3 = 66.7; B 1 of 2; Jan 1 of 3 = 33.3;
    # all 3 of 5.
    **grid(
        "evaluation_satisfied_share",
        "clear",
        ((50.0, 2), (100.0, 1), NONE, (66.7, 2)),
        ((0.0, 1), NONE, (100.0, 1), (50.0, 2)),
        ((33.3, 3), (100.0, 1), (100.0, 1), (60.0, 4)),
    ),
    # Listened: only E3's 2 is not satisfied: all 3 of 4.
    **grid(
        "evaluation_satisfied_share",
        "listened",
        ((100.0, 1), (100.0, 1), NONE, (100.0, 1)),
        ((0.0, 1), NONE, (100.0, 1), (50.0, 2)),
        ((50.0, 2), (100.0, 1), (100.0, 1), (75.0, 3)),
    ),
    # Agree: E1's 2 is not: all 2 of 3 = 66.7.
    **grid(
        "evaluation_satisfied_share",
        "agree",
        ((0.0, 1), NONE, NONE, (0.0, 1)),
        ((100.0, 1), NONE, (100.0, 1), (100.0, 2)),
        ((50.0, 2), NONE, (100.0, 1), (66.7, 3)),
    ),
    # Useful: E4's 1 is not: all 2 of 3 = 66.7.
    **grid(
        "evaluation_satisfied_share",
        "useful",
        ((100.0, 1), NONE, NONE, (100.0, 1)),
        ((100.0, 1), NONE, (0.0, 1), (50.0, 2)),
        ((100.0, 2), NONE, (0.0, 1), (66.7, 3)),
    ),
    # Every answer: A Jan 3 of 5; A 5 of 7 = 71.4; B Jan 2 of 4; B Mar 3 of 4; B 5 of 8 =
    # 62.5; Jan 5 of 9 = 55.6; all 10 of 15 = 66.7.
    **grid(
        "evaluation_satisfied_share",
        "",
        ((60.0, 2), (100.0, 1), NONE, (71.4, 2)),
        ((50.0, 1), NONE, (75.0, 1), (62.5, 2)),
        ((55.6, 3), (100.0, 1), (75.0, 1), (66.7, 4)),
    ),
    # Would join the groups: tok-1 (E1 A Jan, E2 A Feb), tok-3 (B Mar), tok-5 (A Jan): tok-1
    # counts once in A's period; E3 said no, E5 is in April.
    **grid(
        "evaluation_wants_groups",
        "",
        ((2, 2), (1, 1), ZERO, (2, 2)),
        (ZERO, ZERO, (1, 1), (1, 1)),
        ((2, 2), (1, 1), (1, 1), (3, 3)),
    ),
}

EVALUATION_INDICATORS = {indicator for indicator, _, _, _ in EXPECTED}


def test_every_evaluation_figure_of_the_known_territory() -> None:
    table = compute("973", START, END, PEOPLE, EVALUATIONS)
    found = {
        (cell.indicator, cell.month, cell.structure, cell.category): (cell.value, cell.people)
        for cell in table.cells
        if cell.indicator in EVALUATION_INDICATORS
    }
    assert found == EXPECTED


def test_every_step_and_question_is_listed_even_unanswered() -> None:
    """A dashboard shows the four questions and three steps, answered or not."""
    only_one = [EVALUATIONS[1]]  # E2: a plan review answering "clear" and "listened"
    table = compute("973", START, END, (), only_one)
    means = {
        cell.category: cell.value
        for cell in table.cells
        if cell.indicator == "evaluation_mean" and cell.structure == "" and cell.month == ""
    }
    assert means == {"": 3.5, "clear": 3.0, "listened": 4.0, "agree": None, "useful": None}
    steps = {
        cell.category: cell.value
        for cell in table.cells
        if cell.indicator == "evaluations" and cell.structure == "" and cell.month == ""
    }
    assert steps == {"": 1, "interview": 0, "plan_review": 1, "check_in_6m": 0}
