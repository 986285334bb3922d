"""A validated definition, compiled for the engine: one flat index of answer keys.

Answer keys (what the storage layer keeps as ``(interview_id, key) -> JSON value``):

* ``<theme>.situations`` — list of situation ids ticked (ids are stable slugs; labels are in the file)
* ``<theme>.barrier`` — ``none`` | ``light`` | ``strong`` | ``blocking`` | ``not_discussed``
* ``<theme>.strengths`` — list of short texts
* ``<theme>.notes`` — free text
* ``<theme>.<question>`` — a question of the theme
* ``<step>.<question>`` — a question of a step outside the panes (``accueil.consentement``,
  ``priorites.projet``...)

Every theme has the first four (built-in fields). Built by ``compiler.compile_definition``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import expressions
from .errors import DefinitionIssue
from .schema import (
    DefinitionSpec,
    Pane,
    Question,
    QuestionRole,
    Step,
    Theme,
)
from .yaml_source import line_at

Loc = tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a piece of a definition was read: the file and its line-aware YAML data."""

    file: str
    raw: Any

    def issue(self, loc: Loc, reason: str) -> DefinitionIssue:
        return DefinitionIssue(self.file, line_at(self.raw, loc), reason)


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One answer key of a definition and what it accepts."""

    key: str
    question: Question
    step: str
    section: str  # the theme id, or the step id for step questions
    theme: str | None
    pane: str | None
    sensitive: bool
    builtin: bool
    choices: tuple[str, ...] = ()
    choice_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExtraQuestion:
    """A question a territory extension adds to a theme, with where it was written."""

    theme: str
    question: Question
    source: Source
    loc: Loc


class FormDefinition:
    """A definition ready for the engine. Build it with :func:`compile_definition`."""

    def __init__(
        self, spec: DefinitionSpec, extends: tuple[str, int] | None, source_file: str
    ) -> None:
        self.spec = spec
        self.extends = extends
        self.source_file = source_file
        self.fields: dict[str, FieldSpec] = {}
        self.section_keys: dict[str, list[str]] = {}
        self.visibility: dict[str, expressions.Node] = {}
        self.gates: dict[str, expressions.Node] = {}
        self.visibility_order: list[str] = []
        self.added_keys: frozenset[str] = frozenset()
        self.role_keys: dict[QuestionRole, str] = {}

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def version(self) -> int:
        return self.spec.version

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.spec.steps

    def step(self, step_id: str) -> Step:
        return next(step for step in self.spec.steps if step.id == step_id)

    def panes(self) -> list[Pane]:
        return [pane for step in self.spec.steps for pane in step.panes]

    def themes(self) -> list[Theme]:
        return [theme for pane in self.panes() for theme in pane.themes]

    def theme(self, theme_id: str) -> Theme:
        return next(theme for theme in self.themes() if theme.id == theme_id)

    def pane_themes(self, pane_id: str) -> list[Theme]:
        return [theme for pane in self.panes() if pane.id == pane_id for theme in pane.themes]

    def choices(self, key: str) -> dict[str, str]:
        """Value -> label of a choice question (``choices_from`` resolved), in order."""
        return dict(self.fields[key].choice_labels)

    def question_count(self) -> int:
        """Questions written in the file (built-in theme fields not counted)."""
        return sum(1 for spec in self.fields.values() if not spec.builtin)

    def situation_count(self) -> int:
        return sum(len(theme.situations) for theme in self.themes())

    def summary(self) -> str:
        head = f"{self.id} v{self.version}"
        if self.extends:
            head += f" (étend {self.extends[0]} v{self.extends[1]}, {len(self.added_keys)} question(s) ajoutée(s))"
        return (
            f"{head} : {len(self.steps)} étapes, {len(self.panes())} volets, "
            f"{len(self.themes())} thèmes, {self.situation_count()} situations, "
            f"{self.question_count()} questions"
        )
