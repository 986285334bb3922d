"""A small territory whose every figure is worked out by hand in the tests.

Period: 2026-01-01 → 2026-03-31. Eight people: P1–P4 followed by structure A, P5–P7 by
structure B, P8 by structure C with every day outside the period (C must not appear). Six
evaluations: five in the period, one in April (structure C). Days and the delays between
them are written next to each fact so the expected figures can be checked by reading.
"""

from __future__ import annotations

from datetime import date

from spie_protocol.indicators.facts import (
    ActionFact,
    EvaluationFacts,
    EvaluationQuestion,
    EvaluationStep,
    OfferFact,
    PersonFacts,
)

START, END = date(2026, 1, 1), date(2026, 3, 31)
A, B, C = "Mission locale", "CCAS", "Hors période"
JAN, FEB, MAR, PERIOD = "2026-01", "2026-02", "2026-03", ""
MONTHS = (JAN, FEB, MAR, PERIOD)

Q = EvaluationQuestion


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


PEOPLE = (
    # P1 (A): contact +3 (Jan), diagnostic +10 (Jan, joint), first action +28 (Feb).
    # Step gaps: 01-08→01-15 = 7 (Jan), →01-20 = 5 (Jan), →02-02 = 13 (Feb).
    PersonFacts(
        structure=A,
        oriented=d(1, 5),
        first_contact=d(1, 8),
        diagnostic=d(1, 15),
        diagnostic_joint=True,
        first_action=d(2, 2),
        steps=(d(1, 8), d(1, 15), d(1, 20), d(2, 2)),
        plans_signed=(d(1, 20),),
        actions=(
            ActionFact("mobilite", "in_progress", d(1, 20)),
            ActionFact("mobilite", "done", d(1, 20)),
            ActionFact("logement", "planned", d(1, 20)),
        ),
        offers=(OfferFact("mobilite", d(1, 25)),),
        immersions=(d(2, 10),),
        employment=d(2, 20),
    ),
    # P2 (A): oriented before the period (not counted as oriented) but contacted in it:
    # 2025-12-20 → 01-02 = 11 + 2 = 13 days (Jan); → diagnostic 02-03 = 11 + 31 + 3 = 45
    # (Feb). Step gap 01-02 → 02-03 = 32 (Feb). Two plan versions (Feb, Mar). Returned to
    # work before the period, 6-month check-in in Feb: still in work.
    PersonFacts(
        structure=A,
        oriented=d(12, 20, 2025),
        first_contact=d(1, 2),
        diagnostic=d(2, 3),
        steps=(d(1, 2), d(2, 3)),
        plans_signed=(d(2, 10), d(3, 10)),
        actions=(
            ActionFact("mobilite", "done", d(2, 10)),
            ActionFact("logement", "planned", d(3, 10)),
        ),
        employment=d(8, 1, 2025),
        check_in_6m=d(2, 1),
        in_work_6m=True,
    ),
    # P3 (A): contact typed before the orientation (-7: left out); diagnostic
    # 02-01 → 03-04 = 28 + 3 = 31 (Mar, joint); first action in April (outside).
    # Step gaps: 01-25 → 03-04 = 6 + 28 + 4 = 38 (Mar), → 04-02 (April, outside).
    PersonFacts(
        structure=A,
        oriented=d(2, 1),
        first_contact=d(1, 25),
        diagnostic=d(3, 4),
        diagnostic_joint=True,
        first_action=d(4, 2),
        steps=(d(1, 25), d(3, 4), d(4, 2)),
        plans_signed=(d(3, 5),),
        actions=(ActionFact("logement", "in_progress", d(3, 5)),),
        offers=(OfferFact("logement", d(3, 6)), OfferFact("numerique", d(4, 1))),
    ),
    # P4 (A): oriented and contacted in March, +2; a single step (no gap).
    PersonFacts(structure=A, oriented=d(3, 10), first_contact=d(3, 12), steps=(d(3, 12),)),
    # P5 (B): contact +0 (Jan), diagnostic +14 (Jan), first action 01-10 → 02-14 = 21 + 14
    # = 35 (Feb). Steps typed out of order: sorted 01-10, 01-24, 01-24, 02-14 → gaps 14
    # (Jan), 0 (Jan), 21 (Feb).
    PersonFacts(
        structure=B,
        oriented=d(1, 10),
        first_contact=d(1, 10),
        diagnostic=d(1, 24),
        first_action=d(2, 14),
        steps=(d(1, 24), d(1, 10), d(2, 14), d(1, 24)),
        plans_signed=(d(1, 24),),
        actions=(
            ActionFact("mobilite", "planned", d(1, 24)),
            ActionFact("logement", "done", d(1, 24)),
        ),
        offers=(OfferFact("mobilite", d(1, 30)), OfferFact("mobilite", d(2, 5))),
        immersions=(d(2, 20), d(3, 2)),
        employment=d(3, 15),
    ),
    # P6 (B): contact 01-20 → 02-03 = 11 + 3 = 14 (Feb); diagnostic → 02-17 = 11 + 17 = 28
    # (Feb, joint); first action → 03-01 = 11 + 28 + 1 = 40 (Mar). Step gaps 14 (Feb),
    # 02-17 → 03-01 = 12 (Mar). 6-month check-in in March: no longer in work.
    PersonFacts(
        structure=B,
        oriented=d(1, 20),
        first_contact=d(2, 3),
        diagnostic=d(2, 17),
        diagnostic_joint=True,
        first_action=d(3, 1),
        steps=(d(2, 3), d(2, 17), d(3, 1)),
        plans_signed=(d(2, 20),),
        actions=(ActionFact("logement", "in_progress", d(2, 20)),),
        employment=d(9, 1, 2025),
        check_in_6m=d(3, 3),
        in_work_6m=False,
    ),
    # P7 (B): diagnostic typed before the orientation (-5: no delay, but the diagnostic
    # counts in Feb); a check-in day without its outcome (not a check-in).
    PersonFacts(
        structure=B,
        oriented=d(2, 15),
        diagnostic=d(2, 10),
        employment=d(7, 15, 2025),
        check_in_6m=d(1, 15),
    ),
    # P8 (C): every day just outside the period.
    PersonFacts(
        structure=C,
        oriented=d(10, 1, 2025),
        first_contact=d(10, 5, 2025),
        diagnostic=d(4, 10),
        diagnostic_joint=True,
        first_action=d(4, 20),
        steps=(d(10, 5, 2025), d(4, 10)),
        plans_signed=(d(4, 15),),
        actions=(ActionFact("sante", "canceled", d(4, 15)),),
        offers=(OfferFact("numerique", d(12, 15, 2025)),),
        immersions=(d(12, 31, 2025),),
        employment=d(4, 30),
    ),
)

EVALUATIONS = (
    # E1 and E2: the same person (tok-1) at the interview and at a plan review; E2 was
    # abandoned after two questions.
    EvaluationFacts(
        A,
        JAN,
        EvaluationStep.INTERVIEW,
        "tok-1",
        {Q.CLEAR: 4, Q.LISTENED: 3, Q.AGREE: 2, Q.USEFUL: 4},
        wants_groups=True,
    ),
    EvaluationFacts(
        A,
        FEB,
        EvaluationStep.PLAN_REVIEW,
        "tok-1",
        {Q.CLEAR: 3, Q.LISTENED: 4},
        wants_groups=True,
    ),
    EvaluationFacts(
        B,
        JAN,
        EvaluationStep.INTERVIEW,
        "tok-2",
        {Q.CLEAR: 1, Q.LISTENED: 2, Q.AGREE: 3, Q.USEFUL: 3},
        wants_groups=False,
    ),
    EvaluationFacts(
        B,
        MAR,
        EvaluationStep.CHECK_IN_6M,
        "tok-3",
        {Q.CLEAR: 4, Q.LISTENED: 4, Q.AGREE: 4, Q.USEFUL: 1},
        wants_groups=True,
    ),
    # E5: outside the period.
    EvaluationFacts(
        C, "2026-04", EvaluationStep.INTERVIEW, "tok-4", {Q.CLEAR: 1}, wants_groups=True
    ),
    # E6: "useful" answered 5, off the scale: left out.
    EvaluationFacts(
        A, JAN, EvaluationStep.INTERVIEW, "tok-5", {Q.CLEAR: 2, Q.USEFUL: 5}, wants_groups=True
    ),
)

Figure = tuple[float | None, int]  # (value, people)
Row = tuple[Figure, Figure, Figure, Figure]  # Jan, Feb, Mar, whole period
NONE: Figure = (None, 0)  # no value: a median, share or mean over nobody
ZERO: Figure = (0, 0)


def grid(
    indicator: str, category: str, a: Row, b: Row, every: Row
) -> dict[tuple[str, str, str, str], Figure]:
    """The 12 cells of one indicator and category: structures A, B and "" by month."""
    cells = {}
    for structure, row in ((A, a), (B, b), ("", every)):
        for month, figure in zip(MONTHS, row, strict=True):
            cells[(indicator, month, structure, category)] = figure
    return cells
