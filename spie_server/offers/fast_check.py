"""A compiled conformity check of the schema's keywords, for speed: jsonschema takes about
1 ms a record, too slow for a national export of 50,000 (this takes a few µs). It only says
yes or no; a "no" is explained (and confirmed) by jsonschema, so a record is never refused
for a reason jsonschema would not give. A schema using a keyword this does not know compiles
to None, and jsonschema alone decides."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

Check = Callable[[Any], bool]
IGNORED = frozenset({"title", "description", "examples", "default", "$defs"})
TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
}


class UnknownKeyword(Exception):
    pass


def compile_schema(schema: dict[str, Any], formats: dict[str, Check]) -> Check | None:
    try:
        return _compile(schema, schema.get("$defs", {}), formats)
    except UnknownKeyword:
        return None


def _compile(node: dict[str, Any], defs: dict[str, Any], formats: dict[str, Check]) -> Check:
    checks: list[Check] = []
    for keyword, value in node.items():
        if keyword in IGNORED:
            continue
        checks.append(_keyword(keyword, value, node, defs, formats))
    return lambda v: all(check(v) for check in checks)


def _keyword(
    keyword: str, value: Any, node: dict[str, Any], defs: dict[str, Any], formats: dict[str, Check]
) -> Check:
    if keyword == "$ref":
        return _compile(defs[value.rsplit("/", 1)[1]], defs, formats)
    if keyword == "type":
        return TYPES[value]
    if keyword == "anyOf":
        options = [_compile(option, defs, formats) for option in value]
        return lambda v: any(option(v) for option in options)
    if keyword == "enum":
        allowed = frozenset(value)
        return lambda v: isinstance(v, str) and v in allowed
    if keyword == "const":
        return lambda v: v == value
    if keyword == "minLength":
        return lambda v: not isinstance(v, str) or len(v) >= value
    if keyword == "maxLength":
        return lambda v: not isinstance(v, str) or len(v) <= value
    if keyword == "pattern":
        pattern = re.compile(value)
        return lambda v: not isinstance(v, str) or pattern.search(v) is not None
    if keyword == "minimum":
        return lambda v: not TYPES["number"](v) or v >= value
    if keyword == "minItems":
        return lambda v: not isinstance(v, list) or len(v) >= value
    if keyword == "uniqueItems":
        return lambda v: not (value and isinstance(v, list)) or _unique(v)
    if keyword == "items":
        item = _compile(value, defs, formats)
        return lambda v: not isinstance(v, list) or all(item(i) for i in v)
    if keyword == "format":
        check = formats[value]
        return lambda v: not isinstance(v, str) or check(v)
    if keyword == "properties":
        props = {name: _compile(sub, defs, formats) for name, sub in value.items()}
        return lambda v: (
            not isinstance(v, dict) or all(props[name](v[name]) for name in props if name in v)
        )
    if keyword == "required":
        return lambda v: not isinstance(v, dict) or all(name in v for name in value)
    raise UnknownKeyword(keyword)


def _unique(items: list[Any]) -> bool:
    try:
        return len(set(items)) == len(items)
    except TypeError:
        return False  # unhashable items: let jsonschema compare them


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
