"""Reading a plan before it is signed: what must be fixed, what deserves a second look.

:meth:`ActionPlan.review <spie_desktop.domain.plan.ActionPlan.review>` gathers both:
**errors** refuse the signing (the plan's entry and readiness rules), **warnings** leave it
possible (the people around the table may have good reasons) but are shown before the pads:
an objective written twice, an objective with no action yet, a priority agreed in the
diagnostic that the plan does not take up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .plan_problems import PlanProblem, ProblemKind

if TYPE_CHECKING:
    from .plan import ActionPlan


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


def review_warnings(plan: ActionPlan, priorities: Mapping[str, str]) -> list[PlanProblem]:
    """The warnings of :class:`PlanReview`; ``priorities`` maps the diagnostic's priority
    theme ids to their labels, in the agreed order."""
    return [
        *_duplicates(plan),
        *_objectives_without_action(plan),
        *_priorities_without_objective(plan, priorities),
    ]


def _duplicates(plan: ActionPlan) -> list[PlanProblem]:
    seen: set[tuple[str, str]] = set()
    problems: list[PlanProblem] = []
    for objective in plan.objectives:
        key = objective_key(objective.theme, objective.label)
        if key in seen:
            problems.append(
                PlanProblem(
                    ProblemKind.DUPLICATE_OBJECTIVE,
                    f"L'objectif « {objective.label} » figure deux fois dans le plan.",
                    "objective appears twice",
                    "label",
                    objective.id,
                )
            )
        seen.add(key)
    return problems


def _objectives_without_action(plan: ActionPlan) -> list[PlanProblem]:
    return [
        PlanProblem(
            ProblemKind.OBJECTIVE_WITHOUT_ACTION,
            f"L'objectif « {objective.label} » n'a encore aucune action.",
            "objective without action",
            "actions",
            objective.id,
        )
        for objective in plan.objectives
        if not objective.actions
    ]


def _priorities_without_objective(
    plan: ActionPlan, priorities: Mapping[str, str]
) -> list[PlanProblem]:
    covered = {objective.theme for objective in plan.objectives}
    return [
        PlanProblem(
            ProblemKind.PRIORITY_WITHOUT_OBJECTIVE,
            f"La priorité « {label} » du diagnostic n'a aucun objectif dans le plan.",
            f"priority theme {theme} has no objective",
            "objectives",
        )
        for theme, label in priorities.items()
        if theme not in covered
    ]
