"""Filling the device's offer catalogue: the one door the catalogue stream (or an export
file) goes through.

Records are data·inclusion structures and services as the national schema spells them; a
record ``{"source": …, "id": …, "deleted": true}`` removes the one it names. The catalogue is
read-only for counsellors and never pushed (it is not in the entity registry).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spie_desktop.domain.interface_sentence import say

from ..domain.errors import ValidationError
from ..storage.repositories.offer_catalogue import LoadCounts
from ..storage.session import Session

__all__ = ["LoadCounts", "load_catalogue", "load_catalogue_files"]

_REQUIRED = {
    "structure": ("source", "id", "nom"),
    "service": ("source", "id", "structure_id", "nom"),
}


def _checked(records: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise ValidationError(
                say(
                    "Catalogue : l'enregistrement {position} n'est pas un objet.", position=position
                ),
                f"{kind} record {position} is not an object",
            )
        needed = ("source", "id") if record.get("deleted") is True else _REQUIRED[kind]
        missing = [f for f in needed if not record.get(f)]
        if missing:
            raise ValidationError(
                say(
                    "Catalogue : il manque {missing} à l'enregistrement {position} ({kind}).",
                    missing=", ".join(missing),
                    position=position,
                    kind=kind,
                ),
                f"{kind} record {position} lacks {', '.join(missing)}",
            )
    return records


def load_catalogue(
    session: Session, structures: list[dict[str, Any]], services: list[dict[str, Any]]
) -> LoadCounts:
    """Upsert (by source + id) and delete these records in one transaction."""
    _checked(structures, "structure")
    _checked(services, "service")
    with session.uow() as uow:
        return uow.offer_catalogue.load(structures, services)


def _read_array(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            say("Le fichier {name} ne peut pas être lu comme un export JSON.", name=path.name),
            f"unreadable catalogue file: {type(exc).__name__}",
        ) from exc
    if not isinstance(data, list):
        raise ValidationError(
            say("Le fichier {name} doit contenir une liste d'enregistrements.", name=path.name),
            "catalogue file is not a JSON array",
        )
    return data


def load_catalogue_files(session: Session, structures: Path, services: Path) -> LoadCounts:
    """Load the national export files (a JSON array each) into the catalogue."""
    return load_catalogue(session, _read_array(structures), _read_array(services))
