"""Reading a plan before it is signed: what must be fixed, what deserves a second look.

:func:`~spie_desktop.domain.plan_checks.review_plan` gathers both:
**errors** refuse the signing (the plan's entry and readiness rules), **warnings** leave it
possible (the people around the table may have good reasons) but are shown before the pads:
an objective written twice, an objective with no action yet, a priority agreed in the
diagnostic that the plan does not take up.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Protocol

from spie_desktop.domain.interface_sentence import say, verbatim

from .plan_problems import PlanProblem, ProblemKind


class ReviewedObjective(Protocol):
    """What the review reads of an objective (``domain.plan`` imports this module)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def theme(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def actions(self) -> Sized: ...


@dataclass(frozen=True)
class PlanReview:
    """What the review step shows: ``errors`` keep the plan from being signed,
    ``warnings`` do not."""

    errors: tuple[PlanProblem, ...]
    warnings: tuple[PlanProblem, ...]

    @property
    def can_sign(self) -> bool:
        return not self.errors


def objective_key(theme: str, label: str) -> tuple[str, str]:
    """What makes two objectives the same: the theme and the label, whatever the case
    and the spacing."""
    return theme, " ".join(label.split()).casefold()


def review_warnings(
    objectives: Sequence[ReviewedObjective], priorities: Mapping[str, str]
) -> list[PlanProblem]:
    """The warnings of :class:`PlanReview` about a plan's ``objectives``; ``priorities``
    maps the diagnostic's priority theme ids to their labels, in the agreed order."""
    return [
        *_duplicates(objectives),
        *_objectives_without_action(objectives),
        *_priorities_without_objective(objectives, priorities),
    ]


def _duplicates(objectives: Sequence[ReviewedObjective]) -> list[PlanProblem]:
    seen: set[tuple[str, str]] = set()
    problems: list[PlanProblem] = []
    for objective in objectives:
        key = objective_key(objective.theme, objective.label)
        if key in seen:
            problems.append(
                PlanProblem(
                    ProblemKind.DUPLICATE_OBJECTIVE,
                    say(
                        "L'objectif « {label} » figure deux fois dans le plan.",
                        label=objective.label,
                    ),
                    "objective appears twice",
                    "label",
                    objective.id,
                )
            )
        seen.add(key)
    return problems


def _objectives_without_action(objectives: Sequence[ReviewedObjective]) -> list[PlanProblem]:
    return [
        PlanProblem(
            ProblemKind.OBJECTIVE_WITHOUT_ACTION,
            say("L'objectif « {label} » n'a encore aucune action.", label=objective.label),
            "objective without action",
            "actions",
            objective.id,
        )
        for objective in objectives
        if not len(objective.actions)
    ]


def _priorities_without_objective(
    objectives: Sequence[ReviewedObjective], priorities: Mapping[str, str]
) -> list[PlanProblem]:
    covered = {objective.theme for objective in objectives}
    return [
        PlanProblem(
            ProblemKind.PRIORITY_WITHOUT_OBJECTIVE,
            say(
                "La priorité « {label} » du diagnostic n'a aucun objectif dans le plan.",
                label=verbatim(label),  # a theme: the catalogue has its label
            ),
            f"priority theme {theme} has no objective",
            "objectives",
        )
        for theme, label in priorities.items()
        if theme not in covered
    ]
