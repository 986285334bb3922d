"""The protocol's entity schemas are the desktop's synchronised tables, column for column.

The server checks every pushed record against ``spie_protocol.schemas``; the desktop stores
pulled records with ``sync_rows.row_values``. If the two drifted apart, a server would accept
records every desktop refuses. The protocol never imports the desktop;
this test holds both side by side.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text

from spie_desktop.domain.people import Person
from spie_desktop.storage.column_types import UTCDateTime, UUIDBytes
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.repositories.sync_rows import (
    doc_columns,
    row_values,
    table_for,
)
from spie_desktop.storage.store import Store
from spie_protocol.entities import ENTITIES
from spie_protocol.schemas import SCHEMAS, FieldSpec, Kind, check_fields

SAMPLE: dict[Kind, Any] = {
    Kind.TEXT: "x",
    Kind.UUID: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
    Kind.DATE: "2026-11-27",
    Kind.DATETIME: "2026-11-27T10:00:00+00:00",
    Kind.INT: 1,
    Kind.BOOL: True,
    Kind.JSON: [],
}
NOW = datetime(2026, 11, 27, tzinfo=UTC)


def _kind(column_type: Any) -> Kind:
    if isinstance(column_type, UUIDBytes):
        return Kind.UUID
    if isinstance(column_type, UTCDateTime | DateTime):
        return Kind.DATETIME
    if isinstance(column_type, Date):
        return Kind.DATE
    if isinstance(column_type, Boolean):
        return Kind.BOOL
    if isinstance(column_type, Integer):
        return Kind.INT
    if isinstance(column_type, JSON):
        return Kind.JSON
    if isinstance(column_type, String | Text):
        return Kind.TEXT
    raise AssertionError(f"no protocol kind for {column_type!r}")


def _desktop_spec(entity: str, name: str) -> FieldSpec:
    column = table_for(entity).c[name]
    kind = _kind(column.type)
    filled = (
        name in ("updated_at", "updated_by")
        or kind in (Kind.BOOL, Kind.JSON)
        or "wire_default" in column.info  # a field added later, filled when absent
    )
    nullable = bool(column.nullable)
    return FieldSpec(kind, nullable=nullable, required=not nullable and not filled)


def test_the_registry_is_the_set_of_synchronised_tables() -> None:
    assert set(SCHEMAS) == set(ENTITY_SPECS) == set(ENTITIES)


@pytest.mark.parametrize("entity", sorted(ENTITY_SPECS))
def test_each_schema_matches_its_table(entity: str) -> None:
    desktop = {name: _desktop_spec(entity, name) for name in doc_columns(entity)}
    assert SCHEMAS[entity] == desktop


@pytest.mark.parametrize("entity", sorted(ENTITY_SPECS))
def test_what_the_server_accepts_at_creation_the_desktop_stores(entity: str) -> None:
    required = {n: SAMPLE[s.kind] for n, s in SCHEMAS[entity].items() if s.required}
    assert check_fields(entity, required, creating=True) is None
    row_values(entity, required, NOW)  # raises if the desktop would refuse it
    for name in required:
        partial = {k: v for k, v in required.items() if k != name}
        assert check_fields(entity, partial, creating=True) is not None
        with pytest.raises(ValueError):
            row_values(entity, partial, NOW)


def test_what_the_desktop_journals_passes_the_server_checks(
    store: Store, person: Person, actor: uuid.UUID
) -> None:
    person.commune = "Millau"
    with store.unit_of_work(actor) as uow:
        uow.people.save(person)
    with store.unit_of_work(None) as uow:
        added, saved = uow.outbox.pending()
    assert set(added.fields) == set(doc_columns("people"))
    assert check_fields("people", added.fields, creating=True) is None
    assert check_fields("people", saved.fields, creating=False) is None
