"""Territory extensions: new questions added to themes of a base definition.

An extension file::

    id: aveyron                 # its own id and version: interviews record these
    version: 1
    title: Socle commun + questions de l'Aveyron
    extends: {id: socle-commun, version: 1}   # pinned: a new base version needs a new extension
    add_questions:
      mobilite:
        - id: transport_a_la_demande
          type: yes_no
          label: Connaît le transport à la demande du département

The result is the base definition with the questions appended to their themes, under the
extension's id and version. An extension only adds: redefining ``steps`` or ``themes``,
asking to remove or replace something, or reusing the id of a core question (or of a
built-in theme field) is refused with the file, line and reason. Its ``visible_if`` may
read any key of the base; the base never reads extension keys.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .compiler import compile_definition
from .definition import ExtraQuestion, FormDefinition, Source
from .errors import DefinitionError, DefinitionIssue, DefinitionMissing
from .model_validation import validate_model
from .schema import RESERVED_THEME_KEYS, ExtensionSpec

#: Finds the definition an extension extends, by id and version.
ResolveBase = Callable[[str, int], FormDefinition]


def load_extension(raw: Any, source: Source, resolve_base: ResolveBase) -> FormDefinition:
    """Validate an extension and merge it into the definition it extends."""
    spec = validate_model(ExtensionSpec, raw, source)
    try:
        base = resolve_base(spec.extends.id, spec.extends.version)
    except DefinitionMissing as exc:
        reason = (
            f"la définition étendue « {spec.extends.id} » v{spec.extends.version} est introuvable"
        )
        raise DefinitionError(source.file, [source.issue(("extends",), reason)]) from exc
    if base.extends is not None:
        reason = "une extension ne peut étendre qu'une définition de base, pas une autre extension"
        raise DefinitionError(source.file, [source.issue(("extends",), reason)])
    issues: list[DefinitionIssue] = []
    extra: list[ExtraQuestion] = []
    core_keys = set(base.fields)
    theme_ids = {theme.id for theme in base.themes()}
    for theme_id, questions in spec.add_questions.items():
        if theme_id not in theme_ids:
            issues.append(
                source.issue(
                    ("add_questions", theme_id), f"thème « {theme_id} » inconnu du socle commun"
                )
            )
            continue
        for index, question in enumerate(questions):
            loc = ("add_questions", theme_id, index)
            key = f"{theme_id}.{question.id}"
            if key in core_keys or question.id in RESERVED_THEME_KEYS:
                issues.append(
                    source.issue(
                        loc + ("id",),
                        (
                            f"« {key} » existe déjà dans le socle commun : une extension ajoute des "
                            "questions, elle ne peut ni modifier ni retirer celles du socle"
                        ),
                    )
                )
                continue
            extra.append(ExtraQuestion(theme_id, question, source, loc))
    if issues:
        raise DefinitionError(source.file, sorted(issues, key=lambda issue: issue.line))
    merged = base.spec.model_copy(
        update={
            "id": spec.id,
            "version": spec.version,
            "title": spec.title,
            "description": spec.description or base.spec.description,
        }
    )
    try:
        return compile_definition(
            merged, Source(source.file, None), extends=(base.id, base.version), extra=extra
        )
    except DefinitionError as exc:
        raise DefinitionError(source.file, exc.issues) from exc
