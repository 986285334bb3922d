"""Validate raw YAML data against a pydantic schema, one French issue per error.

Shared by the definition loader (loader.py) and territory extensions (extensions.py).
"""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from .definition import Source
from .errors import DefinitionError, DefinitionIssue
from .schema import QuestionType
from .yaml_source import line_at

M = TypeVar("M", bound=pydantic.BaseModel)

#: Keys an extension might use to take something away from the common core.
CORE_CHANGING_KEYS = frozenset(
    {
        "steps",
        "themes",
        "remove",
        "remove_questions",
        "delete",
        "replace",
        "replace_questions",
        "change_questions",
        "override",
        "questions",
    }
)


def validate_model(model: type[M], raw: Any, source: Source) -> M:
    """Validate raw YAML data against a schema; raise with one issue per pydantic error."""
    try:
        return model.model_validate(raw)
    except pydantic.ValidationError as exc:
        errors = exc.errors()
        issues = [
            DefinitionIssue(source.file, line_at(source.raw, error["loc"]), _reason(error))
            for error in errors
            if not _echo_of_item_error(error, errors)
        ]
        raise DefinitionError(
            source.file, sorted(dict.fromkeys(issues), key=lambda i: i.line)
        ) from exc


def _echo_of_item_error(error: Any, errors: list[Any]) -> bool:
    """A "too short" on a list whose item already failed: pydantic reports both."""
    loc = tuple(error["loc"])
    return error["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and tuple(other["loc"][: len(loc)]) == loc for other in errors
    )


def _reason(error: Any) -> str:
    loc = [part for part in error["loc"] if isinstance(part, str | int)]
    name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return f"champ « {name} » obligatoire manquant"
    if kind == "extra_forbidden":
        if name in CORE_CHANGING_KEYS and loc and len(loc) == 1:
            return (
                f"« {name} » refusé : une extension ne peut qu'ajouter des questions "
                "(add_questions), jamais retirer ni modifier le socle commun"
            )
        return f"champ « {name} » inconnu"
    if kind == "enum" and name == "type":
        allowed = ", ".join(t.value for t in QuestionType)
        return f"type de question inconnu « {value} » (types permis : {allowed})"
    if kind in ("enum", "literal_error"):
        return (
            f"valeur « {value} » non permise pour « {name} » (attendu : {ctx.get('expected', '?')})"
        )
    if kind == "string_pattern_mismatch":
        return f"identifiant « {value} » invalide pour « {name} » (minuscules, chiffres, « _ » ou « - »)"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    messages = {
        "int_parsing": "nombre entier attendu",
        "int_type": "nombre entier attendu",
        "int_from_float": "nombre entier attendu",
        "float_parsing": "nombre attendu",
        "float_type": "nombre attendu",
        "bool_parsing": "true ou false attendu",
        "bool_type": "true ou false attendu",
        "string_type": "texte attendu",
        "string_too_short": "texte vide",
        "model_type": "un objet (clé: valeur) attendu",
        "model_attributes_type": "un objet (clé: valeur) attendu",
        "dict_type": "un objet (clé: valeur) attendu",
        "tuple_type": "une liste attendue",
        "list_type": "une liste attendue",
        "too_short": "liste vide",
        "greater_than_equal": f"valeur d'au moins {ctx.get('ge')} attendue",
        "greater_than": f"valeur supérieure à {ctx.get('gt')} attendue",
        "string_too_long": f"texte trop long ({ctx.get('max_length')} caractères au plus)",
    }
    message = messages.get(kind, str(error["msg"]))
    return f"« {name} » : {message}" if name else message
