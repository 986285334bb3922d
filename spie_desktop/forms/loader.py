"""Load a definition file: YAML with line marks → pydantic schema → compiled definition.

Every refusal is a :class:`~spie_desktop.forms.errors.DefinitionError` listing each issue
with its file, line and a French reason. A file with an ``extends`` key is a territory
extension (see extensions.py); it needs the definition it extends, found by ``resolve_base``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .compiler import compile_definition
from .definition import FormDefinition, Source
from .errors import DefinitionError
from .extensions import ResolveBase, load_extension
from .model_validation import validate_model
from .schema import DefinitionSpec
from .yaml_source import LineDict, load_yaml_file, load_yaml_text


def load_definition(path: Path, resolve_base: ResolveBase | None = None) -> FormDefinition:
    """Load and validate one definition or extension file."""
    return definition_from_raw(load_yaml_file(path), str(path), resolve_base)


def load_definition_text(
    text: str, file: str, resolve_base: ResolveBase | None = None
) -> FormDefinition:
    """Same as :func:`load_definition`, from text already read (``file`` names it in errors)."""
    return definition_from_raw(load_yaml_text(text, file), file, resolve_base)


def definition_from_raw(
    raw: Any, file: str, resolve_base: ResolveBase | None = None
) -> FormDefinition:
    source = Source(file, raw)
    if not isinstance(raw, LineDict):
        raise DefinitionError(
            file, [source.issue((), "un objet YAML (clé: valeur) est attendu au premier niveau")]
        )
    if "extends" in raw:
        if resolve_base is None:
            raise DefinitionError(
                file, [source.issue(("extends",), "extension sans définition de base disponible")]
            )
        return load_extension(raw, source, resolve_base)
    spec = validate_model(DefinitionSpec, raw, source)
    return compile_definition(spec, source)
