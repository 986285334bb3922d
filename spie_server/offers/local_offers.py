"""Territory-local offers no national source lists, from a simple CSV an administrator keeps
(one line per service; re-importing the file edits them, by the ``id`` column). Each line
becomes a data·inclusion service (source ``local:<territory>``) and its structure, checked
against the same schema as the national records.

Columns (header names are matched without case, accents or punctuation: "Thématiques",
"modes d'accueil" work): id, nom, structure, description, thematiques, type, publics, frais,
modes_accueil, modes_mobilisation, commune, code_insee, code_postal, adresse, telephone,
courriel, lien_mobilisation, horaires_accueil, conditions_acces, date_maj. Required: id,
nom, structure, description. Lists: comma-separated; enumerations by their value
(``mobilite--preparer-un-permis``) or their French label ("Préparer un permis").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from spie_server.offers.catalogue import CatalogueWriter
from spie_server.offers.importer import FileReport, import_records
from spie_server.offers.reading import FileFormatError, cell_value
from spie_server.offers.schema import Kind, schema_document

SERVICE_COLUMNS = (
    "nom",
    "description",
    "thematiques",
    "type",
    "publics",
    "frais",
    "modes_accueil",
    "modes_mobilisation",
    "commune",
    "code_insee",
    "code_postal",
    "adresse",
    "telephone",
    "courriel",
    "lien_mobilisation",
    "horaires_accueil",
    "conditions_acces",
)
ALIASES = {
    "thematique": "thematiques",
    "public": "publics",
    "mode_daccueil": "modes_accueil",
    "modes_daccueil": "modes_accueil",
    "mode_accueil": "modes_accueil",
    "modes_de_mobilisation": "modes_mobilisation",
    "email": "courriel",
    "code_commune": "code_insee",
}
LISTS = frozenset({"thematiques", "publics", "modes_accueil", "modes_mobilisation"})
ENUMERATIONS = {
    "thematiques": "thematiques.json",
    "publics": "publics.json",
    "modes_accueil": "modes-accueil.json",
    "modes_mobilisation": "modes-mobilisation.json",
    "frais": "frais.json",
    "type": "types-de-services.json",
}


def local_source(territory: str) -> str:
    return f"local:{territory}"


def add_local(session: Session, territory_id: int, territory: str, path: Path) -> FileReport:
    """Import (or update) the local offers of a CSV file into the caller's transaction: the
    counts are the services'; a structure refused is reported among the rejections."""
    structures: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    for record in _records(path, territory):
        (services if "structure_id" in record else structures).append(record)
    if not services:
        raise FileFormatError("no offer in the file")
    placed = import_records(session, territory_id, structures, wanted=None)
    report = import_records(session, territory_id, services, wanted=None)
    report.rejected[:0] = placed.rejected
    return report


def remove_local(session: Session, territory_id: int, territory: str, offer_id: str) -> bool:
    """Remove one local offer (a tombstone, so devices drop it); False: there is none."""
    writer = CatalogueWriter(session, territory_id, Kind.SERVICE)
    removed = writer.remove(local_source(territory), offer_id)
    writer.finish()
    return removed


def _records(path: Path, territory: str) -> Iterator[dict[str, Any]]:
    source = local_source(territory)
    structures: set[str] = set()
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as stream:
            header = stream.readline()
            stream.seek(0)
            delimiter = ";" if header.count(";") > header.count(",") else ","
            reader = csv.reader(stream, delimiter=delimiter)
            columns = [column_name(name) for name in next(reader, [])]
            missing = {"id", "nom", "structure", "description"} - set(columns)
            if missing:
                raise FileFormatError(f"missing column(s): {', '.join(sorted(missing))}")
            for cells in reader:
                if not any(cell.strip() for cell in cells):
                    continue
                row = dict(zip(columns, cells, strict=False))
                structure = _structure(row, source)
                if structure is not None and structure["id"] not in structures:
                    structures.add(structure["id"])
                    yield structure
                yield _service(row, source, structure)
    except UnicodeDecodeError:
        raise FileFormatError("the file is not UTF-8 text") from None


def _structure(row: dict[str, str], source: str) -> dict[str, Any] | None:
    name = row.get("structure", "").strip()
    if not name:
        return None
    record: dict[str, Any] = {
        "source": source,
        "id": f"{source}--{_slug(name)}",
        "nom": name,
        "date_maj": date.today().isoformat(),
    }
    for column in ("commune", "code_insee", "code_postal", "adresse"):
        if row.get(column, "").strip():
            record[column] = row[column].strip()
    return record


def _service(row: dict[str, str], source: str, structure: dict[str, Any] | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": source,
        "id": row.get("id", "").strip(),
        "structure_id": structure["id"] if structure else "",
        "date_maj": row.get("date_maj", "").strip() or date.today().isoformat(),
    }
    for column in SERVICE_COLUMNS:
        value = cell_value(row.get(column, ""), column in LISTS, None)
        if value is None:
            continue
        if column in ENUMERATIONS:
            value = (
                [enumeration_value(column, v) for v in value]
                if isinstance(value, list)
                else enumeration_value(column, str(value))
            )
        record[column] = value
    return record


def column_name(header: str) -> str:
    name = _plain(header).replace("'", "").replace("’", "")
    name = re.sub(r"[^a-z0-9]+", "_", name).strip("_")
    return ALIASES.get(name, name)


def enumeration_value(field_name: str, given: str) -> str:
    """The enumeration's value for a value or a French label (left as given if neither, for
    the schema to refuse it by name)."""
    return _labels(field_name).get(_plain(given), given)


@cache
def _labels(field_name: str) -> dict[str, str]:
    out = {}
    for item in schema_document(ENUMERATIONS[field_name]):
        out[_plain(item["value"])] = item["value"]
        out[_plain(item["label"])] = item["value"]
    return out


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _plain(text)).strip("-")[:120] or "structure"
