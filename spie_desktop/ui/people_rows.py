"""The people list's rows in plain Python: search keys, display texts, sort keys, filters.

Kept free of Qt so the filtering rules can be read and tested on their own; the table model
(:mod:`.people_model`) only holds the rows and the list of visible ones.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from spie_desktop.domain.people import fold_name
from spie_desktop.domain.situation import Stage

from .i18n import format_date, tr

if TYPE_CHECKING:
    from spie_desktop.services.people import PersonListing

#: The column titles, in French (shown through ``tr`` when the table is built).
COLUMNS = (
    "Nom",
    "Prénom",
    "Naissance",  # short: the dates are, and the stage needs the room
    "Commune",
    "Étape",
    "Dernier contact",
)


class LastContact(Enum):
    ANY = 0
    OVER_30_DAYS = 30
    OVER_45_DAYS = 45
    NEVER = -1

    @property
    def label(self) -> str:
        return {
            LastContact.ANY: tr("Tous les contacts"),
            LastContact.OVER_30_DAYS: tr("Sans contact depuis plus de 30 jours"),
            LastContact.OVER_45_DAYS: tr("Sans contact depuis plus de 45 jours"),
            LastContact.NEVER: tr("Aucun contact enregistré"),
        }[self]


class PersonRow(NamedTuple):
    """One person: the summary read, plus the folded search keys, computed once per load.

    A named tuple, built 10,000 times per load: only what a keystroke needs is computed here;
    display texts are made for the cells painted, sort keys when a header is clicked.
    """

    summary: PersonListing
    name_text: str  # " last first": a word starts where a space precedes it
    birth_text: str  # "12/03/1979 1979-03-12"

    @property
    def id(self) -> uuid.UUID:
        return self.summary.id

    @property
    def stage(self) -> Stage:
        return self.summary.stage

    @property
    def last_contact(self) -> date | None:
        return self.summary.last_contact

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(cell_text(self.summary, column) for column in range(len(COLUMNS)))


# Names and communes repeat a lot across 10,000 people: fold each distinct one once.
_fold = lru_cache(maxsize=8192)(fold_name)


# A row without the named tuple's Python-level ``__new__``: 10,000 of them per load.
_new_row = tuple.__new__


def person_row(summary: PersonListing) -> PersonRow:
    born = summary.birth_date
    # Folded names are single-spaced and stripped: one space between them when both exist.
    last_name, first_name = _fold(summary.last_name), _fold(summary.first_name)
    name_text = (
        f" {last_name} {first_name}" if last_name and first_name else f" {last_name}{first_name}"
    )
    birth_text = _birth_text(born) if born else ""
    return _new_row(PersonRow, (summary, name_text, birth_text))


def _birth_text(born: date) -> str:
    """The birth date as typed in the search box (12/03/1979) and as stored (1979-03-12)."""
    return f"{born.day:02d}/{born.month:02d}/{born.year:04d} {born.isoformat()}"


def cell_text(summary: PersonListing, column: int) -> str:
    if column == 0:
        return summary.last_name.upper()
    if column == 1:
        return summary.first_name
    if column == 2:
        return format_date(summary.birth_date)
    if column == 3:
        return summary.commune
    if column == 4:
        return tr(summary.stage.label)
    return format_date(summary.last_contact)


def sort_key(summary: PersonListing, column: int) -> Any:
    """French register order, approximately: folded names (É sorts with E), dates last if unknown."""
    if column == 0:
        return (_fold(summary.last_name), _fold(summary.first_name))
    if column == 1:
        return (_fold(summary.first_name), _fold(summary.last_name))
    if column == 2:
        return _date_key(summary.birth_date)
    if column == 3:
        return _fold(summary.commune)
    if column == 4:
        return tr(summary.stage.label)
    return _date_key(summary.last_contact)


def _date_key(day: date | None) -> tuple[bool, date]:
    return (day is None, day or date.min)  # people without a date go last


def query_tokens(text: str) -> list[str]:
    return fold_name(text).split()


def is_date_token(token: str) -> bool:
    return token[:1].isdigit() or "/" in token


def row_matches(row: PersonRow, tokens: Sequence[str]) -> bool:
    """Every token matches: digits inside the birth date, words at the start of a name."""
    return all(
        (token in row.birth_text) if is_date_token(token) else (" " + token in row.name_text)
        for token in tokens
    )


@dataclass(frozen=True)
class PeopleFilter:
    tokens: tuple[str, ...] = ()
    stage: Stage | None = None
    last_contact: LastContact = LastContact.ANY
    today: date = date.min  # only read by the last-contact filter

    @property
    def is_empty(self) -> bool:
        return not self.tokens and self.stage is None and self.last_contact is LastContact.ANY


def last_contact_matches(day: date | None, wanted: LastContact, today: date) -> bool:
    if wanted is LastContact.ANY:
        return True
    if wanted is LastContact.NEVER:
        return day is None
    return day is not None and day < today - timedelta(days=wanted.value)
