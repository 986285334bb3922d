"""The data·inclusion schema (``spie_protocol/data_inclusion``): which kind a record is, and
why a record does not conform (its first fault, in one line)."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match

from spie_server.offers.fast_check import compile_schema, is_date


class Kind(StrEnum):
    STRUCTURE = "structure"
    SERVICE = "service"


def kind_of(record: dict[str, Any]) -> Kind:
    """A service names its structure (``structure_id``, required); a structure never does."""
    return Kind.SERVICE if "structure_id" in record else Kind.STRUCTURE


def schema_document(name: str) -> Any:
    """One file of the schema directory: ``service.schema.json``, ``thematiques.json``…"""
    text = resources.files("spie_protocol").joinpath("data_inclusion", name).read_text("utf-8")
    return json.loads(text)


@cache
def schema_of(kind: Kind) -> dict[str, Any]:
    document: dict[str, Any] = schema_document(f"{kind.value}.schema.json")
    return document


def list_fields(kind: Kind) -> frozenset[str]:
    """The fields whose value is a list (a CSV cell holds them as JSON or comma-separated)."""
    return _fields_of_type(kind, "array")


def number_fields(kind: Kind) -> dict[str, str]:
    """Field -> "integer" or "number", for the fields a CSV cell must turn into numbers."""
    out: dict[str, str] = {}
    for name in schema_of(kind)["properties"]:
        types = _types(schema_of(kind)["properties"][name])
        for wanted in ("integer", "number"):
            if wanted in types:
                out[name] = wanted
                break
    return out


def _fields_of_type(kind: Kind, wanted: str) -> frozenset[str]:
    props = schema_of(kind)["properties"]
    return frozenset(name for name, prop in props.items() if wanted in _types(prop))


def _types(prop: dict[str, Any]) -> set[str]:
    found = {prop["type"]} if "type" in prop else set()
    for option in prop.get("anyOf", []):
        found |= _types(option)
    return found


def _is_email(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    return bool(at and local and "." in domain and " " not in value)


def _is_uri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.scheme in {"mailto", "tel"}))


#: The formats the schema uses, as both checks understand them.
FORMATS: dict[str, Callable[[str], bool]] = {"date": is_date, "email": _is_email, "uri": _is_uri}
_formats = FormatChecker(formats=())
for _name, _check in FORMATS.items():
    _formats.checks(_name)(lambda v, check=_check: not isinstance(v, str) or check(v))


@cache
def validator(kind: Kind) -> Draft202012Validator:
    return Draft202012Validator(schema_of(kind), format_checker=_formats)


@cache
def _fast(kind: Kind) -> Callable[[Any], bool] | None:
    return compile_schema(schema_of(kind), FORMATS)


def fault(kind: Kind, record: dict[str, Any]) -> str | None:
    """Why ``record`` does not conform to the schema of ``kind`` (None: it does)."""
    fast = _fast(kind)
    if fast is not None and fast(record):
        return None
    error = best_match(validator(kind).iter_errors(record))
    return None if error is None else describe(error)


def describe(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "record"
    if error.validator == "enum":
        return f"{where}: unknown value {error.instance!r}"
    if error.validator == "required":
        return f"{where}: {error.message}"
    if error.validator == "format":
        return f"{where}: not a valid {error.validator_value}: {error.instance!r}"[:200]
    if error.validator == "anyOf" and isinstance(error.schema, dict):
        expected = _types(error.schema) - {"null"}
        accepted = expected | ({"integer"} if "number" in expected else set())
        if _json_type(error.instance) not in accepted:
            wanted = " or ".join(sorted(expected))
            return f"{where}: wrong type ({_json_type(error.instance)}), expected {wanted}"
        return f"{where}: invalid value {error.instance!r}"[:200]
    return f"{where}: {error.message}"[:200]


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    names = {float: "number", str: "string", list: "array", dict: "object"}
    return names.get(type(value), "null")
