"""Every figure of the known territory's paths, worked out by hand.

Each row is (January, February, March, whole period) of (value, people) for structure A,
structure B and every structure; the comment above says where the figures come from (see
known_territory.py for the people). The evaluation figures are in test_compute_evaluations.
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
    # Oriented in the period: P1 (A Jan), P3 (A Feb), P4 (A Mar), P5 P6 (B Jan), P7 (B Feb);
    # P2 and P8 before it.
    **grid(
        "people_oriented",
        "",
        ((1, 1), (1, 1), (1, 1), (3, 3)),
        ((2, 2), (1, 1), ZERO, (3, 3)),
        ((3, 3), (2, 2), (1, 1), (6, 6)),
    ),
    # Diagnostics: P1 (A Jan), P2 (A Feb), P3 (A Mar), P5 (B Jan), P6 P7 (B Feb).
    **grid(
        "diagnostics_done",
        "",
        ((1, 1), (1, 1), (1, 1), (3, 3)),
        ((1, 1), (2, 2), ZERO, (3, 3)),
        ((2, 2), (3, 3), (1, 1), (6, 6)),
    ),
    # Joint: P1 (A Jan), P3 (A Mar), P6 (B Feb); P8's is in April.
    **grid(
        "diagnostics_joint",
        "",
        ((1, 1), ZERO, (1, 1), (2, 2)),
        (ZERO, (1, 1), ZERO, (1, 1)),
        ((1, 1), (1, 1), (1, 1), (3, 3)),
    ),
    # Joint / done: A 1/1, 0/1, 1/1, 2/3 = 66.7; B 0/1, 1/2, -, 1/3 = 33.3;
    # all 1/2, 1/3 = 33.3, 1/1, 3/6. People: the diagnosed.
    **grid(
        "diagnostics_joint_share",
        "",
        ((100.0, 1), (0.0, 1), (100.0, 1), (66.7, 3)),
        ((0.0, 1), (50.0, 2), NONE, (33.3, 3)),
        ((50.0, 2), (33.3, 3), (100.0, 1), (50.0, 6)),
    ),
    # Orientation → contact: P1 3 (A Jan), P2 13 (A Jan), P4 2 (A Mar), P5 0 (B Jan),
    # P6 14 (B Feb); P3 negative. A Jan median(3, 13) = 8; A period median(2, 3, 13) = 3;
    # B period median(0, 14) = 7; all Jan median(0, 3, 13) = 3; all median(0, 2, 3, 13, 14) = 3.
    **grid(
        "delay_first_contact",
        "",
        ((8.0, 2), NONE, (2.0, 1), (3.0, 3)),
        ((0.0, 1), (14.0, 1), NONE, (7.0, 2)),
        ((3.0, 3), (14.0, 1), (2.0, 1), (3.0, 5)),
    ),
    # Orientation → diagnostic: P1 10 (A Jan), P2 45 (A Feb), P3 31 (A Mar), P5 14 (B Jan),
    # P6 28 (B Feb); P7 negative. A median(10, 31, 45) = 31; B median(14, 28) = 21;
    # Jan median(10, 14) = 12; Feb median(28, 45) = 36.5; all median(10, 14, 28, 31, 45) = 28.
    **grid(
        "delay_diagnostic",
        "",
        ((10.0, 1), (45.0, 1), (31.0, 1), (31.0, 3)),
        ((14.0, 1), (28.0, 1), NONE, (21.0, 2)),
        ((12.0, 2), (36.5, 2), (31.0, 1), (28.0, 5)),
    ),
    # Orientation → first action: P1 28 (A Feb), P5 35 (B Feb), P6 40 (B Mar); P3's in
    # April. Feb median(28, 35) = 31.5; B median(35, 40) = 37.5; all median(28, 35, 40) = 35.
    **grid(
        "delay_first_action",
        "",
        (NONE, (28.0, 1), NONE, (28.0, 1)),
        (NONE, (35.0, 1), (40.0, 1), (37.5, 2)),
        (NONE, (31.5, 2), (40.0, 1), (35.0, 3)),
    ),
    # Gaps: A Jan P1 7, 5 → 6; A Feb P1 13, P2 32 → 22.5; A Mar P3 38; B Jan P5 14, 0 → 7;
    # B Feb P5 21, P6 14 → 17.5; B Mar P6 12. A period (5, 7, 13, 32, 38) → 13 (3 people);
    # B period (0, 12, 14, 14, 21) → 14 (2); Jan (0, 5, 7, 14) → 6 (2); Feb (13, 14, 21,
    # 32) → 17.5 (4); Mar (12, 38) → 25 (2); all ten (0 5 7 12 13 14 14 21 32 38) → 13.5 (5).
    **grid(
        "days_between_steps",
        "",
        ((6.0, 1), (22.5, 2), (38.0, 1), (13.0, 3)),
        ((7.0, 1), (17.5, 2), (12.0, 1), (14.0, 2)),
        ((6.0, 2), (17.5, 4), (25.0, 2), (13.5, 5)),
    ),
    # Plans: P1 (A Jan), P2 (A Feb, A Mar), P3 (A Mar), P5 (B Jan), P6 (B Feb): A has 4
    # plans signed by 3 people.
    **grid(
        "plans_signed",
        "",
        ((1, 1), (1, 1), (2, 2), (4, 3)),
        ((1, 1), (1, 1), ZERO, (2, 2)),
        ((2, 2), (2, 2), (2, 2), (6, 5)),
    ),
    # Mobilité: P1 ×2 (A Jan), P2 (A Feb), P5 (B Jan).
    **grid(
        "actions_by_theme",
        "mobilite",
        ((2, 1), (1, 1), ZERO, (3, 2)),
        ((1, 1), ZERO, ZERO, (1, 1)),
        ((3, 2), (1, 1), ZERO, (4, 3)),
    ),
    # Logement: P1 (A Jan), P2 P3 (A Mar), P5 (B Jan), P6 (B Feb). P8's "sante" is in April.
    **grid(
        "actions_by_theme",
        "logement",
        ((1, 1), ZERO, (2, 2), (3, 3)),
        ((1, 1), (1, 1), ZERO, (2, 2)),
        ((2, 2), (1, 1), (2, 2), (5, 5)),
    ),
    # Every theme: A Jan P1's 3 actions (1 person), A Mar P2 + P3; all 4 + 5 = 9 actions.
    **grid(
        "actions_by_theme",
        "",
        ((3, 1), (1, 1), (2, 2), (6, 3)),
        ((2, 1), (1, 1), ZERO, (3, 2)),
        ((5, 2), (2, 2), (2, 2), (9, 5)),
    ),
    # In progress: P1 (A Jan), P3 (A Mar), P6 (B Feb).
    **grid(
        "actions_by_status",
        "in_progress",
        ((1, 1), ZERO, (1, 1), (2, 2)),
        (ZERO, (1, 1), ZERO, (1, 1)),
        ((1, 1), (1, 1), (1, 1), (3, 3)),
    ),
    # Done: P1 (A Jan), P2 (A Feb), P5 (B Jan).
    **grid(
        "actions_by_status",
        "done",
        ((1, 1), (1, 1), ZERO, (2, 2)),
        ((1, 1), ZERO, ZERO, (1, 1)),
        ((2, 2), (1, 1), ZERO, (3, 3)),
    ),
    # Planned: P1 (A Jan), P2 (A Mar), P5 (B Jan). P8's "canceled" is in April.
    **grid(
        "actions_by_status",
        "planned",
        ((1, 1), ZERO, (1, 1), (2, 2)),
        ((1, 1), ZERO, ZERO, (1, 1)),
        ((2, 2), ZERO, (1, 1), (3, 3)),
    ),
    **grid(
        "actions_by_status",
        "",
        ((3, 1), (1, 1), (2, 2), (6, 3)),
        ((2, 1), (1, 1), ZERO, (3, 2)),
        ((5, 2), (2, 2), (2, 2), (9, 5)),
    ),
    # Offers, mobilité: P1 (A Jan), P5 (B Jan, B Feb): B has 2 offers for 1 person.
    **grid(
        "offers_linked",
        "mobilite",
        ((1, 1), ZERO, ZERO, (1, 1)),
        ((1, 1), (1, 1), ZERO, (2, 1)),
        ((2, 2), (1, 1), ZERO, (3, 2)),
    ),
    # Logement: P3 (A Mar); P3's "numerique" is in April, P8's in December.
    **grid(
        "offers_linked",
        "logement",
        (ZERO, ZERO, (1, 1), (1, 1)),
        (ZERO, ZERO, ZERO, ZERO),
        (ZERO, ZERO, (1, 1), (1, 1)),
    ),
    **grid(
        "offers_linked",
        "",
        ((1, 1), ZERO, (1, 1), (2, 2)),
        ((1, 1), (1, 1), ZERO, (2, 1)),
        ((2, 2), (1, 1), (1, 1), (4, 3)),
    ),
    # Immersions: P1 (A Feb), P5 (B Feb, B Mar); P8's on 2025-12-31.
    **grid(
        "immersions",
        "",
        (ZERO, (1, 1), ZERO, (1, 1)),
        (ZERO, (1, 1), (1, 1), (2, 1)),
        (ZERO, (2, 2), (1, 1), (3, 2)),
    ),
    # Returns to work: P1 (A Feb), P5 (B Mar); P2, P6, P7 before, P8 after.
    **grid(
        "returns_to_work",
        "",
        (ZERO, (1, 1), ZERO, (1, 1)),
        (ZERO, ZERO, (1, 1), (1, 1)),
        (ZERO, (1, 1), (1, 1), (2, 2)),
    ),
    # Check-ins with an outcome: P2 (A Feb, in work), P6 (B Mar, not); P7's has none.
    **grid(
        "check_ins_6m",
        "",
        (ZERO, (1, 1), ZERO, (1, 1)),
        (ZERO, ZERO, (1, 1), (1, 1)),
        (ZERO, (1, 1), (1, 1), (2, 2)),
    ),
    **grid(
        "in_work_6m",
        "",
        (ZERO, (1, 1), ZERO, (1, 1)),
        (ZERO, ZERO, ZERO, ZERO),
        (ZERO, (1, 1), ZERO, (1, 1)),
    ),
    # In work / check-ins: A 1/1; B 0/1; all 1/2.
    **grid(
        "in_work_6m_share",
        "",
        (NONE, (100.0, 1), NONE, (100.0, 1)),
        (NONE, NONE, (0.0, 1), (0.0, 1)),
        (NONE, (100.0, 1), (0.0, 1), (50.0, 2)),
    ),
}

PATH_INDICATORS = {indicator for indicator, _, _, _ in EXPECTED}


def test_every_path_figure_of_the_known_territory() -> None:
    table = compute("973", START, END, PEOPLE, EVALUATIONS)
    found = {
        (cell.indicator, cell.month, cell.structure, cell.category): (cell.value, cell.people)
        for cell in table.cells
        if cell.indicator in PATH_INDICATORS
    }
    # Equal as a whole: no cell for April, for structure C, or for a theme, status or
    # thématique seen only outside the period ("sante", "canceled", "numerique").
    assert found == EXPECTED
    assert table.territory == "973"
    assert (table.period_start, table.period_end) == (START, END)
    assert not table.empty
    assert not any(cell.suppressed for cell in table.cells)


def test_counts_are_whole_numbers_and_the_rest_floats() -> None:
    table = compute("973", START, END, PEOPLE, EVALUATIONS)
    kinds = {type(cell.value) for cell in table.cells if cell.indicator == "plans_signed"}
    assert kinds == {int}
    medians = {
        type(cell.value)
        for cell in table.cells
        if cell.indicator == "delay_diagnostic" and cell.value is not None
    }
    assert medians == {float}
