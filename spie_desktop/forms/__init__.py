"""The shared diagnostic method as versioned forms, with a UI-free engine.

Definitions are YAML files (format: schema.py; built-in ones in ``definitions/``, generated
by generate_socle.py; territory extensions: extensions.py). Answer keys: definition.py.
Expression language of ``visible_if`` / ``advance_if``: expressions.py. Nothing here imports
Qt or a database; the storage layer persists what the engine accepts.

The whole API::

    registry = DefinitionRegistry(extension_dirs=[territory_dir])  # built-ins + extensions
    registry.get("socle-commun", 1) -> FormDefinition               # raises DefinitionMissing
    registry.current() -> FormDefinition      # what new interviews use (latest socle-commun)
    current_definition() -> FormDefinition    # the same, from the built-in registry
    registry.problems -> list[DefinitionError]                      # broken files, set aside
    builtin_definition("socle-commun", version=None) -> FormDefinition
    load_definition(path, resolve_base=None) -> FormDefinition      # raises DefinitionError

    state = InterviewState(definition, answers={key: AnswerRecord(value, author_id, updated_at)})
    state = open_interview(registry, definition_id, version, answers)  # read-only if missing
    state.set_answer(key, value, author_id) -> list[FieldError]     # empty value clears
    checked_answer(definition, key, value) -> (value to store or None, FieldError | None)
    state.value(key); state.is_visible(key)
    state.visible_keys(section); state.visible_questions(section)   # section: theme or step id
    state.field_error(key); state.errors(step=None); state.missing_required(step=None)
    state.progress(pane_id); state.step_progress(step_id); state.progress_overall()  # 0..100
    state.current_step; state.can_advance(); state.advance(); state.go_back(); state.go_to(step)
    state.authors(); state.section_authors()
    state.sensitive_allowed(); state.printable_answers()
    state.synthesis(for_print=False) -> Synthesis
    state.to_payload(); InterviewState.from_payload(registry, payload)
    state.read_only; state.read_only_reason                          # French message

Errors are typed :class:`~spie_desktop.domain.errors.SpieError` subclasses (errors.py);
per-answer problems are :class:`FieldError` values with a French message.
"""

from .definition import FieldSpec, FormDefinition
from .engine import AnswerRecord, InterviewState, checked_answer, open_interview
from .errors import (
    DefinitionError,
    DefinitionIssue,
    DefinitionMissing,
    PayloadError,
    ReadOnlyInterview,
    UnknownFormElement,
    UnstorableAnswer,
)
from .loader import load_definition, load_definition_text
from .registry import (
    DefinitionRegistry,
    builtin_definition,
    builtin_registry,
    current_definition,
)
from .schema import BarrierWeight, QuestionRole, QuestionType, StepKind
from .synthesis import Synthesis, ThemeBarrier
from .values import FieldError

__all__ = [
    "AnswerRecord",
    "BarrierWeight",
    "DefinitionError",
    "DefinitionIssue",
    "DefinitionMissing",
    "DefinitionRegistry",
    "FieldError",
    "FieldSpec",
    "FormDefinition",
    "InterviewState",
    "PayloadError",
    "QuestionRole",
    "QuestionType",
    "ReadOnlyInterview",
    "StepKind",
    "Synthesis",
    "ThemeBarrier",
    "UnknownFormElement",
    "UnstorableAnswer",
    "builtin_definition",
    "checked_answer",
    "builtin_registry",
    "current_definition",
    "load_definition",
    "load_definition_text",
    "open_interview",
]
