"""The data·inclusion enumerations the offer search shows: value → French label.

Read from the schema files shipped in ``spie_protocol/data_inclusion`` (the national
enumerations, unchanged). The schema labels only the sub-thématiques; the sixteen
thématiques are labelled here.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spie_protocol.thematiques import THEMATIQUE_LABELS


@cache
def _enumeration(name: str) -> dict[str, str]:
    text = resources.files("spie_protocol").joinpath("data_inclusion", f"{name}.json")
    return {item["value"]: item["label"] for item in json.loads(text.read_text("utf-8"))}


def sub_thematiques() -> dict[str, str]:
    return _enumeration("thematiques")


def types() -> dict[str, str]:
    return _enumeration("types-de-services")


def publics() -> dict[str, str]:
    return _enumeration("publics")


def frais() -> dict[str, str]:
    return _enumeration("frais")


def modes_accueil() -> dict[str, str]:
    return _enumeration("modes-accueil")


def modes_mobilisation() -> dict[str, str]:
    return _enumeration("modes-mobilisation")


def thematique_label(value: str) -> str:
    """A thématique's or sub-thématique's label (the value itself if unknown)."""
    return THEMATIQUE_LABELS.get(value) or sub_thematiques().get(value, value)


def known_thematique(value: str) -> bool:
    return value in THEMATIQUE_LABELS or value in sub_thematiques()
