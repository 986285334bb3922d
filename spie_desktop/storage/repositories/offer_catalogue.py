"""The offer catalogue on the device: data·inclusion structures and services, read-only.

Records come from the territory (the catalogue stream, or export files) and are upserted by
source + id; a record ``{"source", "id", "deleted": true}`` removes its row. Nothing here is
journalled in the outbox: a catalogue is not a person's record and is never pushed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Row, and_, delete, false, func, or_, select, text, tuple_
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ...domain.offer_text import fold
from ...domain.offers import OfferQuery
from ..models import CatalogueServiceRow, CatalogueStructureRow, table_of
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


def _is_deletion(record: dict[str, Any]) -> bool:
    return record.get("deleted") is True


class OfferCatalogueRepository(Repository):
    def load(
        self, structures: Sequence[dict[str, Any]], services: Sequence[dict[str, Any]]
    ) -> LoadCounts:
        """Upsert and delete these records, and bring the full-text index up to date."""
        deleted = self._delete(STRUCTURES, [r for r in structures if _is_deletion(r)])
        deleted += self._delete(SERVICES, [r for r in services if _is_deletion(r)])
        kept_structures = [r for r in structures if not _is_deletion(r)]
        kept_services = [r for r in services if not _is_deletion(r)]
        for record in kept_structures:
            self._upsert(STRUCTURES, record, {"name": record["nom"], **_place(record)})
        for record in kept_services:
            self._upsert(SERVICES, record, _service_columns(record))
        touched = {(r["source"], r["structure_id"]) for r in kept_services}
        touched |= {(r["source"], r["id"]) for r in kept_structures}
        self._reindex(touched)
        return LoadCounts(len(kept_structures), len(kept_services), deleted)

    def _upsert(self, table: Any, record: dict[str, Any], columns: dict[str, Any]) -> None:
        values = {"source": record["source"], "id": record["id"], "record": record, **columns}
        stmt = sqlite_insert(table).values(**values)
        update = {k: stmt.excluded[k] for k in values if k not in ("source", "id")}
        self._session.execute(
            stmt.on_conflict_do_update(index_elements=["source", "id"], set_=update)
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

    def _reindex(self, structures: set[tuple[str, str]]) -> None:
        """Rewrite the index entries of every service of these structures."""
        if not structures:
            return
        rows = self._session.execute(
            select(SERVICES.c.key, SERVICES.c.record, STRUCTURES.c.name)
            .select_from(SERVICES.outerjoin(STRUCTURES, _structure_join()))
            .where(tuple_(SERVICES.c.source, SERVICES.c.structure_id).in_(list(structures)))
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
        """(key, latitude, longitude) of every service matching the text and filters."""
        stmt = select(SERVICES.c.key, SERVICES.c.latitude, SERVICES.c.longitude).order_by(
            SERVICES.c.name, SERVICES.c.key
        )
        match = match_expression(query.text)
        if match is not None:
            stmt = stmt.where(SERVICES.c.key.in_(text(matching_keys_sql())))
        stmt = stmt.where(*_filters(query))
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
