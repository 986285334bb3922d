"""An orientation list read into validated orientation records.

A list is a table: a header row (found among the first non-empty rows, below a title if
there is one), then one person per row. Every row is checked on its own: a wrong row is
rejected with its line number and a French reason, the others go on. The list as a whole is
refused (:class:`OrientationListRefused`) when it is not a table, lacks a required column or
holds more than :data:`MAX_ROWS` rows: then nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from spie_desktop.domain.interface_sentence import say

from .errors import SpieError, ValidationError
from .orientation_cells import (
    CELL_MAX,
    checked_insee_code,
    is_formula,
    is_placeholder,
    looks_like_insee_code,
    parsed_date,
)
from .orientation_columns import Column, ColumnMap, fold_header
from .people import Identity

#: Rows of people one list may hold: a département's monthly list is a few hundred to a few
#: thousand; 20,000 leaves room for a yearly export and keeps an import under a minute.
MAX_ROWS = 20_000
#: How many non-empty rows may precede the header (a title, a date, a blank export line).
HEADER_SEARCH_ROWS = 10

_LABELS = {
    Column.LAST_NAME: "le nom",
    Column.FIRST_NAME: "le prénom",
    Column.BIRTH_DATE: "la date de naissance",
    Column.COMMUNE: "la commune",
    Column.INSEE_CODE: "le code INSEE",
    Column.PHONE: "le téléphone",
    Column.EMAIL: "l'e-mail",
    Column.ORIENTED_BY: "« orienté par »",
    Column.ORIENTED_ON: "la date d'orientation",
    Column.REASON: "le motif",
}
_FIELD_LABELS = {
    "first_name": "Prénom",
    "last_name": "Nom",
    "birth_date": "Date de naissance",
    "commune": "Commune",
    "phone": "Téléphone",
    "email": "E-mail",
}


@dataclass(frozen=True)
class SourceRow:
    """One line of the file as read: its number in the file (1 = first line) and cells."""

    line: int
    cells: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


@dataclass(frozen=True, kw_only=True)
class OrientationRecord:
    """One person oriented to the SPIE, as the list says, checked."""

    line: int
    identity: Identity
    insee_code: str = ""
    oriented_by: str = ""
    oriented_on: date
    reason: str = ""


@dataclass(frozen=True)
class RowRejection:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.reason}"


@dataclass
class OrientationList:
    header_line: int
    records: list[OrientationRecord] = field(default_factory=list)
    rejections: list[RowRejection] = field(default_factory=list)


class OrientationListRefused(SpieError):
    """The file cannot be imported at all; nothing of it is written."""


def not_a_table(detail_fr: str, detail_en: str) -> OrientationListRefused:
    return OrientationListRefused(
        say(
            "Ce fichier n'est pas un tableau lisible : {detail_fr} Enregistrez la liste au "
            "format CSV ou Excel (.xlsx), une personne par ligne, les noms des colonnes sur la "
            "première ligne.",
            detail_fr=detail_fr,
        ),
        f"not a table: {detail_en}",
    )


def too_many_rows() -> OrientationListRefused:
    return OrientationListRefused(
        say(
            "Cette liste compte plus de {n} lignes : rien n'a été importé. Découpez-la en "
            "plusieurs fichiers.",
            n=f"{MAX_ROWS:,}".replace(",", "\u202f"),
        ),
        f"list has more than {MAX_ROWS} rows",
    )


def read_orientation_list(rows: Iterable[SourceRow], today: date) -> OrientationList:
    """Check every row of a list; ``today`` is the territory's calendar day (nothing in the
    list may be dated after it). Raises :class:`OrientationListRefused`."""
    non_empty = (row for row in rows if not row.is_empty)
    header, columns = _find_header(non_empty)
    result = OrientationList(header_line=header.line)
    for count, row in enumerate(non_empty, start=1):
        if count > MAX_ROWS:
            raise too_many_rows()
        try:
            result.records.append(_record(row, columns, today))
        except ValidationError as error:
            result.rejections.append(RowRejection(row.line, error.message_fr))
    return result


def _find_header(rows: Iterable[SourceRow]) -> tuple[SourceRow, ColumnMap]:
    best: tuple[SourceRow, ColumnMap] | None = None
    for seen, row in enumerate(rows, start=1):
        columns = ColumnMap.of_header(row.cells)
        if best is None or len(columns.positions) > len(best[1].positions):
            best = (row, columns)
        if Column.LAST_NAME in columns.positions or seen >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        raise not_a_table("il est vide.", "empty")
    row, columns = best
    if not columns.positions:
        raise not_a_table(
            "aucune colonne attendue (nom, prénom, date d'orientation…) n'a été trouvée.",
            "no known column header",
        )
    missing = columns.missing
    if missing:
        names = ", ".join(f"« {column.value} »" for column in missing)
        plural = "s" if len(missing) > 1 else ""
        raise OrientationListRefused(
            say(
                "Colonne{plural} obligatoire{plural} absente{plural} : {names} (en-tête ligne "
                "{line}). Rien n'a été importé : ajoutez la colonne ou corrigez son en-tête (ex. "
                "« Nom », « Prénom », « Date d'orientation »).",
                plural=plural,
                names=names,
                line=row.line,
            ),
            f"missing required column(s): {', '.join(fold_header(c.value) for c in missing)}",
        )
    return row, columns


def _record(row: SourceRow, columns: ColumnMap, today: date) -> OrientationRecord:
    values = {column: columns.cell(row.cells, column) for column in Column}
    for column, text in values.items():
        if is_placeholder(text):
            values[column] = ""
        elif is_formula(text):
            raise ValidationError(
                say(
                    "{column} commence par « {text} » comme une formule de tableur : la "
                    "ligne est refusée (corrigez la cellule dans le fichier).",
                    column=_LABELS[column].capitalize(),
                    text=text[0],
                ),
                "formula cell",
                column.name.lower(),
            )
        elif len(text) > CELL_MAX:
            raise ValidationError(
                say(
                    "{column} est trop long (au plus {CELL_MAX} caractères).",
                    column=_LABELS[column].capitalize(),
                    CELL_MAX=CELL_MAX,
                ),
                "cell too long",
                column.name.lower(),
            )
    commune, insee = values[Column.COMMUNE], values[Column.INSEE_CODE]
    if commune and not insee and looks_like_insee_code(commune):
        commune, insee = "", commune
    oriented_on = parsed_date(
        values[Column.ORIENTED_ON], "oriented_on", "La date d'orientation", today
    )
    if oriented_on is None:
        raise ValidationError(
            say("La date d'orientation manque : c'est elle qui fait partir les délais."),
            "orientation date missing",
            "oriented_on",
        )
    birth_date = parsed_date(values[Column.BIRTH_DATE], "birth_date", "La date de naissance", today)
    phone = values[Column.PHONE]
    if len(phone) == 9 and phone.isdigit() and phone[0] != "0":
        phone = "0" + phone  # a spreadsheet took the number for a number and dropped its 0
    identity = Identity(
        first_name=values[Column.FIRST_NAME],
        last_name=values[Column.LAST_NAME],
        birth_date=birth_date,
        commune=commune,
        phone=phone,
        email=values[Column.EMAIL],
    )
    try:
        checked = identity.checked()
    except ValidationError as error:
        label = _FIELD_LABELS.get(error.field or "", "")
        if label and label.lower() not in error.message_fr.lower():
            raise ValidationError(
                say("{label} : {message}", label=label, message=error.said),
                error.message_en,
                error.field,
            ) from None
        raise
    return OrientationRecord(
        line=row.line,
        identity=checked,
        insee_code=checked_insee_code(insee),
        oriented_by=" ".join(values[Column.ORIENTED_BY].split()),
        oriented_on=oriented_on,
        reason=" ".join(values[Column.REASON].split()),
    )
