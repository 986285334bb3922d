"""The indicators' computation over a territory of 100,000 people and 20,000 evaluations.

Builds synthetic facts (a year of paths across 20 structures, seeded so runs compare) and
times ``compute`` over the year; prints the time and the number of cells; asserts nothing.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.figures import Figure, figure, print_figures

if TYPE_CHECKING:
    from spie_protocol.indicators.facts import PersonFacts

PEOPLE = 100_000
EVALUATIONS = 20_000
STRUCTURES = 20
START, END = date(2026, 1, 1), date(2026, 12, 31)
THEMES = ("mobilite", "logement", "sante", "formation", "emploi", "numerique", "budget")
STATUSES = ("planned", "in_progress", "standby", "done", "abandonned", "canceled")


def _person(rng: random.Random) -> PersonFacts:
    from spie_protocol.indicators.facts import ActionFact, OfferFact, PersonFacts

    oriented = START + timedelta(days=rng.randrange(330))
    contact = oriented + timedelta(days=rng.randrange(30))
    diagnostic = contact + timedelta(days=rng.randrange(30))
    signed = diagnostic + timedelta(days=rng.randrange(10))
    action = signed + timedelta(days=rng.randrange(20))
    actions = tuple(ActionFact(rng.choice(THEMES), rng.choice(STATUSES), signed) for _ in range(3))
    offers = tuple(OfferFact(rng.choice(THEMES), signed) for _ in range(rng.randrange(3)))
    employment = action + timedelta(days=rng.randrange(200)) if rng.random() < 0.3 else None
    return PersonFacts(
        structure=f"Structure {rng.randrange(STRUCTURES):02d}",
        oriented=oriented,
        first_contact=contact,
        diagnostic=diagnostic,
        diagnostic_joint=rng.random() < 0.4,
        first_action=action,
        steps=(contact, diagnostic, signed, action),
        plans_signed=(signed,),
        actions=actions,
        offers=offers,
        immersions=(action,) if rng.random() < 0.2 else (),
        employment=employment,
        check_in_6m=employment + timedelta(days=182) if employment else None,
        in_work_6m=rng.random() < 0.6 if employment else None,
    )


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def figures(quick: bool) -> list[Figure]:
    """One computation of a territory's year (the same size in a quick run: it is short)."""
    from spie_protocol.indicators.compute import compute
    from spie_protocol.indicators.facts import EvaluationFacts, EvaluationQuestion, EvaluationStep

    rng = random.Random(17)
    people = [_person(rng) for _ in range(PEOPLE)]
    evaluations = [
        EvaluationFacts(
            structure=f"Structure {rng.randrange(STRUCTURES):02d}",
            month=f"2026-{rng.randrange(1, 13):02d}",
            step=rng.choice(list(EvaluationStep)),
            token=f"token-{rng.randrange(EVALUATIONS // 2):08d}",
            answers={question: rng.randrange(1, 5) for question in EvaluationQuestion},
            wants_groups=rng.random() < 0.1,
        )
        for _ in range(EVALUATIONS)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    table = compute("973", START, END, people, evaluations)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    return [
        figure(
            "indicators.compute_one_year_s",
            "s",
            [elapsed],
            informational=True,
            note=f"{PEOPLE:,} people, {EVALUATIONS:,} evaluations, {len(table.cells):,} cells",
        ),
        figure("indicators.compute_one_year_cpu_s", "s", [cpu], informational=True),
    ]


def main() -> None:
    print_figures(figures(quick=False))


if __name__ == "__main__":
    main()
