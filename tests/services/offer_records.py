"""Hand-made data·inclusion records for the offer tests (fields as the national schema)."""

from __future__ import annotations

from typing import Any

#: (INSEE code, commune, latitude, longitude)
SAINT_LAURENT = ("97311", "Saint-Laurent-du-Maroni", 5.4983, -54.0325)
MANA = ("97306", "Mana", 5.6589, -53.7822)
CAYENNE = ("97302", "Cayenne", 4.9372, -52.3260)


def structure(number: int, name: str, place: tuple[str, str, float, float]) -> dict[str, Any]:
    insee, commune, lat, lon = place
    return {
        "source": "dora",
        "id": f"dora--s{number}",
        "nom": name,
        "date_maj": "2026-10-01",
        "code_insee": insee,
        "commune": commune,
        "latitude": lat,
        "longitude": lon,
    }


def service(
    number: int,
    name: str,
    place: tuple[str, str, float, float],
    *,
    structure_number: int = 1,
    description: str = "Un service pour les personnes accompagnées.",
    thematiques: tuple[str, ...] = ("mobilite--preparer-un-permis",),
    type_: str = "accompagnement",
    publics: tuple[str, ...] = ("jeunes",),
    frais: str = "gratuit",
    modes_accueil: tuple[str, ...] = ("en-presentiel",),
    offset: float = 0.0,
) -> dict[str, Any]:
    insee, commune, lat, lon = place
    return {
        "source": "dora",
        "id": f"dora--{number}",
        "structure_id": f"dora--s{structure_number}",
        "nom": name,
        "description": description,
        "date_maj": "2026-09-15",
        "type": type_,
        "thematiques": list(thematiques),
        "publics": list(publics),
        "frais": frais,
        "modes_accueil": list(modes_accueil),
        "modes_mobilisation": ["telephoner", "se-presenter"],
        "code_insee": insee,
        "commune": commune,
        "code_postal": "97320",
        "adresse": "12 rue Thiers",
        "telephone": "0594 34 00 00",
        "courriel": "mobilite@exemple.org",
        "latitude": lat + offset,
        "longitude": lon,
    }
