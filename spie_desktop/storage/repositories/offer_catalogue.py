"""The offer catalogue on the device: data·inclusion structures and services, read-only.

Records come from the territory (the catalogue stream, or export files) and are upserted by
source + id; a record ``{"source", "id", "deleted": true}`` removes its row. Nothing here is
journalled in the outbox: a catalogue is not a person's record and is never pushed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Row, and_, delete, false, func, or_, select, text, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain.offer_text import fold
from ...domain.offers import KM_PER_DEGREE, OfferQuery, Position
from ..catalogue_rows import CatalogueServiceRow, CatalogueStructureRow
from ..models import table_of
from ..offer_index import (
    index_body,
    match_expression,
    matching_keys_sql,
    remove_entries,
    write_entries,
)
from .base import Repository

STRUCTURES = table_of(CatalogueStructureRow)
SERVICES = table_of(CatalogueServiceRow)


@dataclass(frozen=True, slots=True)
class LoadCounts:
    structures: int = 0
    services: int = 0
    deleted: int = 0


def _tags(values: Any) -> str:
    """A list field as ``|a|b|`` (a lone value counts as a list of one)."""
    if values is None:
        return "|"
    items = [values] if isinstance(values, str) else list(values)
    return "|" + "".join(f"{v}|" for v in items)


def _coordinate(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _place(record: dict[str, Any]) -> dict[str, Any]:
    commune = record.get("commune")
    return {
        "code_insee": record.get("code_insee") or None,
        "commune_key": fold(commune) if commune else None,
        "latitude": _coordinate(record.get("latitude")),
        "longitude": _coordinate(record.get("longitude")),
    }


def _identity(record: dict[str, Any]) -> dict[str, Any]:
    return {"source": record["source"], "id": record["id"], "record": record}


def _is_deletion(record: dict[str, Any]) -> bool:
    return record.get("deleted") is True


class OfferCatalogueRepository(Repository):
    def load(
        self, structures: Sequence[dict[str, Any]], services: Sequence[dict[str, Any]]
    ) -> LoadCounts:
        """Upsert and delete these records, and bring the full-text index up to date: the
        entries of these services, and of the services of a structure whose name changed
        (it is part of their entries) — not every service of every structure named."""
        deleted = self._delete(STRUCTURES, [r for r in structures if _is_deletion(r)])
        deleted += self._delete(SERVICES, [r for r in services if _is_deletion(r)])
        kept_structures = [r for r in structures if not _is_deletion(r)]
        kept_services = [r for r in services if not _is_deletion(r)]
        renamed = self._renamed(kept_structures)
        self._upsert(
            STRUCTURES, [{"name": r["nom"], **_place(r), **_identity(r)} for r in kept_structures]
        )
        self._upsert(SERVICES, [{**_service_columns(r), **_identity(r)} for r in kept_services])
        self._reindex(
            tuple_(SERVICES.c.source, SERVICES.c.id),
            {(r["source"], r["id"]) for r in kept_services},
        )
        self._reindex(tuple_(SERVICES.c.source, SERVICES.c.structure_id), renamed)
        return LoadCounts(len(kept_structures), len(kept_services), deleted)

    def _renamed(self, structures: list[dict[str, Any]]) -> set[tuple[str, str]]:
        """The structures among these that are new or whose name is about to change."""
        if not structures:
            return set()
        wanted = {(r["source"], r["id"]): r["nom"] for r in structures}
        stored = self._session.execute(
            select(STRUCTURES.c.source, STRUCTURES.c.id, STRUCTURES.c.name).where(
                tuple_(STRUCTURES.c.source, STRUCTURES.c.id).in_(list(wanted))
            )
        )
        same = {(s, i) for s, i, name in stored if wanted.get((s, i)) == name}
        return set(wanted) - same

    def _upsert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        """One statement for every row (executemany), inserting or replacing by source + id."""
        if not rows:
            return
        stmt = sqlite_insert(table)
        update = {k: stmt.excluded[k] for k in rows[0] if k not in ("source", "id")}
        self._session.execute(
            stmt.on_conflict_do_update(index_elements=["source", "id"], set_=update), rows
        )

    def _delete(self, table: Any, records: list[dict[str, Any]]) -> int:
        if not records:
            return 0
        ids = [(r["source"], r["id"]) for r in records]
        where = tuple_(table.c.source, table.c.id).in_(ids)
        if table is SERVICES:
            keys: list[int] = list(
                self._session.execute(select(SERVICES.c.key).where(where)).scalars()
            )
            remove_entries(self._session, keys)
        result: Any = self._session.execute(delete(table).where(where))
        return int(result.rowcount or 0)

    def _reindex(self, column: Any, values: set[tuple[str, str]]) -> None:
        """Rewrite the index entries of the services whose ``column`` (a pair of columns) is
        one of ``values``."""
        if not values:
            return
        rows = self._session.execute(
            select(SERVICES.c.key, SERVICES.c.record, STRUCTURES.c.name)
            .select_from(SERVICES.outerjoin(STRUCTURES, _structure_join()))
            .where(column.in_(list(values)))
        )
        write_entries(
            self._session,
            {
                int(key): index_body(
                    str(record.get("nom", "")), str(record.get("description") or ""), str(s or "")
                )
                for key, record, s in cast("Iterable[tuple[int, dict[str, Any], str]]", rows)
            },
        )

    def count(self) -> int:
        return int(self._session.execute(select(func.count()).select_from(SERVICES)).scalar_one())

    def candidates(self, query: OfferQuery) -> list[Row[Any]]:
        """(key, latitude, longitude) of the services matching the text and filters: the
        first ``limit`` by name, or, from an origin, the ``2 × limit`` nearest by a flat-earth
        measure (exact enough to choose them; the caller measures and orders them exactly)."""
        stmt = select(SERVICES.c.key, SERVICES.c.latitude, SERVICES.c.longitude)
        match = match_expression(query.text)
        if match is not None:
            # "+key": not a rowid lookup per match, which reads every matching row with its
            # record; the covering search index is scanned instead (far fewer pages).
            stmt = stmt.where(text(f'+{SERVICES.name}."key" IN ({matching_keys_sql()})'))
        stmt = stmt.where(*_filters(query))
        origin = query.origin
        if origin is None:
            stmt = stmt.order_by(SERVICES.c.name, SERVICES.c.key).limit(query.limit)
        else:
            squared = _flat_squared_degrees(origin)
            if query.within_km is not None:
                reach = query.within_km / KM_PER_DEGREE * 1.05
                stmt = stmt.where(squared <= reach * reach)
            stmt = stmt.order_by(SERVICES.c.latitude.is_(None), squared, SERVICES.c.key).limit(
                2 * query.limit
            )
        params = {"match": match} if match is not None else {}
        return list(self._session.execute(stmt, params))

    def services(self, keys: Iterable[int]) -> dict[int, tuple[dict[str, Any], str]]:
        """Each service's record and its structure's name, by key."""
        rows = self._session.execute(
            select(SERVICES.c.key, SERVICES.c.record, STRUCTURES.c.name)
            .select_from(SERVICES.outerjoin(STRUCTURES, _structure_join()))
            .where(SERVICES.c.key.in_(list(keys)))
        )
        typed = cast("Iterable[tuple[int, dict[str, Any], str | None]]", rows)
        return {key: (record, name or "") for key, record, name in typed}

    def communes(self) -> list[tuple[str, str]]:
        """(INSEE code, commune name) of every commune where a geocoded service lies."""
        rows = self._session.execute(
            select(SERVICES.c.code_insee, func.min(SERVICES.c.record["commune"].as_string()))
            .where(SERVICES.c.code_insee.is_not(None), SERVICES.c.latitude.is_not(None))
            .group_by(SERVICES.c.code_insee)
        )
        typed = cast("Iterable[tuple[str, str | None]]", rows)
        return sorted(((code, name or code) for code, name in typed), key=lambda c: c[1])

    def commune_centre(
        self, code_insee: str | None, commune: str | None
    ) -> tuple[float, float] | None:
        """The mean position of the catalogue's geocoded records in a commune (by INSEE
        code, else by name), or None when none is geocoded there."""
        for table in (SERVICES, STRUCTURES):
            if code_insee:
                where = table.c.code_insee == code_insee
            elif commune:
                where = table.c.commune_key == fold(commune)
            else:
                return None
            found = self._session.execute(
                select(table.c.latitude, table.c.longitude).where(
                    where, table.c.latitude.is_not(None), table.c.longitude.is_not(None)
                )
            ).all()
            if found:
                return (
                    sum(r[0] for r in found) / len(found),
                    sum(r[1] for r in found) / len(found),
                )
        return None


def _flat_squared_degrees(origin: Position) -> Any:
    """Squared distance from ``origin`` in degrees of latitude, longitudes shrunk by the
    cosine of its latitude (equirectangular): pure arithmetic, so SQLite orders by it."""
    shrink = math.cos(math.radians(origin.latitude))
    dlat = SERVICES.c.latitude - origin.latitude
    dlon = (SERVICES.c.longitude - origin.longitude) * shrink
    return dlat * dlat + dlon * dlon


def _structure_join() -> Any:
    return and_(
        STRUCTURES.c.source == SERVICES.c.source, STRUCTURES.c.id == SERVICES.c.structure_id
    )


def _any_tag(column: Any, values: tuple[str, ...], *, prefix: bool = False) -> Any:
    return or_(false(), *(column.like(f"%|{v}{'--' if prefix else '|'}%") for v in values))


def _filters(query: OfferQuery) -> list[Any]:
    where: list[Any] = []
    if query.thematiques:
        exact = tuple(t for t in query.thematiques if "--" in t)
        top = tuple(t for t in query.thematiques if "--" not in t)
        where.append(
            _any_tag(SERVICES.c.thematiques, exact)
            | _any_tag(SERVICES.c.thematiques, top, prefix=True)
        )
    if query.types:
        where.append(SERVICES.c.type.in_(query.types))
    if query.frais:
        where.append(_any_tag(SERVICES.c.frais, query.frais))
    if query.publics:
        where.append(_any_tag(SERVICES.c.publics, query.publics))
    if query.modes_accueil:
        where.append(_any_tag(SERVICES.c.modes_accueil, query.modes_accueil))
    return where


def _service_columns(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "structure_id": record["structure_id"],
        "name": record["nom"],
        "thematiques": _tags(record.get("thematiques")),
        "type": record.get("type") or "",
        "publics": _tags(record.get("publics")),
        "frais": _tags(record.get("frais")),
        "modes_accueil": _tags(record.get("modes_accueil")),
        **_place(record),
    }
