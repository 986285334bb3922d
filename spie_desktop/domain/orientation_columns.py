"""The columns of an orientation list, and how a header row is recognised.

Lists come from the département, France Travail or a mission locale, each with its own
export: headers are matched after folding case, accents, punctuation and spaces, against the
documented names and their common variants ("Nom de naissance", "Date naiss.", "Courriel").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Column(StrEnum):
    LAST_NAME = "nom"
    FIRST_NAME = "prénom"
    BIRTH_DATE = "date de naissance"
    COMMUNE = "commune"
    INSEE_CODE = "code INSEE"
    PHONE = "téléphone"
    EMAIL = "e-mail"
    ORIENTED_BY = "orienté par"
    ORIENTED_ON = "date d'orientation"
    REASON = "motif"


#: Folded header texts recognised for each column (see :func:`fold_header`).
HEADER_VARIANTS: dict[Column, frozenset[str]] = {
    Column.LAST_NAME: frozenset(
        {
            "nom",
            "noms",
            "nom de naissance",
            "nom de famille",
            "nom d usage",
            "nom usuel",
            "nom patronymique",
            "nom naissance",
        }
    ),
    Column.FIRST_NAME: frozenset({"prenom", "prenoms", "premier prenom", "prenom usuel"}),
    Column.BIRTH_DATE: frozenset(
        {
            "date de naissance",
            "date naissance",
            "date naiss",
            "date de naiss",
            "dt naiss",
            "dt naissance",
            "ne le",
            "nee le",
            "ne e le",
            "naissance",
            "ddn",
        }
    ),
    Column.COMMUNE: frozenset(
        {"commune", "ville", "localite", "commune de residence", "ville de residence", "lieu"}
    ),
    Column.INSEE_CODE: frozenset(
        {
            "code insee",
            "insee",
            "code commune",
            "code insee commune",
            "code commune insee",
            "commune code insee",
            "commune insee",
            "cog",
        }
    ),
    Column.PHONE: frozenset(
        {
            "telephone",
            "tel",
            "telephone portable",
            "tel portable",
            "portable",
            "mobile",
            "numero de telephone",
            "n de telephone",
            "n telephone",
        }
    ),
    Column.EMAIL: frozenset(
        {
            "e mail",
            "email",
            "mail",
            "courriel",
            "adresse mail",
            "adresse e mail",
            "adresse email",
            "adresse electronique",
            "adresse courriel",
        }
    ),
    Column.ORIENTED_BY: frozenset(
        {
            "oriente par",
            "orientee par",
            "oriente e par",
            "orienteur",
            "organisme orienteur",
            "structure orienteur",
            "structure orientatrice",
            "prescripteur",
            "orientation par",
        }
    ),
    Column.ORIENTED_ON: frozenset(
        {
            "date d orientation",
            "date orientation",
            "date de l orientation",
            "date de orientation",
            "oriente le",
            "orientee le",
            "oriente e le",
            "dt orientation",
        }
    ),
    Column.REASON: frozenset(
        {"motif", "motifs", "motif d orientation", "motif de l orientation", "motif orientation"}
    ),
}
#: Without these a list cannot be imported at all.
REQUIRED_COLUMNS = (Column.LAST_NAME, Column.FIRST_NAME, Column.ORIENTED_ON)

_PUNCTUATION = re.compile(r"[^\w]+")


def fold_header(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single-spaced: ``"Date naiss."`` →
    ``"date naiss"``, ``"E-mail"`` → ``"e mail"``, ``"N° de téléphone"`` → ``"n de telephone"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("°", " ").replace("_", " ")
    return " ".join(_PUNCTUATION.sub(" ", plain).split())


_BY_FOLDED = {variant: column for column, names in HEADER_VARIANTS.items() for variant in names}


def column_of(header: str) -> Column | None:
    return _BY_FOLDED.get(fold_header(header))


@dataclass(frozen=True)
class ColumnMap:
    """Which cell index holds each recognised column (the first one, when repeated)."""

    positions: dict[Column, int]

    @classmethod
    def of_header(cls, cells: tuple[str, ...]) -> ColumnMap:
        positions: dict[Column, int] = {}
        for index, cell in enumerate(cells):
            column = column_of(cell)
            if column is not None and column not in positions:
                positions[column] = index
        return cls(positions)

    @property
    def missing(self) -> list[Column]:
        return [column for column in REQUIRED_COLUMNS if column not in self.positions]

    def cell(self, cells: tuple[str, ...], column: Column) -> str:
        index = self.positions.get(column)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()
