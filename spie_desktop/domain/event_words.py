"""A follow-up event's details said in words, for people (the access export, the file):
« Moyen : Téléphone », « Issue : Emploi durable (6 mois ou plus) », « Motif : … »."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .event_details import (
    CHANNEL,
    CHANNEL_LABELS,
    CONTRACT,
    CONTRACT_LABELS,
    DIFFICULTIES,
    DIFFICULTY_LABELS,
    EMPLOYER,
    HOURS,
    MONTH,
    NEW_ACTION,
    PLANNED,
    STILL_IN_WORK,
)
from .support_end import OUTCOME, OUTCOME_LABELS, REASON

_NAMES = {
    CHANNEL: "Moyen",
    CONTRACT: "Contrat",
    EMPLOYER: "Employeur",
    NEW_ACTION: "Nouvelle action",
    OUTCOME: "Issue",
    REASON: "Motif",
    STILL_IN_WORK: "Toujours en emploi",
    DIFFICULTIES: "Difficultés",
}
_CHOICES: dict[str, Mapping[str, str]] = {
    CHANNEL: CHANNEL_LABELS,
    CONTRACT: CONTRACT_LABELS,
    OUTCOME: {o.value: label for o, label in OUTCOME_LABELS.items()},
}


def details_in_words(details: Mapping[str, Any]) -> list[str]:
    """One short French phrase per detail, in a fixed order; an unknown key as it is."""
    words: list[str] = []
    for key, value in details.items():
        if key == PLANNED:
            words.append("Prévu" if value is True else "Réalisé")
        elif key == HOURS:
            words.append(f"{value} h par semaine")
        elif key == MONTH:
            words.append(f"Suivi à {value} mois")
        elif key == DIFFICULTIES and isinstance(value, list):
            names = ", ".join(DIFFICULTY_LABELS.get(str(v), str(v)) for v in value)
            words.append(f"Difficultés : {names or 'aucune'}")
        else:
            words.append(f"{_NAMES.get(key, key)} : {_value_in_words(key, value)}")
    return words


def _value_in_words(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    choices = _CHOICES.get(key)
    if choices is not None and str(value) in choices:
        return choices[str(value)]
    return str(value)
