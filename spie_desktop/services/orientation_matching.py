"""Who a row of an orientation list is: a person already in the store, one the same list
created a few lines above, or someone new.

The rule is the existing likely-duplicate check (``duplicates.is_likely_duplicate``); the
index only narrows the candidates (same birth date, or same folded name when a birth date
is missing) so that a list of 10,000 rows against 10,000 people is not 10⁸ comparisons.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spie_desktop.domain.people import fold_name

from .duplicates import is_likely_duplicate

#: ``fold_name`` remembered: a list folds each name several times (index, both orders, the
#: orienteur of every row), and Unicode decomposition is the import's costliest step.
folded = lru_cache(maxsize=1 << 16)(fold_name)


@dataclass(frozen=True)
class KnownPerson:
    """A person the import can match: ``line`` is the list's line that created them, or
    ``None`` for someone already in the store."""

    id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: date | None
    line: int | None = None


class PeopleIndex:
    def __init__(self) -> None:
        self._by_birth: dict[date, list[KnownPerson]] = defaultdict(list)
        self._by_name: dict[str, list[KnownPerson]] = defaultdict(list)
        self._by_name_no_birth: dict[str, list[KnownPerson]] = defaultdict(list)

    def add(self, person: KnownPerson) -> None:
        name = folded(f"{person.first_name} {person.last_name}")
        self._by_name[name].append(person)
        if person.birth_date is None:
            self._by_name_no_birth[name].append(person)
        else:
            self._by_birth[person.birth_date].append(person)

    def likely(self, first: str, last: str, birth: date | None) -> list[KnownPerson]:
        """Everyone ``is_likely_duplicate`` would report, in the order they were added."""
        names = {folded(f"{first} {last}"), folded(f"{last} {first}")}
        pool: dict[uuid.UUID, KnownPerson] = {}
        if birth is None:
            for name in names:
                pool.update((p.id, p) for p in self._by_name.get(name, ()))
        else:
            pool.update((p.id, p) for p in self._by_birth.get(birth, ()))
            for name in names:
                pool.update((p.id, p) for p in self._by_name_no_birth.get(name, ()))
        return [p for p in pool.values() if is_likely_duplicate(first, last, birth, p)]
