"""Read YAML while remembering the line of every key and list item.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`: plain ``dict`` and
``list`` subclasses (pydantic validates them as usual) that also know the 1-based line of
each key or item. :func:`line_at` turns a validation location such as
``("steps", 1, "panes", 0, "themes", 2)`` into the line to cite. A duplicate key in a
mapping is refused (PyYAML would silently keep the last one).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import DefinitionError, DefinitionIssue

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict[Any, Any]):
    """A mapping read from YAML, with the line of the mapping and of each key."""

    line: int = 1
    key_lines: dict[Any, int]


class LineList(list[Any]):
    """A sequence read from YAML, with the line of the sequence and of each item."""

    line: int = 1
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "clé de type non permis", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"clé « {key} » en double", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: yaml.SafeLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_yaml_text(text: str, file: str) -> Any:
    """Parse YAML text; a syntax error becomes a :class:`DefinitionError` citing its line."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = exc.problem or exc.context or "YAML invalide"
        raise DefinitionError(
            file, [DefinitionIssue(file, line, f"YAML invalide : {reason}")]
        ) from exc
    except yaml.YAMLError as exc:
        raise DefinitionError(file, [DefinitionIssue(file, 1, f"YAML invalide : {exc}")]) from exc


def load_yaml_file(path: Path) -> Any:
    """Read and parse one YAML file (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"fichier illisible : {exc.__class__.__name__}"
        raise DefinitionError(str(path), [DefinitionIssue(str(path), 1, reason)]) from exc
    return load_yaml_text(text, str(path))


def line_at(data: Any, loc: Sequence[int | str]) -> int:
    """The line of the deepest element of ``loc`` found in ``data`` (1 if none)."""
    line = getattr(data, "line", 1)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        elif isinstance(node, LineDict | LineList):
            continue  # a pydantic location part with no YAML counterpart (a union tag)
        else:
            break
    return line
