"""The shared synthesis of an interview: barriers, strengths, priorities, the person's project.

Built from valid, visible answers only. Suggested objectives are the referential objectives
(embedded in the definition) of every priority theme, in the agreed order, then of every
other theme whose barrier is blocking, then strong; a shared theme with no objectives of its
own (``emploi``, ``formation``) suggests those of the themes it borrows from. With
``hide_sensitive`` (printing without the person's agreement) sensitive themes and answers
are left out entirely, including as priorities and suggestions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spie_desktop.domain.referential import BORROWED_OBJECTIVES

from .definition import FormDefinition
from .schema import BarrierWeight, QuestionRole

SUGGESTING_WEIGHTS = (BarrierWeight.STRONG, BarrierWeight.BLOCKING)


@dataclass(frozen=True, slots=True)
class ThemeBarrier:
    theme: str
    label: str
    pane: str
    weight: BarrierWeight | None  # None: not yet assessed
    sensitive: bool

    @property
    def weight_label(self) -> str:
        return self.weight.label if self.weight else "Non renseigné"


@dataclass(frozen=True, slots=True)
class Synthesis:
    barriers: tuple[ThemeBarrier, ...]  # every theme, in definition order
    situations: dict[str, tuple[str, ...]]  # theme -> labels of the situations ticked
    strengths: tuple[str, ...]  # the person's strengths, themes first, then the priorities step
    priorities: tuple[str, ...]  # labels of the shared priorities, in the agreed order
    priority_themes: tuple[str, ...]  # the theme ids among them
    other_priorities: str
    project_text: str  # the person's project, in their own words
    # theme -> objectives from the referential: priorities first, then blocking, then strong
    suggested_objectives: dict[str, tuple[str, ...]]
    sensitive_hidden: bool  # some content was left out for print

    @property
    def assessed_count(self) -> int:
        """Themes whose barrier was weighed (or marked not discussed) with the person."""
        return sum(1 for barrier in self.barriers if barrier.weight is not None)

    @property
    def diagnostic_complete(self) -> bool:
        """Every theme was weighed: the whole diagnostic, not only its required answers."""
        return self.assessed_count == len(self.barriers)


def build_synthesis(
    definition: FormDefinition, value: Callable[[str], Any], *, hide_sensitive: bool
) -> Synthesis:
    """The synthesis of the answers ``value(key)`` gives (valid and visible, else None)."""
    fields = definition.fields

    def shown(key: str) -> Any:
        spec = fields.get(key)
        if spec is None or (hide_sensitive and spec.sensitive):
            return None
        return value(key)

    barriers: list[ThemeBarrier] = []
    situations: dict[str, tuple[str, ...]] = {}
    strengths: list[str] = []
    hidden_themes = {
        theme.id for theme in definition.themes() if theme.sensitive and hide_sensitive
    }
    for pane in definition.panes():
        for theme in pane.themes:
            if theme.id in hidden_themes:
                continue
            raw_weight = shown(f"{theme.id}.barrier")
            weight = BarrierWeight(raw_weight) if raw_weight else None
            barriers.append(ThemeBarrier(theme.id, theme.label, pane.id, weight, theme.sensitive))
            labels = fields[f"{theme.id}.situations"].choice_labels
            ticked = shown(f"{theme.id}.situations") or []
            if ticked:
                situations[theme.id] = tuple(labels[item] for item in ticked)
            strengths.extend(shown(f"{theme.id}.strengths") or [])

    def role_value(role: QuestionRole) -> Any:
        key = definition.role_keys.get(role)
        return shown(key) if key else None

    strengths.extend(role_value(QuestionRole.STRENGTHS) or [])
    chosen = role_value(QuestionRole.PRIORITIES) or []
    chosen = [chosen] if isinstance(chosen, str) else chosen
    priority_key = definition.role_keys.get(QuestionRole.PRIORITIES)
    priority_labels = fields[priority_key].choice_labels if priority_key else {}
    chosen = [item for item in chosen if item not in hidden_themes]
    theme_ids = {theme.id for theme in definition.themes()}
    priority_themes = tuple(item for item in chosen if item in theme_ids)
    return Synthesis(
        barriers=tuple(barriers),
        situations=situations,
        strengths=tuple(dict.fromkeys(strengths)),
        priorities=tuple(priority_labels.get(item, item) for item in chosen),
        priority_themes=priority_themes,
        other_priorities=role_value(QuestionRole.OTHER_PRIORITIES) or "",
        project_text=role_value(QuestionRole.PROJECT) or "",
        suggested_objectives=_suggested(definition, barriers, priority_themes),
        sensitive_hidden=hide_sensitive and any(spec.sensitive for spec in fields.values()),
    )


def _suggested(
    definition: FormDefinition, barriers: list[ThemeBarrier], priority_themes: tuple[str, ...]
) -> dict[str, tuple[str, ...]]:
    """Theme -> its suggested objectives, in the order the plan should take them up."""
    own = {theme.id: theme.objectives for theme in definition.themes()}

    def objectives(theme_id: str) -> tuple[str, ...]:
        borrowed = BORROWED_OBJECTIVES.get(theme_id, ())
        return own.get(theme_id) or tuple(
            dict.fromkeys(label for other in borrowed for label in own.get(other, ()))
        )

    by_weight = [b.theme for w in SUGGESTING_WEIGHTS[::-1] for b in barriers if b.weight is w]
    ordered = dict.fromkeys([*priority_themes, *by_weight])
    return {theme: objectives(theme) for theme in ordered if objectives(theme)}
