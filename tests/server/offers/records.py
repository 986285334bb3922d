"""data·inclusion records built from the schema itself: a valid record with every property
filled, and for each property the faults the schema forbids (wrong type, unknown enumeration
value, bad format, missing when required)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

SAMPLE_STRINGS = {
    "code_insee": "97311",
    "code_postal": "97320",
    "siret": "13003013300016",
    "telephone": "+594594000000",
}
FORMAT_SAMPLES = {
    "date": "2025-02-14",
    "email": "contact@exemple.fr",
    "uri": "https://exemple.fr/a",
}
BAD_FORMATS = {"date": "14/02/2025", "email": "pas-un-courriel", "uri": "exemple sans schéma"}


def schema(kind: str) -> dict[str, Any]:
    text = (
        resources.files("spie_protocol")
        .joinpath("data_inclusion", f"{kind}.schema.json")
        .read_text("utf-8")
    )
    document: dict[str, Any] = json.loads(text)
    return document


def _resolve(kind: str, node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        resolved: dict[str, Any] = schema(kind)["$defs"][node["$ref"].rsplit("/", 1)[1]]
        return resolved
    return node


def _option(kind: str, prop: dict[str, Any]) -> dict[str, Any]:
    """The first non-null alternative of a property."""
    for option in prop.get("anyOf", [prop]):
        option = _resolve(kind, option)
        if option.get("type") != "null":
            return option
    raise AssertionError(prop)


def sample(kind: str, name: str, node: dict[str, Any]) -> Any:
    node = _option(kind, node)
    if "enum" in node:
        return node["enum"][len(name) % len(node["enum"])]
    if "const" in node:
        return node["const"]
    kind_of_value = node["type"]
    if kind_of_value == "array":
        return [sample(kind, name, node["items"])]
    if kind_of_value == "integer":
        return max(1, node.get("minimum", 1))
    if kind_of_value == "number":
        return 4.5
    if "format" in node:
        return FORMAT_SAMPLES[node["format"]]
    text = SAMPLE_STRINGS.get(name, f"Valeur de {name} pour le test")
    return text[: node.get("maxLength", len(text))]


def valid(kind: str, number: int, **overrides: Any) -> dict[str, Any]:
    """A record of ``kind`` with every property set to a value the schema accepts."""
    record = {name: sample(kind, name, prop) for name, prop in schema(kind)["properties"].items()}
    record["source"] = "dora"
    record["id"] = f"dora--{kind}-{number}"
    if kind == "service":
        record["structure_id"] = "dora--structure-1"
        record["zone_eligibilite"] = ["973"]
    record.update(overrides)
    return record


@dataclass(frozen=True)
class Fault:
    """One way a record breaks the schema, and the field the rejection must name."""

    field: str
    what: str
    value: Any  # MISSING: the field is removed

    def apply(self, record: dict[str, Any]) -> dict[str, Any]:
        broken = dict(record)
        if self.value is MISSING:
            del broken[self.field]
        else:
            broken[self.field] = self.value
        return broken


MISSING = object()


def faults(kind: str) -> list[Fault]:
    """Every property given a value of the wrong type; every enumeration an unknown value;
    every format a malformed value; every required field removed."""
    document = schema(kind)
    out = []
    for name, prop in document["properties"].items():
        option = _option(kind, prop)
        wrong = {"nested": "object"} if option.get("type") != "object" else "text"
        out.append(Fault(name, "wrong type", wrong))
        if "enum" in option:
            out.append(Fault(name, "unknown enumeration value", "valeur-inconnue"))
        if option.get("type") == "array" and "enum" in _resolve(kind, option["items"]):
            out.append(Fault(name, "unknown enumeration value", ["valeur-inconnue"]))
        if "format" in option:
            out.append(Fault(name, "bad format", BAD_FORMATS[option["format"]]))
    for name in document["required"]:
        if not (kind == "service" and name == "structure_id"):
            out.append(Fault(name, "missing required field", MISSING))
    return out
