"""Normalise and check one answer value against its question type.

Stored values are JSON-compatible: ``str`` for texts, single choices and dates
(``YYYY-MM-DD``), ``bool`` for yes/no, ``int``/``float`` for numbers, ``int`` 0–4 for scales,
``list[str]`` for multiple choices and text lists. Input is accepted a little more loosely
(a date typed ``JJ/MM/AAAA``, a number typed ``"3,5"``, "oui"/"non") and normalised.
An empty value (``None``, ``""``, ``[]``) means "no answer".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .schema import Question, QuestionType

DEFAULT_SHORT_TEXT = 200
DEFAULT_LONG_TEXT = 10_000
MAX_LIST_ITEMS = 200

_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class FieldError:
    """A problem with one answer (or a step gate), with a French message for the screen."""

    key: str
    code: str  # required | invalid | unknown_choice | too_long | out_of_range | step_blocked
    message: str


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def is_json(value: Any) -> bool:
    """Whether a value can be stored as it is (answers are JSON documents)."""
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(is_json(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json(v) for k, v in value.items())
    return False


def normalise(
    question: Question, choices: tuple[str, ...], key: str, value: Any
) -> tuple[Any, FieldError | None]:
    """Return the value to store and the error it carries, if any.

    An invalid value is returned unchanged (when JSON-compatible) so that what was typed is
    kept; it then counts as unanswered until corrected.
    """
    kind = question.type
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return _text(question, key, value)
    if kind == QuestionType.DATE:
        return _date(key, value)
    if kind == QuestionType.NUMBER:
        return _number(question, key, value)
    if kind == QuestionType.YES_NO:
        return _yes_no(key, value)
    if kind == QuestionType.SCALE:
        return _scale(key, value)
    if kind == QuestionType.SINGLE_CHOICE:
        if isinstance(value, str) and value in choices:
            return value, None
        return value, FieldError(key, "unknown_choice", "Choix inconnu.")
    return _list(kind, choices, key, value)


def _text(question: Question, key: str, value: Any) -> tuple[Any, FieldError | None]:
    if not isinstance(value, str):
        return value, FieldError(key, "invalid", "Texte attendu.")
    default = DEFAULT_SHORT_TEXT if question.type == QuestionType.SHORT_TEXT else DEFAULT_LONG_TEXT
    limit = question.max_length or default
    if len(value) > limit:
        return value, FieldError(key, "too_long", f"Texte trop long ({limit} caractères au plus).")
    return value, None


def _date(key: str, value: Any) -> tuple[Any, FieldError | None]:
    error = FieldError(key, "invalid", "Date invalide : utilisez le format JJ/MM/AAAA.")
    if not isinstance(value, str):
        return value, error
    french, iso = _FRENCH_DATE.match(value), _ISO_DATE.match(value)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            return date(year, month, day).isoformat(), None
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return date(year, month, day).isoformat(), None
    except ValueError:
        pass
    return value, error


def _number(question: Question, key: str, value: Any) -> tuple[Any, FieldError | None]:
    number: Any = value
    if isinstance(value, str):
        text = value.strip().replace(",", ".").replace("\u202f", "").replace(" ", "")
        try:
            number = float(text) if re.search(r"[.eE]", text) else int(text)
        except ValueError:
            return value, FieldError(key, "invalid", "Nombre attendu.")
    if isinstance(number, bool) or not isinstance(number, int | float):
        return value, FieldError(key, "invalid", "Nombre attendu.")
    if isinstance(number, float) and not math.isfinite(number):
        return None, FieldError(key, "invalid", "Nombre attendu.")
    low, high = question.min, question.max
    if (low is not None and number < low) or (high is not None and number > high):
        return number, FieldError(key, "out_of_range", _range_message(low, high))
    return number, None


def _range_message(low: float | None, high: float | None) -> str:
    def show(bound: float) -> str:
        return f"{bound:g}".replace(".", ",")

    if low is not None and high is not None:
        return f"Valeur entre {show(low)} et {show(high)} attendue."
    if low is not None:
        return f"Valeur supérieure ou égale à {show(low)} attendue."
    return f"Valeur inférieure ou égale à {show(high)} attendue." if high is not None else ""


def _yes_no(key: str, value: Any) -> tuple[Any, FieldError | None]:
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str) and value.strip().lower() in ("oui", "non"):
        return value.strip().lower() == "oui", None
    return value, FieldError(key, "invalid", "Réponse oui ou non attendue.")


def _scale(key: str, value: Any) -> tuple[Any, FieldError | None]:
    number = value
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if isinstance(number, int) and not isinstance(number, bool) and 0 <= number <= 4:
        return number, None
    if isinstance(number, float) and not math.isfinite(number):
        number = None
    return number, FieldError(key, "out_of_range", "Valeur entre 0 et 4 attendue.")


def _list(
    kind: QuestionType, choices: tuple[str, ...], key: str, value: Any
) -> tuple[Any, FieldError | None]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        return value, FieldError(key, "invalid", "Liste attendue.")
    items = list(value)
    if len(items) > MAX_LIST_ITEMS:
        return items, FieldError(key, "too_long", f"Liste trop longue ({MAX_LIST_ITEMS} au plus).")
    if kind == QuestionType.TEXT_LIST:
        items = [item.strip() for item in items if item.strip()]
        too_long = any(len(item) > DEFAULT_SHORT_TEXT for item in items)
        message = f"Texte trop long ({DEFAULT_SHORT_TEXT} caractères au plus)."
        return items, FieldError(key, "too_long", message) if too_long else None
    unknown = [item for item in items if item not in choices]
    if unknown:
        return items, FieldError(key, "unknown_choice", "Choix inconnu.")
    if len(set(items)) != len(items):
        return list(dict.fromkeys(items)), None
    return items, None
