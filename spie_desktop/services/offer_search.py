"""Searching the local offer: text and filters in the store, distance and order here.

The full-text part and the filters run in SQL (FTS5 over folded text, ``LIKE`` on the
list columns); distances come from each service's own coordinates, measured from a commune
whose position is derived from the catalogue's geocoded records for its INSEE code (or its
name, for a person's commune). Only the services shown are read in full.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from ..domain.offers import OfferQuery, OfferResult, Position, distance_km
from ..storage.session import Session

_NO_DISTANCE = float("inf")


def commune_position(
    session: Session, *, code_insee: str | None = None, commune: str | None = None
) -> Position | None:
    """Where a commune lies, from the catalogue's geocoded records there (None if unknown)."""
    with session.uow(read_only=True) as uow:
        centre = uow.offer_catalogue.commune_centre(code_insee, commune)
    return Position(*centre) if centre else None


def catalogue_communes(session: Session) -> list[tuple[str, str]]:
    """(INSEE code, name) of the communes a distance can be measured from."""
    with session.uow(read_only=True) as uow:
        return uow.offer_catalogue.communes()


def catalogue_size(session: Session) -> int:
    """How many services the device holds (none before the first catalogue sync)."""
    with session.uow(read_only=True) as uow:
        return uow.offer_catalogue.count()


def person_position(session: Session, person_id: uuid.UUID) -> Position | None:
    """The position of the person's commune, if the catalogue knows it."""
    with session.uow(read_only=True) as uow:
        person = uow.people.get(person_id)
        if not person.commune:
            return None
        centre = uow.offer_catalogue.commune_centre(None, person.commune)
    return Position(*centre) if centre else None


def search_offers(session: Session, query: OfferQuery) -> list[OfferResult]:
    """The services matching ``query``: nearest first from its origin, else by name."""
    with session.uow(read_only=True) as uow:
        candidates = uow.offer_catalogue.candidates(query)
        ranked = _ranked(candidates, query)
        chosen = ranked[: query.limit]
        details = uow.offer_catalogue.services(key for key, _ in chosen)
    return [_result(*details[key], distance) for key, distance in chosen if key in details]


def _ranked(candidates: list[Any], query: OfferQuery) -> list[tuple[int, float | None]]:
    origin = query.origin
    if origin is None:
        return [(key, None) for key, _, _ in candidates]
    measured: list[tuple[int, float | None]] = []
    for key, lat, lon in candidates:
        d = (
            None
            if lat is None or lon is None
            else distance_km(origin.latitude, origin.longitude, lat, lon)
        )
        if query.within_km is not None and (d is None or d > query.within_km):
            continue
        measured.append((key, d))
    measured.sort(key=lambda item: _NO_DISTANCE if item[1] is None else item[1])
    return measured


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return str(value) if value is not None else ""


def _items(record: dict[str, Any], key: str) -> tuple[str, ...]:
    value = record.get(key)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _result(record: dict[str, Any], structure: str, distance: float | None) -> OfferResult:
    return OfferResult(
        source=_text(record, "source"),
        id=_text(record, "id"),
        name=_text(record, "nom"),
        structure=structure,
        description=_text(record, "description"),
        thematiques=_items(record, "thematiques"),
        type=_text(record, "type"),
        modes_accueil=_items(record, "modes_accueil"),
        modes_mobilisation=_items(record, "modes_mobilisation"),
        mobilisation_details=_text(record, "mobilisation_precisions"),
        address=" ".join(
            p for p in (_text(record, "adresse"), _text(record, "complement_adresse")) if p
        ),
        commune=" ".join(p for p in (_text(record, "code_postal"), _text(record, "commune")) if p),
        phone=_text(record, "telephone"),
        email=_text(record, "courriel"),
        contact_name=_text(record, "contact_nom_prenom"),
        link=_text(record, "lien_mobilisation") or _text(record, "lien_source"),
        updated_on=_day(record.get("date_maj")),
        distance_km=distance,
        publics=_items(record, "publics"),
        frais=", ".join(_items(record, "frais")),
    )
