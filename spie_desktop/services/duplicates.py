"""Likely-duplicate detection for people: same or close name with the same birth date.

Counsellors misspell names ("Lefèvre", "Lefevre", "Lefebvre") and sometimes swap first and
last name; a second file for the same person splits their history. We compare folded names
(case, accents, hyphens removed) and allow an edit distance of 2 when the birth dates agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from spie_desktop.domain.people import fold_name

MAX_DISTANCE = 2


class NamedSummary(Protocol):
    @property
    def first_name(self) -> str: ...

    @property
    def last_name(self) -> str: ...

    @property
    def birth_date(self) -> date | None: ...


T = TypeVar("T", bound=NamedSummary)


def edit_distance(a: str, b: str, limit: int = MAX_DISTANCE) -> int:
    """Levenshtein distance, stopping early once it exceeds ``limit`` (returns limit + 1).

    Only the band of cells within ``limit`` of the diagonal is computed: a path leaving it
    costs more than ``limit`` anyway (a list import compares thousands of names)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    over = limit + 1
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, char_a in enumerate(a, start=1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        for j in range(low, high + 1):
            cost = 0 if char_a == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, over)
        if min(current[low - 1 : high + 1]) > limit:
            return over
        previous = current
    return min(previous[-1], over)


def is_likely_duplicate(first: str, last: str, birth: date | None, other: NamedSummary) -> bool:
    """Same folded name and same birth date (or one unknown), or a close spelling, same birth date."""
    names = _orders(first, last)
    other_name = fold_name(f"{other.first_name} {other.last_name}")
    if birth is None or other.birth_date is None:
        return other_name in names
    if birth != other.birth_date:
        return False
    return any(edit_distance(name, other_name) <= MAX_DISTANCE for name in names)


def likely_duplicates(
    first: str, last: str, birth: date | None, candidates: Iterable[T]
) -> list[T]:
    return [c for c in candidates if is_likely_duplicate(first, last, birth, c)]


def _orders(first: str, last: str) -> tuple[str, str]:
    return fold_name(f"{first} {last}"), fold_name(f"{last} {first}")
