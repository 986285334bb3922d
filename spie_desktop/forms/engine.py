"""The interview as a UI-free state machine over one form definition.

``InterviewState`` holds the answers (``key -> AnswerRecord(value, author_id, updated_at)``)
and answers every question a screen asks: which questions are visible, what is wrong and
in which words, how far each pane is, who wrote what, which step comes next, what the
synthesis says. It never touches a database or a widget: the storage layer persists each
answer the moment :meth:`InterviewState.set_answer` returns (see definition.py for keys).

Rules decided here:

* An empty value (``None``, ``""``, ``[]``) clears the answer. A JSON-compatible invalid
  value is kept (a crash loses nothing typed) but counts as unanswered and blocks the step.
* A hidden question keeps its answer, but it is ignored everywhere (visibility of other
  questions, errors, progress, synthesis, print) until it shows again.
* Progress counts, for each theme, one unit for its barrier weight ("not discussed"
  counts: the theme was dealt with) plus one per visible required question; for steps,
  one per visible required question. A pane or step with nothing to count is at 100 %.
* The wizard moves forward only when the current step has no blocking error (missing or
  invalid answers, closed ``advance_if`` gate); it may always go back.
* A definition that is not installed opens the interview read-only (see
  :func:`open_interview`): answers are kept verbatim and written back unchanged.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from spie_desktop.domain.records import utc_now

from . import expressions, payload
from .compiler import compile_definition
from .definition import FieldSpec, FormDefinition, Source
from .errors import DefinitionMissing, ReadOnlyInterview, UnknownFormElement, UnstorableAnswer
from .registry import DefinitionRegistry
from .schema import DefinitionSpec, Question, Step, StepKind
from .synthesis import Synthesis, build_synthesis
from .values import FieldError, is_empty, is_json, normalise


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One stored answer and who typed it."""

    value: Any
    author_id: uuid.UUID | None = None
    updated_at: datetime = field(default_factory=utc_now)


class InterviewState:
    """Answers of one interview, read through the definition it was taken with."""

    def __init__(
        self,
        definition: FormDefinition,
        answers: Mapping[str, AnswerRecord] | None = None,
        *,
        current_step: str | None = None,
        read_only_reason: str | None = None,
        recorded_as: tuple[str, int] | None = None,
    ) -> None:
        self.definition = definition
        self.definition_id, self.definition_version = recorded_as or (
            definition.id,
            definition.version,
        )
        self.read_only_reason = read_only_reason
        self._answers: dict[str, AnswerRecord] = dict(answers or {})
        step_ids = [step.id for step in definition.steps]
        self._current = current_step if current_step in step_ids else step_ids[0]
        self._recorded_step = current_step  # written back as is when read-only
        self._checked: dict[str, tuple[Any, FieldError | None]] = {}
        self._visible: dict[str, bool] | None = None
        # Only answers some visibility condition reads can change what is visible.
        self._visibility_inputs = frozenset().union(
            *(expressions.references(node) for node in definition.visibility.values())
        )

    # -- answers ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def answers(self) -> Mapping[str, AnswerRecord]:
        return MappingProxyType(self._answers)

    def value(self, key: str) -> Any:
        """The valid, visible value of a key, or ``None``."""
        if key not in self.definition.fields or not self.is_visible(key):
            return None
        value, error = self._check(key)
        return None if error else value

    def set_answer(
        self, key: str, value: Any, author_id: uuid.UUID | None = None
    ) -> list[FieldError]:
        """Record an answer (empty clears it); return the problems with the new value."""
        if self.read_only_reason is not None:
            raise ReadOnlyInterview(self.read_only_reason)
        try:
            stored, error = checked_answer(self.definition, key, value)
        except UnstorableAnswer as refused:
            return [FieldError(key, "invalid", refused.message_fr)]
        if stored is None:
            self._answers.pop(key, None)
        else:
            self._answers[key] = AnswerRecord(stored, author_id, utc_now())
        self._checked.pop(key, None)  # a key's check reads that key's answer only
        if key in self._visibility_inputs:
            self._visible = None
        return [error] if error else []

    # -- visibility and errors ---------------------------------------------------------------

    def is_visible(self, key: str) -> bool:
        self._spec(key)
        return self._visibility().get(key, True)

    def visible_keys(self, section: str) -> list[str]:
        """Visible keys of a theme or step, built-in theme fields included, in order."""
        if section not in self.definition.section_keys:
            raise UnknownFormElement(section)
        return [key for key in self.definition.section_keys[section] if self.is_visible(key)]

    def visible_questions(self, section: str) -> list[Question]:
        """The questions of a theme or step to show now (built-in theme fields excluded)."""
        fields = self.definition.fields
        return [
            fields[key].question for key in self.visible_keys(section) if not fields[key].builtin
        ]

    def field_error(self, key: str, *, include_missing: bool = True) -> FieldError | None:
        """What is wrong with one visible answer now, if anything."""
        spec = self._spec(key)
        if not self.is_visible(key):
            return None
        if key not in self._answers:
            if include_missing and spec.question.required:
                return FieldError(key, "required", "Réponse obligatoire.")
            return None
        return self._check(key)[1]

    def errors(self, step: str | None = None, *, include_missing: bool = True) -> list[FieldError]:
        """Problems of visible answers (in one step, or all), then closed step gates."""
        steps = [self._step(step)] if step else list(self.definition.steps)
        found: list[FieldError] = []
        for current in steps:
            for key, spec in self.definition.fields.items():
                if spec.step == current.id:
                    error = self.field_error(key, include_missing=include_missing)
                    if error:
                        found.append(error)
            gate = self.definition.gates.get(current.id)
            if gate is not None and not expressions.evaluate(gate, self.value):
                found.append(FieldError(current.id, "step_blocked", current.blocked_message))
        return found

    def missing_required(self, step: str | None = None) -> list[str]:
        return [error.key for error in self.errors(step) if error.code == "required"]

    # -- progress ------------------------------------------------------------------------------

    def progress(self, pane: str) -> int:
        """Percentage (0–100) of one pane done."""
        themes = self.definition.pane_themes(pane)
        if not themes:
            raise UnknownFormElement(pane)
        return _percent(*self._units([theme.id for theme in themes]))

    def step_progress(self, step: str) -> int:
        current = self._step(step)
        sections = [current.id] + [theme.id for pane in current.panes for theme in pane.themes]
        return _percent(*self._units(sections))

    def progress_overall(self) -> int:
        sections = [step.id for step in self.definition.steps] + [
            t.id for t in self.definition.themes()
        ]
        return _percent(*self._units(sections))

    def _units(self, sections: list[str]) -> tuple[int, int]:
        done = total = 0
        for section in sections:
            for key in self.definition.section_keys.get(section, []):
                spec = self.definition.fields[key]
                counted = spec.question.required or (spec.builtin and spec.question.id == "barrier")
                if counted and self.is_visible(key):
                    total += 1
                    done += key in self._answers and self._check(key)[1] is None
        return done, total

    # -- wizard ----------------------------------------------------------------------------

    @property
    def current_step(self) -> Step:
        return self._step(self._current)

    def can_advance(self) -> bool:
        return self._step_index(self._current) < len(self.definition.steps) - 1 and not self.errors(
            self._current
        )

    def advance(self) -> list[FieldError]:
        """Go to the next step, or return what keeps the current one from being left."""
        blocking = self.errors(self._current)
        if not blocking and self._step_index(self._current) < len(self.definition.steps) - 1:
            self._current = self.definition.steps[self._step_index(self._current) + 1].id
        return blocking

    def go_back(self) -> Step:
        index = self._step_index(self._current)
        self._current = self.definition.steps[max(index - 1, 0)].id
        return self.current_step

    def go_to(self, step: str) -> list[FieldError]:
        """Jump to a step: always backwards; forwards only through steps that can be left."""
        target = self._step_index(self._step(step).id)
        for earlier in self.definition.steps[:target]:
            blocking = self.errors(earlier.id)
            if blocking:
                return blocking
        self._current = step
        return []

    # -- authorship, consent, synthesis ------------------------------------------------------------

    def authors(self) -> dict[str, uuid.UUID | None]:
        """The counsellor who last wrote each answer."""
        return {key: record.author_id for key, record in self._answers.items()}

    def section_authors(self) -> dict[str, set[uuid.UUID]]:
        """For each theme or step, every counsellor who wrote in it."""
        result: dict[str, set[uuid.UUID]] = {}
        for key, record in self._answers.items():
            spec = self.definition.fields.get(key)
            if spec is not None and record.author_id is not None:
                result.setdefault(spec.section, set()).add(record.author_id)
        return result

    def sensitive_allowed(self) -> bool:
        """Whether the person agreed that sensitive answers appear in the printed plan."""
        key = self.definition.spec.sensitive_consent
        return key is not None and key in self.definition.fields and self.value(key) is True

    def printable_answers(self) -> dict[str, Any]:
        """Visible, valid answers that may go into the PDF (sensitive ones only with consent)."""
        allowed = self.sensitive_allowed()
        return {
            key: value
            for key, spec in self.definition.fields.items()
            if (value := self.value(key)) is not None and (allowed or not spec.sensitive)
        }

    def synthesis(self, *, for_print: bool = False) -> Synthesis:
        """The shared synthesis; ``for_print`` leaves out sensitive content without consent."""
        return build_synthesis(
            self.definition, self.value, hide_sensitive=for_print and not self.sensitive_allowed()
        )

    # -- serialisation -----------------------------------------------------------------------

    def to_payload(self) -> dict[str, Any]:
        """JSON-compatible data holding the definition id and version with the answers."""
        return payload.dump(
            self.definition_id,
            self.definition_version,
            self._recorded_step if self.read_only else self._current,
            {key: (r.value, r.author_id, r.updated_at) for key, r in self._answers.items()},
        )

    @classmethod
    def from_payload(cls, registry: DefinitionRegistry, data: Any) -> InterviewState:
        """Read back what :meth:`to_payload` wrote, with the definition it names."""
        definition_id, version, current_step, answers = payload.load(data)
        records = {key: AnswerRecord(*values) for key, values in answers.items()}
        return open_interview(registry, definition_id, version, records, current_step=current_step)

    # -- internals ---------------------------------------------------------------------------

    def _spec(self, key: str) -> FieldSpec:
        try:
            return self.definition.fields[key]
        except KeyError:
            raise UnknownFormElement(key) from None

    def _step(self, step: str) -> Step:
        for candidate in self.definition.steps:
            if candidate.id == step:
                return candidate
        raise UnknownFormElement(step)

    def _step_index(self, step: str) -> int:
        return [candidate.id for candidate in self.definition.steps].index(step)

    def _check(self, key: str) -> tuple[Any, FieldError | None]:
        if key not in self._checked:
            spec = self.definition.fields[key]
            record = self._answers.get(key)
            self._checked[key] = (
                (None, None)
                if record is None
                else normalise(spec.question, spec.choices, key, record.value)
            )
        return self._checked[key]

    def _visibility(self) -> dict[str, bool]:
        if self._visible is None:
            visible: dict[str, bool] = {}
            self._visible = visible

            def lookup(key: str) -> Any:
                if not visible.get(key, True) or key not in self.definition.fields:
                    return None
                value, error = self._check(key)
                return None if error else value

            for key in self.definition.visibility_order:
                visible[key] = expressions.evaluate(self.definition.visibility[key], lookup)
        return self._visible


def _percent(done: int, total: int) -> int:
    return 100 if total == 0 else min(100, max(0, done * 100 // total))


def checked_answer(
    definition: FormDefinition, key: str, value: Any
) -> tuple[Any, FieldError | None]:
    """What is stored for ``key`` (``None``: no answer, clear it) and the problem it carries.

    The one rule for every writer of answers, the workspace's state and the save use case:
    a key of the definition, a normalised value, JSON-compatible; an invalid but storable
    value is kept with its problem. Raises :class:`UnknownFormElement`,
    :class:`UnstorableAnswer`.
    """
    spec = definition.fields.get(key)
    if spec is None:
        raise UnknownFormElement(key)
    value = list(value) if isinstance(value, tuple) else value
    normalised, error = normalise(spec.question, spec.choices, key, value)
    if is_empty(normalised):
        return None, error
    if not is_json(normalised):
        raise UnstorableAnswer(key)
    return normalised, error


def open_interview(
    registry: DefinitionRegistry,
    definition_id: str,
    version: int,
    answers: Mapping[str, AnswerRecord],
    *,
    current_step: str | None = None,
) -> InterviewState:
    """Open an interview with its own definition; read-only (never an error) if it is missing."""
    try:
        definition = registry.get(definition_id, version)
    except DefinitionMissing:
        reason = (
            f"Cet entretien a été mené avec le formulaire « {definition_id} » version {version}, "
            "qui n'est pas installé sur ce poste. Il est ouvert en lecture seule ; une "
            "synchronisation avec le serveur du territoire permettra de le modifier."
        )
        return InterviewState(
            _stand_in_definition(),
            answers,
            current_step=current_step,
            read_only_reason=reason,
            recorded_as=(definition_id, version),
        )
    return InterviewState(definition, answers, current_step=current_step)


def _stand_in_definition() -> FormDefinition:
    spec = DefinitionSpec(
        id="formulaire-absent",
        version=1,
        title="Formulaire absent de ce poste",
        steps=(Step(id="lecture", kind=StepKind.CONSENT, title="Lecture seule"),),
    )
    return compile_definition(spec, Source("<formulaire absent>", None))
