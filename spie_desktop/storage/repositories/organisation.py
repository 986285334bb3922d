"""Structures and counsellor accounts."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row

from spie_desktop.domain.organisation import Counsellor, Field, Structure, StructureKind

from ..models import CounsellorRow, StructureRow, table_of
from .base import RecordRepository, meta_columns


class StructureRepository(RecordRepository[Structure]):
    table = table_of(StructureRow)

    def _to_row(self, item: Structure) -> dict[str, Any]:
        return {"name": item.name, "kind": item.kind.value, "territory_code": item.territory_code}

    def _from_row(self, row: Row[Any]) -> Structure:
        m = row._mapping
        return Structure(
            **meta_columns(row),
            name=m["name"],
            kind=StructureKind(m["kind"]),
            territory_code=m["territory_code"],
        )

    def list_all(self) -> list[Structure]:
        return self._select_where(order_by=self.table.c.name)


class CounsellorRepository(RecordRepository[Counsellor]):
    table = table_of(CounsellorRow)

    def _to_row(self, item: Counsellor) -> dict[str, Any]:
        structure = item.structure_id
        return {
            "display_name": item.display_name,
            "field": item.field.value,
            "structure_id": None if structure is None else uuid.UUID(str(structure)),
            "active": item.active,
        }

    def _from_row(self, row: Row[Any]) -> Counsellor:
        m = row._mapping
        return Counsellor(
            **meta_columns(row),
            display_name=m["display_name"],
            field=Field(m["field"]),
            structure_id=m["structure_id"],
            active=m["active"],
        )

    def list_all(self) -> list[Counsellor]:
        return self._select_where(order_by=self.table.c.display_name)
