"""Objectives the diagnostic suggests for a plan: offered as choices, never added for the people.

The synthesis says which themes suggest which objectives, in the order the plan should take
them up (the agreed priorities, then blocking, then strong barriers); this module groups
them per theme, says why each theme is there and marks what the plan already holds. Adding
one is the counsellors' choice: :meth:`ActionPlan.add_suggested_objective
<spie_desktop.domain.plan.ActionPlan.add_suggested_objective>`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .plan import ActionPlan


@dataclass(frozen=True)
class SuggestedObjective:
    theme: str
    label: str
    in_plan: bool  # the plan already holds it (case and spacing aside)


@dataclass(frozen=True)
class ThemeSuggestions:
    """The objectives one theme suggests and why: ``priority`` is its rank among the
    agreed priorities (1 first; ``None``: not a priority), ``reason`` says it in French."""

    theme: str
    theme_label: str
    priority: int | None
    weight_label: str
    objectives: tuple[SuggestedObjective, ...]

    @property
    def reason(self) -> str:
        if self.priority is None:
            return self.weight_label
        return f"Priorité {self.priority} · {self.weight_label}"


@dataclass(frozen=True)
class SuggestingTheme:
    """What the synthesis says of one theme, as plain data."""

    theme: str
    label: str
    weight_label: str


def plan_suggestions(
    plan: ActionPlan,
    suggested: Mapping[str, Sequence[str]],
    themes: Sequence[SuggestingTheme],
    priority_themes: Sequence[str],
) -> tuple[ThemeSuggestions, ...]:
    """The suggestions of ``suggested`` (theme -> objectives, in the synthesis' order),
    grouped per theme and marked against ``plan``."""
    about = {t.theme: t for t in themes}
    ranks = {theme: rank for rank, theme in enumerate(priority_themes, start=1)}
    groups: list[ThemeSuggestions] = []
    for theme, labels in suggested.items():
        known = about.get(theme)
        groups.append(
            ThemeSuggestions(
                theme=theme,
                theme_label=known.label if known else theme,
                priority=ranks.get(theme),
                weight_label=known.weight_label if known else "",
                objectives=tuple(
                    SuggestedObjective(theme, label, plan.has_objective(theme, label))
                    for label in labels
                ),
            )
        )
    return tuple(groups)
